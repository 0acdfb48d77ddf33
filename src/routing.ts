import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";
import type { CallbackAction } from "./callback-data.js";
import { isCommand, isDeepLink, type Route } from "./routes.js";
import { commandOf } from "./telegram/commands.js";

/**
 * The route of an update (see {@link Route}): `inline`, `button:<kind>` for
 * the bot's own buttons, `start:<payload>` for its deep links,
 * `command:<name>` for its commands, or `undefined` for anything else.
 * `button` is the update's callback data, decoded, and `payload` what
 * follows the command.
 *
 * Routing once per update costs one lookup, where letting every feature's
 * filters look at every update costs a filter per handler.
 */
export function routeOf(ctx: Context, button: CallbackAction | null, payload: string): Route | undefined {
  if (ctx.inlineQuery !== undefined) return "inline";
  if (ctx.callbackQuery !== undefined) return button === null ? undefined : `button:${button.kind}`;
  const command = commandOf(ctx);
  if (command === undefined || !isCommand(command)) return undefined;
  if (command === "start" && isDeepLink(payload)) return `start:${payload}`;
  return `command:${command}`;
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
  return (ctx, next) => {
    const accepted = predicate(ctx);
    if (typeof accepted === "boolean") return accepted ? inner(ctx, next) : next();
    return accepted.then((yes) => (yes ? inner(ctx, next) : next()));
  };
}

/**
 * Runs `middleware` for every update but those `skip` accepts, which go on
 * at once: for plugins that some kinds of update do not need.
 */
export function unless<C extends Context>(skip: (ctx: C) => boolean, middleware: MiddlewareFn<C>): MiddlewareFn<C> {
  return (ctx, next) => (skip(ctx) ? next() : middleware(ctx, next));
}

/**
 * Runs middleware one after the other, like a `Composer` of them, for the
 * few layers every update passes: a `Composer` wraps each layer in two
 * async functions and a check that `next` is called once, which costs about
 * a tenth of a microsecond per layer and update. The middleware given here
 * must call `next` at most once (plugins and the bot's own layers do).
 *
 * A layer's `next` hands on the promise of the layers after it as it is
 * (`Promise.resolve` returns a promise unchanged): no async function and
 * no promise of its own per layer and update, which `npm run bench` shows
 * on every path. Their result is never read, only awaited.
 */
export function chain<C extends Context>(...middleware: MiddlewareFn<C>[]): MiddlewareFn<C> {
  return middleware.reduceRight<MiddlewareFn<C>>(
    (after, layer) => (ctx, next) => layer(ctx, () => Promise.resolve(after(ctx, next)) as Promise<void>),
    (_ctx, next) => next(),
  );
}
