import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("mute", async (ctx) => {
  const target = ctx.msg.reply_to_message?.from;
  if (target === undefined) return;
  await ctx.restrictChatMember(
    target.id,
    { can_send_messages: false },
    { until_date: Math.floor(Date.now() / 1000) + 3600 },
  );
});
bot.command("ban", async (ctx) => {
  const target = ctx.msg.reply_to_message?.from;
  if (target !== undefined) await ctx.banChatMember(target.id);
});
