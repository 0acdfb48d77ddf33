import { type Bot, Keyboard } from "grammy";

declare const bot: Bot;

bot.command("pick", async (ctx) => {
  const keyboard = new Keyboard().requestUsers("Choose a friend", 1, { user_is_bot: false }).resized().oneTime();
  await ctx.reply("Whom shall I greet?", { reply_markup: keyboard });
});
bot.on("message:users_shared", async (ctx) => {
  await ctx.reply(`You chose ${ctx.msg.users_shared.users.map((u) => u.user_id).join(", ")}`, {
    reply_markup: { remove_keyboard: true },
  });
});
