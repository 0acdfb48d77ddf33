import type { InlineQueryResult } from "grammy/types";
import type { Services } from "../context.js";
import { Feature } from "../feature.js";
import { DEEP_LINKS } from "../routes.js";

/** Seconds Telegram may keep an answer for the same query of the same user. */
const CACHE_SECONDS = 300;
/**
 * Results per answer; Telegram takes at most 50. A client shows the first
 * few and asks for the next page (with `next_offset`) as the user scrolls.
 */
export const INLINE_PAGE = 20;
/** Words that ask for the pictures rather than a row. */
const PICTURE_WORDS = /\b(?:table|pictures?|images?|matrix)\b|таблиц\p{L}*|картинк\p{L}*|изображени\p{L}*/giu;

/**
 * Inline mode, in any chat: an empty query lists every row, words rank the
 * rows by relevance, a page at a time, and a query that matches nothing is
 * still answered, with a button that opens the bot. Answers are personal
 * because they are in the language of the user who types.
 */
export function inlineFeature({ catalog, renderer, search, pictures }: Services): Feature {
  /**
   * The pictures Telegram has, as results: with picture words, every
   * section's (the section of the best row for the other words first) and
   * the whole table; on the empty query, the whole table alone.
   */
  const pictureResults = async (locale: string, query: string): Promise<readonly InlineQueryResult[]> => {
    if (query === "") return pictures.inlineResults(locale, { all: false });
    const rest = query.replace(PICTURE_WORDS, " ").trim();
    if (rest === query) return [];
    const best = rest === "" ? undefined : (await search.get()).search(rest)[0]?.slug;
    const first = best === undefined ? undefined : renderer.matrix(locale).bySlug.get(best)?.section;
    return pictures.inlineResults(locale, first === undefined ? { all: true } : { all: true, first });
  };

  return new Feature().inline(async (ctx) => {
    const locale = renderer.resolveLocale(await ctx.locale());
    const query = ctx.inlineQuery.query.trim();
    const slugs = query === "" ? catalog.slugs : (await search.get()).search(query).map((hit) => hit.slug);
    // The offset is ours, from an earlier answer; anything else starts over.
    const offset = /^\d{1,4}$/.test(ctx.inlineQuery.offset) ? Number(ctx.inlineQuery.offset) : 0;
    const first = offset === 0;
    const photos = first ? await pictureResults(locale, query) : [];
    const room = INLINE_PAGE - photos.length;
    const page = renderer.inlineResults(locale, slugs.slice(offset, offset + room));
    const more = offset + room < slugs.length;
    const results: readonly InlineQueryResult[] = query === "" ? [...page, ...photos] : [...photos, ...page];
    await ctx.answerInlineQuery(results, {
      cache_time: CACHE_SECONDS,
      is_personal: true,
      next_offset: more ? String(offset + room) : "",
      ...(results.length === 0 && first
        ? { button: { text: renderer.t(locale, "inline-nothing-found"), start_parameter: DEEP_LINKS.inline } }
        : {}),
    });
  });
}
