import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("poll", async (ctx) => {
  await ctx.replyWithPoll("Tabs or spaces?", ["Tabs", "Spaces"], { is_anonymous: false });
});
// Votes in non-anonymous polls the bot sent.
bot.on("poll_answer", (ctx) => {
  console.log(ctx.pollAnswer.user?.id, ctx.pollAnswer.option_ids);
});
