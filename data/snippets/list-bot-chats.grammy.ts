import type { Bot } from "grammy";

declare const bot: Bot;

// No method lists the bot's chats: keep your own list from my_chat_member updates.
const chats = new Set<number>();
bot.on("my_chat_member", (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  if (status === "left" || status === "kicked") chats.delete(ctx.chat.id);
  else chats.add(ctx.chat.id);
});
