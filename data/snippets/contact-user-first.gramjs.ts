import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account may write to anyone whose privacy settings allow it.
await client.invoke(new Api.messages.SendMessage({ peer: "@some_user", message: "Hello!" }));
