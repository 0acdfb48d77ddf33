import type { InlineQueryResult } from "grammy/types";
import type { Services } from "../context.js";
import { Feature } from "../feature.js";

/** Seconds Telegram may keep an answer for the same query of the same user. */
const CACHE_SECONDS = 300;
/** Deep-link payload of the "open the bot" button; /start shows the welcome for it. */
export const START_FROM_INLINE = "inline";
/**
 * Results per answer; Telegram takes at most 50. A client shows the first
 * few and asks for the next page (with `next_offset`) as the user scrolls.
 */
export const INLINE_PAGE = 20;
/** Id of the inline result with the whole reference as a picture. */
export const TABLE_RESULT_ID = "table";
/** Words that ask for the picture rather than a row. */
const PICTURE_WORDS = /\b(table|picture|image|matrix)\b|таблиц|картинк|изображени/iu;

/**
 * Inline mode, in any chat: an empty query lists every row, words rank the
 * rows by relevance, a page at a time, and a query that matches nothing is
 * still answered, with a button that opens the bot. Answers are personal
 * because they are in the language of the user who types.
 */
export function inlineFeature({ catalog, renderer, search, pictures }: Services): Feature {
  /** The picture as a result, once Telegram has it; before that it is not offered. */
  const picture = async (locale: string): Promise<InlineQueryResult | undefined> => {
    const fileId = await pictures.fileId(locale);
    if (fileId === undefined) return undefined;
    return {
      type: "photo",
      id: TABLE_RESULT_ID,
      photo_file_id: fileId,
      title: renderer.t(locale, "table-inline-title"),
      ...pictures.message(locale, true),
    };
  };

  return new Feature().inline(async (ctx) => {
    const locale = renderer.resolveLocale(await ctx.locale());
    const query = ctx.inlineQuery.query.trim();
    const slugs = query === "" ? catalog.slugs : search.search(query).map((hit) => hit.slug);
    // The offset is ours, from an earlier answer; anything else starts over.
    const offset = /^\d{1,4}$/.test(ctx.inlineQuery.offset) ? Number(ctx.inlineQuery.offset) : 0;
    const first = offset === 0;
    const wantsPicture = first && (query === "" || PICTURE_WORDS.test(query));
    const photo = wantsPicture ? await picture(locale) : undefined;
    const room = photo === undefined ? INLINE_PAGE : INLINE_PAGE - 1;
    const page = renderer.inlineResults(locale, slugs.slice(offset, offset + room));
    const more = offset + room < slugs.length;
    const results: readonly InlineQueryResult[] =
      photo === undefined ? page : query === "" ? [...page, photo] : [photo, ...page];
    await ctx.answerInlineQuery(results, {
      cache_time: CACHE_SECONDS,
      is_personal: true,
      next_offset: more ? String(offset + room) : "",
      ...(results.length === 0 && first
        ? { button: { text: renderer.t(locale, "inline-nothing-found"), start_parameter: START_FROM_INLINE } }
        : {}),
    });
  });
}
