import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account joins a public chat by its username.
await client.invoke(new Api.channels.JoinChannel({ channel: "@some_public_group" }));
