import { Bot } from "grammy";

// The token from @BotFather is all the Bot API needs.
const bot = new Bot(process.env.BOT_TOKEN ?? "");
const me = await bot.api.getMe();
console.log(`@${me.username}`);
