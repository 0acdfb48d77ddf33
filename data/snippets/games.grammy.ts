import type { Bot } from "grammy";

declare const bot: Bot;

// Register the game with /newgame in @BotFather first.
bot.command("play", (ctx) => ctx.replyWithGame("my_game"));
bot.callbackQuery(/.*/, async (ctx) => {
  if (ctx.callbackQuery.game_short_name !== undefined)
    await ctx.answerCallbackQuery({ url: "https://example.com/game" });
});
