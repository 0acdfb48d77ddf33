import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A chat's history, newest first, page by page: a user account only.
const history = await client.invoke(
  new Api.messages.GetHistory({ peer: "@some_chat", offsetId: 0, addOffset: 0, limit: 100 }),
);
if (!(history instanceof Api.messages.MessagesNotModified)) console.log(history.messages.length);
