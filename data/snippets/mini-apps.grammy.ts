import type { Bot } from "grammy";

declare const bot: Bot;

// The menu button opens a Mini App in every private chat with the bot.
await bot.api.setChatMenuButton({
  menu_button: { type: "web_app", text: "Open", web_app: { url: "https://example.com/app" } },
});
