import type { Bot } from "grammy";

declare const bot: Bot;

// The Bot API way to act in a person's chats: a business connection with the can_reply right.
bot.on("business_message", async (ctx) => {
  if (ctx.businessMessage.text === "?") await ctx.reply("Auto-reply: back soon");
});
