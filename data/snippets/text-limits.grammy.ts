import type { Bot } from "grammy";

declare const bot: Bot;

const MAX = 4096; // characters of a message after entities parsing; a caption takes 1024

bot.command("long", async (ctx) => {
  const text = "x".repeat(10_000);
  for (let i = 0; i < text.length; i += MAX) await ctx.reply(text.slice(i, i + MAX));
});
