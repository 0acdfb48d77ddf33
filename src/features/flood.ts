import type { Context, MiddlewareFn } from "grammy";
import type { Logger } from "pino";
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
 * The count of every user starts again each `windowMs` (a fixed window, as
 * @grammyjs/ratelimiter counts).
 *
 * Own code rather than @grammyjs/ratelimiter: the plugin's async layer and
 * string keys cost about a tenth of bare grammY per update in `npm run
 * bench`; this is one lookup in a map by user id.
 *
 * Every update with a user counts; the bot does not run it for inline
 * queries, which a client sends one per keystroke while the user types.
 */
export function floodLimit<C extends Context>(
  rate: RateLimit,
  localeOf: (languageCode: string | undefined) => string,
  t: Translate,
  logger: Logger,
): MiddlewareFn<C> {
  const hits = new Map<number, number>();
  let windowEnds = 0;
  const exceeded = (ctx: C, user: number) => {
    logger.debug({ user, update_id: ctx.update.update_id }, "rate limited");
    if (ctx.callbackQuery === undefined) return;
    // Before any work, the app's language: the /language choice would cost a store read.
    const text = t(localeOf(ctx.from?.language_code), "rate-limited");
    ctx
      .answerCallbackQuery({ text })
      .catch((err: unknown) => logger.warn({ err }, "could not answer a rate-limited button"));
  };
  return (ctx, next) => {
    const user = ctx.from?.id;
    if (user === undefined) return next();
    const now = Date.now();
    if (now >= windowEnds) {
      hits.clear();
      windowEnds = now + rate.windowMs;
    }
    const count = (hits.get(user) ?? 0) + 1;
    hits.set(user, count);
    if (count <= rate.limit) return next();
    exceeded(ctx, user);
    return Promise.resolve();
  };
}
