import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("topic", async (ctx) => {
  const topic = await ctx.createForumTopic("Support");
  await ctx.reply("Ask here", { message_thread_id: topic.message_thread_id });
});
