import type { Bot } from "grammy";

declare const bot: Bot;

// A message for the bot as a guest, in a chat it was summoned to.
bot.on("message", async (ctx) => {
  const query = ctx.msg.guest_query_id;
  if (query === undefined) return;
  await ctx.api.answerGuestQuery(query, {
    type: "article",
    id: "1",
    title: "Answer",
    input_message_content: { message_text: "Hi!" },
  });
});
