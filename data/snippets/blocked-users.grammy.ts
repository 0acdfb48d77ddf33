import type { Bot } from "grammy";

declare const bot: Bot;

// A user who blocks the bot shows up as "kicked" in a private chat's my_chat_member update.
bot.on("my_chat_member", (ctx) => {
  if (ctx.chat.type === "private" && ctx.myChatMember.new_chat_member.status === "kicked")
    console.log("blocked by", ctx.chat.id);
});
