import { TelegramClient } from "telegram";
import { StringSession } from "telegram/sessions/index.js";

// Every MTProto session of the bot gets its own updates.
const client = new TelegramClient(new StringSession(""), Number(process.env.API_ID), process.env.API_HASH ?? "", {});
await client.start({ botAuthToken: process.env.BOT_TOKEN ?? "" }); // auth.importBotAuthorization
