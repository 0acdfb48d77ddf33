import { Composer, type Middleware, type MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import type { Route } from "../routes.js";
import { isStorageUnavailable } from "../storage.js";

/** The routes (see routes.ts) of the commands, deep links and buttons that need the state store. */
const STATEFUL_ROUTES: ReadonlySet<Route> = new Set<Route>([
  "command:choose",
  "command:cancel",
  "command:language",
  "start:choose",
  "button:advisor",
  "button:choose",
  "button:language",
]);

/** Whether an update asks for something that needs the state store. */
function needsState(ctx: BotContext): boolean {
  const route = ctx.route;
  return route !== undefined && STATEFUL_ROUTES.has(route);
}

/**
 * Runs features that keep state (/choose, /language) so that a state store
 * that cannot be reached does not take the bot down: what needs state is
 * told it is temporarily unavailable, and every other update goes on to the
 * stateless features (/compare, browsing, inline mode), which need none.
 * A tap is answered once: if the feature answered it before the store
 * failed, the user is told in the chat instead. The bot recovers by itself
 * once the store answers again.
 *
 * Like grammY's `errorBoundary`, an update the features pass on goes on
 * once they are done, outside the boundary; in one function, without the
 * layers of a `Composer` (the advisor's taps pass it on every step).
 */
export function stateful(...features: Middleware<BotContext>[]): MiddlewareFn<BotContext> {
  const [only] = features;
  const inner =
    features.length === 1 && typeof only === "function" ? only : new Composer<BotContext>(...features).middleware();
  return async (ctx, next) => {
    let passed = false;
    const onward = () => {
      passed = true;
      return Promise.resolve();
    };
    try {
      await inner(ctx, onward);
    } catch (error) {
      if (!isStorageUnavailable(error)) throw error;
      passed = !needsState(ctx);
      if (!passed) {
        const text = await ctx.translate("state-unavailable");
        if (ctx.callbackQuery !== undefined && !ctx.answered) await ctx.answerCallbackQuery({ text });
        else if (ctx.chat !== undefined) await ctx.reply(text);
      }
    }
    if (passed) await next();
  };
}
