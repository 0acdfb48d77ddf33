import type { Bot } from "grammy";

declare const bot: Bot;

// An admin bot gets reaction counts of anonymous reactions, grouped and late.
bot.on("message_reaction_count", (ctx) => {
  const { message_id, reactions } = ctx.messageReactionCount;
  console.log(
    message_id,
    reactions.map((r) => r.total_count),
  );
});
await bot.start({ allowed_updates: ["message", "message_reaction_count"] });
