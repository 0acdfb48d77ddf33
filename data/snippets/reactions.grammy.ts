import type { Bot } from "grammy";

declare const bot: Bot;

bot.on("message", async (ctx) => {
  await ctx.react("👍"); // one reaction at most; two give "Bad Request: REACTIONS_TOO_MANY"
});
// Reaction updates reach an admin bot, when asked for in allowed_updates.
bot.on("message_reaction", (ctx) => {
  console.log(ctx.messageReaction.new_reaction);
});
await bot.start({ allowed_updates: ["message", "message_reaction"] });
