import type { Bot } from "grammy";

declare const bot: Bot;

// A bot reaches another bot only in a group, and only with bot-to-bot mode on in @BotFather.
bot.command("weather", async (ctx) => {
  await ctx.reply("/forecast@other_weather_bot Berlin");
});
