import { Composer } from "grammy";
import { callbackPattern, decodeCallback } from "../callback-data.js";
import type { BotContext, Services } from "../context.js";
import { editWith, replyWith } from "../telegram.js";

/**
 * The buttons of the overview and the cards: each tap edits the message it
 * belongs to in place, in a chat or as an inline message (which has no
 * chat, so nothing here may depend on one). The language comes from the
 * button, so a card keeps its language whoever taps it.
 */
export function browseFeature({ renderer }: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(callbackPattern("overview"), async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (action?.kind !== "overview") return next();
    await ctx.answerCallbackQuery();
    await editWith(ctx, renderer.overview(action.locale));
  });

  composer.callbackQuery(callbackPattern("card"), async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const card = action?.kind === "card" ? renderer.card(action.locale, action.slug) : undefined;
    if (card === undefined) return next();
    await ctx.answerCallbackQuery();
    await editWith(ctx, card);
  });

  // From the advisor's result: the card comes as a new message so the result stays.
  composer.callbackQuery(callbackPattern("send"), async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const card = action?.kind === "send" ? renderer.card(action.locale, action.slug) : undefined;
    if (card === undefined || ctx.chat === undefined) return next();
    await ctx.answerCallbackQuery();
    await replyWith(ctx, card);
  });

  return composer;
}
