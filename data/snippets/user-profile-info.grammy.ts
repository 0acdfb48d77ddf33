import type { Bot } from "grammy";

declare const bot: Bot;

bot.command("profile", async (ctx) => {
  const info = await ctx.api.getChat(ctx.from?.id ?? 0); // bio, birthdate, personal_chat; no last seen
  const photos = await ctx.api.getUserProfilePhotos(ctx.from?.id ?? 0, { limit: 1 });
  await ctx.reply(`${info.bio ?? "no bio"}, ${photos.total_count} photos`);
});
