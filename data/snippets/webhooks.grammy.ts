import { createServer } from "node:http";
import { type Bot, webhookCallback } from "grammy";

declare const bot: Bot;

const secretToken = process.env.WEBHOOK_SECRET ?? ""; // 1-256 of A-Z a-z 0-9 _ -
const handle = webhookCallback(bot, "http", { secretToken });
createServer((req, res) => void handle(req, res)).listen(8080);
await bot.api.setWebhook("https://bot.example.com/", { secret_token: secretToken });
console.log((await bot.api.getWebhookInfo()).pending_update_count);
