import type { Bot } from "grammy";

declare const bot: Bot;

// chat_member, message_reaction and message_reaction_count come only when asked for.
await bot.start({ allowed_updates: ["message", "callback_query", "chat_member", "message_reaction"] });
