import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// The active stories of a user or channel, on a user account.
const { stories } = await client.invoke(new Api.stories.GetPeerStories({ peer: "@some_channel" }));
console.log(stories.stories.length);
