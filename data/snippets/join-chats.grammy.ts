import type { Bot } from "grammy";

declare const bot: Bot;

// A bot cannot join by itself: someone adds it, and it learns so from my_chat_member.
bot.on("my_chat_member", async (ctx) => {
  if (ctx.myChatMember.new_chat_member.status === "member") await ctx.reply("Thanks for adding me!");
});
