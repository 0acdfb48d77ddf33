import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// Chats in common with another user: a user account only.
const common = await client.invoke(new Api.messages.GetCommonChats({ userId: "@some_user", limit: 100 }));
console.log(common.chats.map((c) => c.id));
