import type { Bot } from "grammy";

declare const bot: Bot;

// A bot cannot write first to just anyone; a join request opens the door for 5 minutes.
bot.on("chat_join_request", async (ctx) => {
  await ctx.api.sendMessage(ctx.chatJoinRequest.user_chat_id, "Tell us about yourself, please.");
});
