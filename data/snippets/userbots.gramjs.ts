import { TelegramClient } from "telegram";
import { StringSession } from "telegram/sessions/index.js";

// A userbot is a user account driven by a program: it logs in with a phone number.
const client = new TelegramClient(new StringSession(""), Number(process.env.API_ID), process.env.API_HASH ?? "", {});
await client.start({
  phoneNumber: () => Promise.resolve(process.env.PHONE ?? ""),
  phoneCode: () => Promise.resolve(process.env.CODE ?? ""), // the code Telegram sends
  onError: (err) => console.error(err),
});
