import type { Bot } from "grammy";

declare const bot: Bot;

bot.on("message", async (ctx) => {
  // A group that became a supergroup gets a new ID: move what you stored to it.
  const moved = ctx.msg.migrate_to_chat_id;
  if (moved !== undefined) console.log(`${ctx.chat.id} is now ${moved}`);
  await ctx.reply(`This chat's ID: ${ctx.chat.id}`);
});
