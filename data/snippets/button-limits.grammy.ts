import { type Bot, InlineKeyboard } from "grammy";

declare const bot: Bot;

const data = "item:12345";
if (Buffer.byteLength(data) > 64) throw new Error("callback_data is 1-64 bytes");
bot.command("item", (ctx) => ctx.reply("Item", { reply_markup: new InlineKeyboard().text("Open", data) }));
