import type { Bot } from "grammy";

declare const bot: Bot;

// A Telegram Business account connected the bot: it answers in that account's chats.
bot.on("business_message", async (ctx) => {
  await ctx.reply("We will get back to you soon."); // sent on the account's behalf
});
bot.on("business_connection", (ctx) => {
  console.log(ctx.businessConnection.user.id, ctx.businessConnection.rights?.can_reply);
});
