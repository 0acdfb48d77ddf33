import { TelegramClient } from "telegram";
import { StringSession } from "telegram/sessions/index.js";

// Each program logs in with a session of its own, and every session gets every update.
// Two programs on one session fail with AUTH_KEY_DUPLICATED.
const client = new TelegramClient(new StringSession(""), Number(process.env.API_ID), process.env.API_HASH ?? "", {});
await client.start({ botAuthToken: process.env.BOT_TOKEN ?? "" }); // auth.importBotAuthorization
