import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("clean", async (ctx) => {
  const upTo = ctx.msg.message_id;
  const ids = Array.from({ length: 100 }, (_, i) => upTo - i).filter((id) => id > 0);
  await ctx.deleteMessages(ids); // 1-100 IDs; those not found are skipped
});
