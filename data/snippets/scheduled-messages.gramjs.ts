import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account schedules a message for an hour from now.
await client.invoke(
  new Api.messages.SendMessage({
    peer: "@some_chat",
    message: "Reminder",
    scheduleDate: Math.floor(Date.now() / 1000) + 3600,
  }),
);
