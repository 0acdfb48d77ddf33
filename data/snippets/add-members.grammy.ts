import type { Bot } from "grammy";

declare const bot: Bot;

// A bot cannot add people; as an admin it creates an invite link for them to use.
bot.command("invite", async (ctx) => {
  const link = await ctx.createChatInviteLink({ member_limit: 1, expire_date: Math.floor(Date.now() / 1000) + 3600 });
  await ctx.reply(`One person, one hour: ${link.invite_link}`);
});
