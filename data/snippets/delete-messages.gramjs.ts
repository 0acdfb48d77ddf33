import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user (an admin)

// An admin's user account deletes everything one member wrote in a supergroup.
await client.invoke(
  new Api.channels.DeleteParticipantHistory({ channel: "@some_supergroup", participant: "@some_user" }),
);
