import type { Bot } from "grammy";

declare const bot: Bot;

await bot.api.setMyName("Helper");
await bot.api.setMyDescription("What I do, shown before the first /start.");
await bot.api.setMyShortDescription("Shown on my profile.", { language_code: "en" });
