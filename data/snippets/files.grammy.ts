import type { Bot } from "grammy";

declare const bot: Bot;

bot.on("message:document", async (ctx) => {
  try {
    const file = await ctx.getFile(); // refused above 20 MB: "Bad Request: file is too big"
    await ctx.reply(`https://api.telegram.org/file/bot<token>/${file.file_path ?? ""}`);
  } catch {
    await ctx.reply("Too big for the Bot API: use a local Bot API server or MTProto.");
  }
});
