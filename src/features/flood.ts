import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "../context.js";
import type { Translate } from "../render/message.js";

/** How many updates a user may send in a time window. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Keeps one user flooding the bot from slowing it for others: updates over
 * the limit are dropped before any work is done for them. Buttons still get
 * a short answer, so the user's client stops waiting. Counted per instance,
 * in memory, so the limit costs no round trip and works without a store.
 *
 * Every update with a user counts; the bot does not run it for inline
 * queries, which a client sends one per keystroke while the user types.
 */
export function floodLimit(
  rate: RateLimit,
  localeOf: (languageCode: string | undefined) => string,
  t: Translate,
  logger: Logger,
): MiddlewareFn<BotContext> {
  return limit<BotContext, never>({
    limit: rate.limit,
    timeFrame: rate.windowMs,
    alwaysReply: true,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    // The store is this instance's own: no prefix to build for every update.
    keyPrefix: "",
    onLimitExceeded: (ctx) => {
      logger.debug({ user: ctx.from?.id, update_id: ctx.update.update_id }, "rate limited");
      if (ctx.callbackQuery === undefined) return;
      // Before any work, the app's language: the /language choice would cost a store read.
      const text = t(localeOf(ctx.from?.language_code), "rate-limited");
      ctx
        .answerCallbackQuery({ text })
        .catch((err: unknown) => logger.warn({ err }, "could not answer a rate-limited button"));
    },
  });
}
