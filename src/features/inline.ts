import { Composer } from "grammy";
import type { BotContext, Services } from "../context.js";

/** Seconds Telegram may keep an answer for the same query of the same user. */
const CACHE_SECONDS = 300;
/** Deep-link payload of the "open the bot" button; /start shows the welcome for it. */
const START_FROM_INLINE = "inline";
/** Telegram's limit of results per answer. */
const MAX_RESULTS = 50;

/**
 * Inline mode, in any chat: an empty query lists every row, words rank the
 * rows by relevance, and a query that matches nothing is still answered,
 * with a button that opens the bot. Answers are personal because they are
 * in the language of the user who types.
 */
export function inlineFeature({ catalog, renderer, search }: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on("inline_query", async (ctx) => {
    const locale = renderer.resolveLocale(await ctx.i18n.getLocale());
    const query = ctx.inlineQuery.query.trim();
    const slugs = query === "" ? catalog.slugs : search.search(query).map((hit) => hit.slug);
    const results = renderer.inlineResults(locale, slugs.slice(0, MAX_RESULTS));
    await ctx.answerInlineQuery(results, {
      cache_time: CACHE_SECONDS,
      is_personal: true,
      ...(results.length === 0
        ? { button: { text: ctx.t("inline-nothing-found"), start_parameter: START_FROM_INLINE } }
        : {}),
    });
  });

  return composer;
}
