import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("members", async (ctx) => {
  const count = await ctx.getChatMemberCount(); // how many, not who
  const admins = await ctx.getChatAdministrators(); // the bot itself included; other bots only with return_bots
  const me = await ctx.getChatMember(ctx.me.id); // one user at a time, by ID
  await ctx.reply(`${count} members, ${admins.length} admins; I am ${me.status}`);
});
