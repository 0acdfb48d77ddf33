import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/**
 * The last handler for buttons: any callback query that no feature took,
 * from an old layout or forged, is answered with a short toast so the
 * user's client stops waiting, and nothing else changes.
 */
export function fallbackFeature(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.callbackQuery === undefined) return next();
    await ctx.answerCallbackQuery({ text: await ctx.translate("callback-outdated") });
  };
}
