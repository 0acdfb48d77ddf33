import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// Views of channel posts, for a user account.
const views = await client.invoke(
  new Api.messages.GetMessagesViews({ peer: "@some_channel", id: [42, 43], increment: false }),
);
console.log(views.views.map((v) => v.views));
