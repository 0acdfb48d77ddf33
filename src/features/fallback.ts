import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * The last handler for buttons: any callback query that no feature took,
 * from an old layout or forged, is answered with a short toast so the
 * user's client stops waiting, and nothing else changes.
 */
export function fallbackFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: await ctx.translate("callback-outdated") });
  });
  return composer;
}
