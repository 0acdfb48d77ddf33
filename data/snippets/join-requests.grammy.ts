import type { Bot } from "grammy";

declare const bot: Bot;

bot.on("chat_join_request", async (ctx) => {
  await ctx.approveChatJoinRequest(ctx.chatJoinRequest.from.id);
  // user_chat_id lets the bot write first, for 5 minutes, even if the person never started it.
  await ctx.api.sendMessage(ctx.chatJoinRequest.user_chat_id, "Welcome!");
});
