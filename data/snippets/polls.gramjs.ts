import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// Who voted for what in a non-anonymous poll: a user account only.
const votes = await client.invoke(new Api.messages.GetPollVotes({ peer: "@some_chat", id: 42, limit: 50 }));
console.log(votes.count, votes.votes.length);
