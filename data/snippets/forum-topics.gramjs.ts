import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// The topics of a forum, page by page (GramJS 2.26, layer 198, names it channels.getForumTopics).
const topics = await client.invoke(new Api.channels.GetForumTopics({ channel: "@some_forum", limit: 50 }));
console.log(topics.count, topics.topics.length);
