import type { Bot } from "grammy";

declare const bot: Bot;

// A file_id works again for the same bot: no second upload.
bot.on("message:photo", async (ctx) => {
  const largest = ctx.msg.photo.at(-1);
  if (largest === undefined) return;
  console.log(largest.file_unique_id); // the same for every bot, but cannot be sent
  await ctx.replyWithPhoto(largest.file_id);
});
