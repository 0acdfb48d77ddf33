import { type Bot, InputFile } from "grammy";

declare const bot: Bot;

const balance = await bot.api.getMyStarBalance();
console.log(balance.amount);
bot.command("secret", async (ctx) => {
  await ctx.replyWithPaidMedia(10, [{ type: "photo", media: new InputFile("secret.jpg") }]);
});
