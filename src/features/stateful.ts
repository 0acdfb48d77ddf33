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

/** Contexts whose button tap was answered already: Telegram takes one answer per tap. */
const answered = new WeakSet<BotContext>();

/** Notes when a tap is answered, by whatever feature, through the context's API. */
const noteAnswers: MiddlewareFn<BotContext> = (ctx, next) => {
  if (ctx.callbackQuery !== undefined) {
    ctx.api.config.use((prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") answered.add(ctx);
      return prev(method, payload, signal);
    });
  }
  return next();
};

/**
 * Runs features that keep state (/choose, /language) so that a state store
 * that cannot be reached does not take the bot down: what needs state is
 * told it is temporarily unavailable, and every other update goes on to the
 * stateless features (/compare, browsing, inline mode), which need none.
 * A tap is answered once: if the feature answered it before the store
 * failed, the user is told in the chat instead. The bot recovers by itself
 * once the store answers again.
 */
export function stateful(...features: Middleware<BotContext>[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.errorBoundary(
    async (err, next) => {
      if (!isStorageUnavailable(err.error)) throw err.error;
      const ctx = err.ctx;
      if (!needsState(ctx)) return next();
      const text = await ctx.translate("state-unavailable");
      if (ctx.callbackQuery !== undefined && !answered.has(ctx)) await ctx.answerCallbackQuery({ text });
      else if (ctx.chat !== undefined) await ctx.reply(text);
    },
    noteAnswers,
    ...features,
  );
  return composer;
}
