import {
  type CallbackQueryContext,
  Composer,
  type InlineQueryContext,
  type Middleware,
  type MiddlewareFn,
  type NextFunction,
} from "grammy";
import type { CallbackAction } from "./callback-data.js";
import type { BotContext } from "./context.js";
import type { Route } from "./routing.js";

/** The callback action of one kind, as `decodeCallback` returns it. */
export type ActionOf<K extends CallbackAction["kind"]> = Extract<CallbackAction, { kind: K }>;

/**
 * One feature of the bot: its handlers, each filed under the route it
 * serves (a command, a kind of button, inline queries). The bot works out
 * an update's route once and calls the handlers of that route directly, so
 * an update costs one lookup, not a filter per handler of every feature.
 *
 * A handler that calls `next` passes the update to the next handler of the
 * same route, then to whatever the bot runs for updates nobody handled.
 *
 * @example
 * ```ts
 * const feature = new Feature()
 *   .command("help", async (ctx) => ctx.reply("..."))
 *   .button("card", async (ctx, { slug }) => ctx.answerCallbackQuery(slug));
 * bot.use(dispatch([feature], fallback));
 * ```
 */
export class Feature {
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
   * follows the command, trimmed, as `payload`.
   *
   * @param name the command in lower case, without the slash
   */
  command(name: string, handler: (ctx: BotContext, payload: string, next: NextFunction) => Promise<unknown>): this {
    if (name !== name.toLowerCase() || name.startsWith("/")) {
      throw new Error(`Register commands in lower case without the slash: "${name}"`);
    }
    return this.on(`command:${name}`, (ctx, next) => handler(ctx, ctx.payload, next));
  }

  /**
   * Handles taps on the bot's buttons of one kind, with their data decoded.
   * Data that does not decode, forged or outdated, never gets here.
   */
  button<K extends CallbackAction["kind"]>(
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
}

/**
 * The middleware that runs the features: each update goes to the handlers
 * of its route (see `routeOf`), in the order the features are given; an
 * update without a route, or that no handler took, goes to `otherwise`.
 * Everything is put together once, when the bot is built: `Composer.route`
 * and the router plugin, which does the same job, build a `Composer` for
 * every update they route.
 */
export function dispatch(features: readonly Feature[], otherwise: MiddlewareFn<BotContext>): MiddlewareFn<BotContext> {
  const collected = new Map<Route, MiddlewareFn<BotContext>[]>();
  for (const feature of features) {
    for (const [route, handlers] of feature.routes)
      collected.set(route, [...(collected.get(route) ?? []), ...handlers]);
  }
  const table = new Map<string, MiddlewareFn<BotContext>>();
  for (const [route, handlers] of collected) {
    table.set(
      route,
      handlers.length === 1 ? (handlers[0] as MiddlewareFn<BotContext>) : new Composer(...handlers).middleware(),
    );
  }
  return (ctx, next) => {
    const route = ctx.route;
    const handler = route === undefined ? undefined : table.get(route);
    if (handler === undefined) return otherwise(ctx, next);
    // A middleware's promise passes as it is: Promise.resolve() of a promise is that promise.
    return handler(ctx, () => Promise.resolve(otherwise(ctx, next)) as Promise<void>);
  };
}
