import type { Services } from "../context.js";
import { Feature } from "../feature.js";
import { editWith, replyWith } from "../telegram/send.js";

/**
 * The buttons of the overview, the sections and the cards: each tap edits the message it
 * belongs to in place, in a chat or as an inline message (which has no
 * chat, so nothing here may depend on one). The language comes from the
 * button, so a card keeps its language whoever taps it.
 */
export function browseFeature({ renderer }: Services): Feature {
  const feature = new Feature();

  feature.button("overview", async (ctx, { locale }) => {
    await ctx.answerCallbackQuery();
    await editWith(ctx, renderer.overview(locale));
  });

  feature.button("section", async (ctx, { locale, section }, next) => {
    const message = renderer.section(locale, section);
    if (message === undefined) return next();
    await ctx.answerCallbackQuery();
    await editWith(ctx, message);
  });

  feature.button("card", async (ctx, { locale, slug }, next) => {
    const card = renderer.card(locale, slug);
    if (card === undefined) return next();
    await ctx.answerCallbackQuery();
    await editWith(ctx, card);
  });

  // From the advisor's result: the card comes as a new message so the result stays.
  feature.button("send", async (ctx, { locale, slug }, next) => {
    const card = renderer.card(locale, slug);
    if (card === undefined || ctx.chat === undefined) return next();
    await ctx.answerCallbackQuery();
    await replyWith(ctx, card);
  });

  return feature;
}
