import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";
import { decodeCallback } from "./callback-data.js";
import { commandOf } from "./telegram.js";

/**
 * The route of an update: `inline`, `button:<kind>` for the bot's own
 * buttons, `command:<name>` for commands, or `undefined` for anything else
 * (free text, stickers, buttons with data the bot did not write).
 *
 * Routing once per update costs one lookup, where letting every feature's
 * filters look at every update costs a filter per handler.
 */
export function routeOf(ctx: Context): string | undefined {
  if (ctx.inlineQuery !== undefined) return "inline";
  if (ctx.callbackQuery !== undefined) {
    const action = decodeCallback(ctx.callbackQuery.data);
    return action === null ? undefined : `button:${action.kind}`;
  }
  const command = commandOf(ctx);
  return command === undefined ? undefined : `command:${command}`;
}

/**
 * Runs `middleware` for the updates `predicate` accepts and passes the rest
 * on. Like `Composer.filter`, but the middleware is put together once, not
 * for every update.
 */
export function when<C extends Context>(
  predicate: (ctx: C) => boolean | Promise<boolean>,
  ...middleware: Middleware<C>[]
): MiddlewareFn<C> {
  const inner = new Composer<C>(...middleware).middleware();
  return async (ctx, next) => ((await predicate(ctx)) ? inner(ctx, next) : next());
}

/**
 * Runs the middleware of an update's route, or `fallback` for updates
 * without a route or with a route nobody handles. Like `Composer.route`,
 * but everything is put together once: grammY's version builds a new
 * `Composer` for every update.
 *
 * @example
 * ```ts
 * bot.use(dispatch((ctx) => ctx.route, { "command:compare": compare }, ask));
 * ```
 */
export function dispatch<C extends Context>(
  router: (ctx: C) => string | undefined,
  routes: Record<string, Middleware<C>>,
  fallback: Middleware<C>,
): MiddlewareFn<C> {
  const table = new Map(Object.entries(routes).map(([route, mw]) => [route, new Composer<C>(mw).middleware()]));
  const otherwise = new Composer<C>(fallback).middleware();
  return (ctx, next) => {
    const route = router(ctx);
    return ((route === undefined ? undefined : table.get(route)) ?? otherwise)(ctx, next);
  };
}
