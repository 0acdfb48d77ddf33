import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("count", async (ctx) => {
  const sent = await ctx.reply("3");
  for (const n of ["2", "1", "Go!"]) await ctx.api.editMessageText(ctx.chat.id, sent.message_id, n);
});
