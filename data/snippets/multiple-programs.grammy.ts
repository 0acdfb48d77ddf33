import { Bot } from "grammy";

// Any number of programs may send with the same token…
const sender = new Bot(process.env.BOT_TOKEN ?? "");
await sender.api.sendMessage(Number(process.env.CHAT_ID), "Report ready");

// …but one alone receives: a second getUpdates gets 409 Conflict.
const receiver = new Bot(process.env.BOT_TOKEN ?? "");
receiver.on("message", (ctx) => ctx.reply("Hi"));
await receiver.start();
