import type { Bot } from "grammy";

declare const bot: Bot;

// A user created a bot through this one: the token of the new bot.
bot.on("managed_bot", async (ctx) => {
  const token = await ctx.api.getManagedBotToken(ctx.update.managed_bot.bot.id);
  console.log(token.length > 0); // keep it secret, like your own
});
