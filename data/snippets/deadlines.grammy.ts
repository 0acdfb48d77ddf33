import type { Bot } from "grammy";

declare const bot: Bot;

bot.on("callback_query:data", async (ctx) => {
  await ctx.answerCallbackQuery(); // answer first: the button spins until then
  await ctx.reply("Working on it…");
});
bot.on("pre_checkout_query", async (ctx) => {
  await ctx.answerPreCheckoutQuery(true); // within 10 seconds, or the payment fails
});
