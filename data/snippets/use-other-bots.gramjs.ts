import { Api, type TelegramClient } from "telegram";

declare const client: TelegramClient; // logged in as a user

// A user account asks another bot's inline mode, as typing "@gif cats" would.
const results = await client.invoke(
  new Api.messages.GetInlineBotResults({ bot: "@gif", peer: "me", query: "cats", offset: "" }),
);
console.log(results.results.length);
