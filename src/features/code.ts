import { Feature } from "../feature.js";
import type { CodeCards } from "../render/code.js";
import { editWith } from "../telegram/send.js";

/**
 * The "Code" button of the cards: the same message turns into the row's
 * code and, with its back button, into the card again. It edits whatever
 * message the button is on, in a chat or posted inline (no chat there).
 */
export function codeFeature(cards: CodeCards): Feature {
  return new Feature().button("code", async (ctx, { locale, slug }, next) => {
    const view = cards.code(locale, slug);
    if (view === undefined) return next();
    await ctx.answerCallbackQuery();
    await editWith(ctx, view);
  });
}
