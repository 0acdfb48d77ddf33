import { TelegramClient } from "telegram";
import { StringSession } from "telegram/sessions/index.js";

// MTProto also needs api_id and api_hash from my.telegram.org; a bot then logs in with its token.
const client = new TelegramClient(new StringSession(""), Number(process.env.API_ID), process.env.API_HASH ?? "", {});
await client.start({ botAuthToken: process.env.BOT_TOKEN ?? "" });
console.log(client.session.save()); // keep the session string secret, like the token
