import type { Bot } from "grammy";

declare const bot: Bot;

// With bot-to-bot mode on in @BotFather (either bot), the other bot gets a command addressed to it.
bot.command("ask", async (ctx) => {
  await ctx.reply("/status@other_bot");
});
