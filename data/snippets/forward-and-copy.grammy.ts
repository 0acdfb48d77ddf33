import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("save", async (ctx) => {
  const replied = ctx.msg.reply_to_message;
  if (replied === undefined) return;
  await ctx.api.forwardMessage(ctx.chat.id, ctx.chat.id, replied.message_id); // with "Forwarded from"
  await ctx.api.copyMessage(ctx.chat.id, ctx.chat.id, replied.message_id, { protect_content: true }); // without
});
