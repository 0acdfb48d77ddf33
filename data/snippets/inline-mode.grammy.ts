import type { Bot } from "grammy";

declare const bot: Bot;

// Turn inline mode on with /setinline in @BotFather first.
bot.on("inline_query", async (ctx) => {
  const text = ctx.inlineQuery.query || "Hello";
  await ctx.answerInlineQuery(
    [{ type: "article", id: "1", title: `Send "${text}"`, input_message_content: { message_text: text } }],
    { cache_time: 300 },
  );
});
