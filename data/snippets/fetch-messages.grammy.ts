import type { Bot } from "grammy";

declare const bot: Bot;

// No getMessage: a reply brings the message it answers, once.
bot.on("message", async (ctx) => {
  const replied = ctx.msg.reply_to_message;
  if (replied === undefined) return;
  await ctx.reply(`You replied to message ${replied.message_id}`);
  // Knowing only an ID: copyMessage returns the new ID, forwardMessage the whole Message.
  await ctx.api.copyMessage(ctx.chat.id, ctx.chat.id, replied.message_id);
});
