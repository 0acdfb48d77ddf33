import { type Bot, Keyboard } from "grammy";

declare const bot: Bot;

// A bot never looks up a number; the person may share their own.
bot.command("phone", (ctx) =>
  ctx.reply("Share your number?", { reply_markup: new Keyboard().requestContact("📱 Share").oneTime() }),
);
bot.on("message:contact", (ctx) => console.log(ctx.msg.contact.phone_number, ctx.msg.contact.user_id));
