import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in over MTProto

// By ID: messages.getMessages (private chats, basic groups), channels.getMessages (supergroups, channels).
const result = await client.invoke(
  new Api.channels.GetMessages({ channel: "@some_supergroup", id: [new Api.InputMessageID({ id: 42 })] }),
);
if (!(result instanceof Api.messages.MessagesNotModified)) console.log(result.messages.length);
