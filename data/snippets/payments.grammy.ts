import type { Bot } from "grammy";

declare const bot: Bot;

// Digital goods are sold in Telegram Stars (currency XTR, no provider token).
bot.command("buy", async (ctx) => {
  await ctx.replyWithInvoice("Pro", "A month of Pro", "pro-1m", "XTR", [{ label: "Pro", amount: 100 }]);
});
bot.on("pre_checkout_query", (ctx) => ctx.answerPreCheckoutQuery(true));
bot.on("message:successful_payment", async (ctx) => {
  await ctx.reply(`Paid: ${ctx.msg.successful_payment.total_amount} Stars`);
});
