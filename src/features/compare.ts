import type { Services } from "../context.js";
import { Feature } from "../feature.js";
import { replyWith } from "../telegram/send.js";

/** How many rows a "nothing matches" answer offers. */
const SUGGESTIONS = 3;

/**
 * /compare shows the overview; `/compare <words>` goes straight to the best
 * matching row's card, or says that nothing matches and offers rows to try.
 */
export function compareFeature({ renderer, search }: Services): Feature {
  return new Feature().command("compare", async (ctx, query) => {
    const locale = await ctx.locale();
    if (query === "") return replyWith(ctx, renderer.overview(locale));
    const found = await search.get();
    const [best] = found.search(query);
    const card = best === undefined ? undefined : renderer.card(locale, best.slug);
    if (card !== undefined) return replyWith(ctx, card);
    const closest = found
      .suggest(query)
      .slice(0, SUGGESTIONS)
      .map((h) => h.slug);
    await replyWith(ctx, renderer.notFound(locale, query, closest));
  });
}
