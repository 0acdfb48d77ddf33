import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account starts a video chat in a group it administers.
await client.invoke(
  new Api.phone.CreateGroupCall({ peer: "@some_group", randomId: Math.floor(Math.random() * 2 ** 31) }),
);
