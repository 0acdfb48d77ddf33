import {
  type CallbackQueryContext,
  Composer,
  type InlineQueryContext,
  type Middleware,
  type MiddlewareFn,
  type MiddlewareObj,
  type NextFunction,
} from "grammy";
import type { CallbackAction } from "./callback-data.js";
import type { BotContext } from "./context.js";
import type { ButtonKind, Command, DeepLink, Route } from "./routes.js";

/** The callback action of one kind, as `decodeCallback` returns it. */
export type ActionOf<K extends CallbackAction["kind"]> = Extract<CallbackAction, { kind: K }>;

/**
 * One feature of the bot: its handlers, each filed under the route it
 * serves (a command, a deep link, a kind of button, inline queries; see
 * routes.ts). The bot works out an update's route once and calls the
 * handlers of that route directly, so an update costs one lookup, not a
 * filter per handler of every feature.
 *
 * A handler that calls `next` passes the update to the next handler of the
 * same route, then to whatever the bot runs for updates nobody handled.
 * A feature is middleware too (`bot.use(feature)`), for a bot or a test of
 * its own.
 *
 * @example
 * ```ts
 * const feature = new Feature()
 *   .command("help", async (ctx) => ctx.reply("..."))
 *   .button("card", async (ctx, { slug }) => ctx.answerCallbackQuery(slug));
 * bot.use(dispatch([feature], fallback));
 * ```
 */
export class Feature implements MiddlewareObj<BotContext> {
  /** The handlers by route, in the order they were added. */
  readonly routes = new Map<Route, MiddlewareFn<BotContext>[]>();

  /** Handles a route with plain middleware. */
  on(route: Route, handler: MiddlewareFn<BotContext>): this {
    const handlers = this.routes.get(route) ?? [];
    handlers.push(handler);
    this.routes.set(route, handlers);
    return this;
  }

  /**
   * Handles `/<name>` in any case (also `/<name>@<this bot>`), with what
   * follows the command, trimmed, as `payload`. `/start` with the payload
   * of one of the bot's deep links goes to {@link deepLink} instead, and
   * comes here only if no handler of that deep link took it.
   *
   * @param name one of the bot's commands (routes.ts), without the slash
   */
  command(name: Command, handler: (ctx: BotContext, payload: string, next: NextFunction) => Promise<unknown>): this {
    return this.on(`command:${name}`, (ctx, next) => handler(ctx, ctx.payload, next));
  }

  /** Handles `/start <payload>`, as a deep link t.me/<bot>?start=<payload> sends it. */
  deepLink(payload: DeepLink, handler: (ctx: BotContext, next: NextFunction) => Promise<unknown>): this {
    return this.on(`start:${payload}`, handler);
  }

  /**
   * Handles taps on the bot's buttons of one kind, with their data decoded.
   * Data that does not decode, forged or outdated, never gets here.
   */
  button<K extends ButtonKind>(
    kind: K,
    handler: (ctx: CallbackQueryContext<BotContext>, action: ActionOf<K>, next: NextFunction) => Promise<unknown>,
  ): this {
    return this.on(`button:${kind}`, (ctx, next) =>
      handler(ctx as CallbackQueryContext<BotContext>, ctx.button as ActionOf<K>, next),
    );
  }

  /** Handles inline queries. */
  inline(handler: (ctx: InlineQueryContext<BotContext>, next: NextFunction) => Promise<unknown>): this {
    return this.on("inline", (ctx, next) => handler(ctx as InlineQueryContext<BotContext>, next));
  }

  /**
   * Wraps every handler of this feature in `wrap`, such as an error
   * boundary or a session only this feature needs: the wrapping runs for
   * this feature's routes only.
   */
  around(wrap: (handler: MiddlewareFn<BotContext>) => Middleware<BotContext>): this {
    for (const [route, handlers] of this.routes) {
      this.routes.set(
        route,
        handlers.map((handler) => new Composer(wrap(handler)).middleware()),
      );
    }
    return this;
  }

  /** Runs this feature alone: an update no handler takes goes on. */
  middleware(): MiddlewareFn<BotContext> {
    return dispatch([this], (_ctx, next) => next());
  }
}

/**
 * The middleware that runs the features: each update goes to the handlers
 * of its route (see `routeOf`), in the order the features are given; an
 * update without a route, or that no handler took, goes to `otherwise`.
 * A deep link no handler took goes on to the handlers of `/start`.
 * Everything is put together once, when the bot is built: `Composer.route`
 * and the router plugin, which do the same job, build a `Composer` for
 * every update they route.
 */
export function dispatch(features: readonly Feature[], otherwise: MiddlewareFn<BotContext>): MiddlewareFn<BotContext> {
  const collected = new Map<Route, MiddlewareFn<BotContext>[]>();
  for (const feature of features) {
    for (const [route, handlers] of feature.routes)
      collected.set(route, [...(collected.get(route) ?? []), ...handlers]);
  }
  const start = collected.get("command:start") ?? [];
  const table = new Map<Route, MiddlewareFn<BotContext>>();
  for (const [route, handlers] of collected) {
    const all = route.startsWith("start:") ? [...handlers, ...start] : handlers;
    table.set(route, all.length === 1 ? (all[0] as MiddlewareFn<BotContext>) : new Composer(...all).middleware());
  }
  return (ctx, next) => {
    const route = ctx.route;
    // A deep link with no handler of its own is a /start.
    const handler = route === undefined ? undefined : (table.get(route) ?? table.get(fallbackOf(route)));
    if (handler === undefined) return otherwise(ctx, next);
    return handler(ctx, async () => {
      await otherwise(ctx, next);
    });
  };
}

/** Where a route goes when nothing handles it: a deep link is a /start. */
function fallbackOf(route: Route): Route {
  return route.startsWith("start:") ? "command:start" : route;
}
