import type { Bot } from "grammy";

declare const bot: Bot;

// getMe tells whether privacy mode is off for this bot.
const me = await bot.api.getMe();
console.log(me.can_read_all_group_messages ? "every group message" : "commands, replies and mentions only");

// As an admin the bot gets every message in that group either way.
bot.on("message", async (ctx) => {
  const member = await ctx.getChatMember(ctx.me.id);
  if (member.status === "administrator") console.log("sees everything here");
});
