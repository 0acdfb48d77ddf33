import { type Bot, Keyboard } from "grammy";

declare const bot: Bot;

// No username lookup for users; the person picks someone, and the bot gets the ID.
bot.command("pick", (ctx) =>
  ctx.reply("Whom?", { reply_markup: new Keyboard().requestUsers("Choose", 1, { request_username: true }).oneTime() }),
);
bot.on("message:users_shared", (ctx) => console.log(ctx.msg.users_shared.users));
// Public chats and channels: getChat("@username").
console.log((await bot.api.getChat("@telegram")).id);
