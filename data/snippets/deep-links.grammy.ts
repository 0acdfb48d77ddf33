import type { Bot } from "grammy";

declare const bot: Bot;

// t.me/<bot>?start=ref42 arrives as "/start ref42".
bot.command("start", async (ctx) => {
  const payload = ctx.match; // "ref42": up to 64 characters of A-Z, a-z, 0-9, _ and -
  await ctx.reply(payload === "" ? "Welcome!" : `Welcome, invited by ${payload}`);
});
