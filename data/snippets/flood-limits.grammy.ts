import { autoRetry } from "@grammyjs/auto-retry";
import type { Bot } from "grammy";

declare const bot: Bot;

// On 429 Telegram says how long to wait (parameters.retry_after); the plugin waits and tries again.
bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
