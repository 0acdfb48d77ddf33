import { type Bot, InlineKeyboard } from "grammy";

declare const bot: Bot;

bot.command("vote", (ctx) => ctx.reply("Like it?", { reply_markup: new InlineKeyboard().text("👍", "vote:up") }));
bot.callbackQuery("vote:up", async (ctx) => {
  await ctx.answerCallbackQuery("Counted"); // callback_data: 1-64 bytes
  await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text("👍 1", "vote:up") });
});
