import type { Bot } from "grammy";

declare const bot: Bot;

// No getUser: users come inside updates; getChat works for users the bot has met.
bot.on("message", async (ctx) => {
  const user = ctx.from; // User: id, names, username, language_code, is_premium
  const full = await ctx.api.getChat(user.id); // ChatFullInfo: bio, birthdate, personal_chat
  console.log(user.id, full.bio);
});
