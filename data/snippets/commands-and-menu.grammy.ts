import type { Bot } from "grammy";

declare const bot: Bot;

await bot.api.setMyCommands([{ command: "start", description: "Start" }]);
await bot.api.setMyCommands([{ command: "start", description: "Начать" }], { language_code: "ru" });
await bot.api.setMyCommands([{ command: "ban", description: "Ban a user" }], {
  scope: { type: "all_chat_administrators" },
});
