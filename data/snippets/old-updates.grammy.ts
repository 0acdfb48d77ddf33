import type { Bot } from "grammy";

declare const bot: Bot;

// Updates wait up to 24 hours; this drops the backlog at start instead of replaying it.
await bot.api.deleteWebhook({ drop_pending_updates: true });
await bot.start();
