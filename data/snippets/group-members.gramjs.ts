import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as the bot (botAuthToken) or as a user

// A supergroup or channel, one page of up to 200 members at a time.
const page = await client.invoke(
  new Api.channels.GetParticipants({
    channel: "@some_supergroup",
    filter: new Api.ChannelParticipantsRecent(),
    offset: 0,
    limit: 200,
  }),
);
if (page instanceof Api.channels.ChannelParticipants) console.log(page.count, page.users.length);
