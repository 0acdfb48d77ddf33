import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// Who reacted to a message: a user account, not in channels.
const list = await client.invoke(new Api.messages.GetMessageReactionsList({ peer: "@some_group", id: 42, limit: 50 }));
console.log(
  list.count,
  list.reactions.map((r) => r.peerId),
);
