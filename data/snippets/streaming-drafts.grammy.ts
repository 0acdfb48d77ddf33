import type { Bot } from "grammy";

declare const bot: Bot;

// In a private chat the answer shows as it is written (a 30-second preview), then is sent for real.
bot.on("message:text", async (ctx) => {
  let text = "";
  for (const word of ["Thinking", "about", "it…"]) {
    text += `${word} `;
    await ctx.api.sendMessageDraft(ctx.chat.id, 1, text);
  }
  await ctx.reply(text);
});
