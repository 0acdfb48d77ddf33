import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account (an admin, as the people's privacy settings allow) adds users to a supergroup.
await client.invoke(new Api.channels.InviteToChannel({ channel: "@some_supergroup", users: ["@some_user"] }));
