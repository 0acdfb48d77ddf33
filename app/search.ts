import type MiniSearch from "minisearch";
import type { normalizeTerm as NormalizeTerm } from "../src/matrix/search.js";
import { APP_LOCALES, type AppData, type AppRow, SEARCH_ENGINE_ID } from "../src/miniapp/shape.js";

/** What the search engine's script (app/engine.ts) leaves on the page's global object. */
export interface SearchEngine {
  MiniSearch: typeof MiniSearch;
  normalizeTerm: typeof NormalizeTerm;
}

/**
 * Runs the search engine's script, which the page carries as inert text
 * (id {@link SEARCH_ENGINE_ID}) so that the browser neither compiles nor
 * runs it before the first paint. The page's content security policy lists
 * its hash, as it lists the first script's.
 */
function loadEngine(): SearchEngine {
  const global = globalThis as { rowSearchEngine?: SearchEngine };
  if (global.rowSearchEngine === undefined) {
    const code = document.getElementById(SEARCH_ENGINE_ID)?.textContent;
    if (code == null) throw new Error("the page carries no search engine");
    const script = document.createElement("script");
    script.textContent = code;
    document.head.append(script);
  }
  if (global.rowSearchEngine === undefined) throw new Error("the search engine did not start");
  return global.rowSearchEngine;
}

/** Splits on anything that is neither a letter nor a digit, in any script (as the bot does). */
const TOKEN_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** Typos tolerated in a word, as the bot tolerates them: none in short words, where one edit makes another word. */
function fuzziness(term: string): number {
  if (term.length <= 3) return 0;
  return term.length <= 6 ? 1 : 2;
}

interface Doc {
  id: string;
  slug: string;
  title: string;
  keywords: string;
  body: string;
}

function toDoc(locale: string, row: AppRow): Doc {
  const sides = Object.values(row.sides);
  return {
    id: `${locale}:${row.slug}`,
    slug: row.slug,
    title: `${row.title} ${row.slug.replaceAll("-", " ")}`,
    keywords: row.keywords.join(" "),
    body: [row.summary, ...sides.flatMap((s) => [s.headline ?? "", ...s.lines, ...s.methods])].join(" "),
  };
}

/** Documents indexed between two breaks, so that the page keeps answering while the index is built. */
const CHUNK = 6;

/**
 * Search as you type over both languages at once, with the bot's word
 * handling (its stemming, stop words and typo tolerance, imported from the
 * bot's own search) and its ranking: a row ranks by its best language, and
 * rows that match more of the words come first.
 *
 * Stemming every word of the reference takes a phone a moment, so the index
 * is built in small chunks once the page is drawn: {@link search} answers
 * `undefined` until it is ready, and {@link ready} says when. Its code
 * (MiniSearch, the stemmers: over half of the app's code) is only compiled
 * and run then (see {@link loadEngine}).
 */
export class RowSearch {
  private index: MiniSearch<Doc> | undefined;
  private normalizeTerm: typeof NormalizeTerm = () => null;
  private building: Promise<void> | undefined;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly data: AppData) {}

  /** Starts building the index (once) and resolves when it is ready. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<void> {
    // The engine's text comes after the app's script: asked for while the page
    // is still being read, it waits for the rest.
    if (document.readyState === "loading") {
      await new Promise((resolve) => addEventListener("DOMContentLoaded", resolve, { once: true }));
    }
    const { MiniSearch, normalizeTerm } = loadEngine();
    this.normalizeTerm = normalizeTerm;
    const index = new MiniSearch<Doc>({
      fields: ["title", "keywords", "body"],
      storeFields: ["slug"],
      tokenize: (text) => text.split(TOKEN_SEPARATOR),
      processTerm: normalizeTerm,
      searchOptions: {
        boost: { title: 3, keywords: 2, body: 1 },
        prefix: (term) => term.length >= 3,
        fuzzy: (term) => fuzziness(term),
        maxFuzzy: 2,
        combineWith: "OR",
      },
    });
    const docs = APP_LOCALES.flatMap((locale) => this.data.locales[locale].rows.map((row) => toDoc(locale, row)));
    await index.addAllAsync(docs, { chunkSize: CHUNK });
    this.index = index;
  }

  /**
   * Slugs of the rows matching `query`, best first; empty for a query with no
   * words worth searching; `undefined` while the index is being built.
   */
  search(query: string): readonly string[] | undefined {
    const key = query.trim().toLowerCase().slice(0, 256);
    const known = this.cache.get(key);
    if (known !== undefined) return known;
    if (this.index === undefined) {
      void this.ready();
      return undefined;
    }
    const normalizeTerm = this.normalizeTerm;
    const words = key.split(TOKEN_SEPARATOR).filter((w) => w !== "" && normalizeTerm(w) !== null);
    const best = new Map<string, number>();
    if (words.length > 0) {
      for (const hit of this.index.search(words.join(" "))) {
        // Each word counts once, whichever of its forms matched: a row that
        // answers more of the query beats one that matches one word well.
        const covered = words.filter((w) => (normalizeTerm(w) ?? []).some((f) => hit.queryTerms.includes(f))).length;
        const score = hit.score * (0.25 + covered / words.length);
        const slug = hit["slug"] as string;
        if ((best.get(slug) ?? 0) < score) best.set(slug, score);
      }
    }
    let slugs = [...best.entries()].sort((a, b) => b[1] - a[1]).map(([slug]) => slug);
    // A query that is exactly a row's slug puts that row first, as in the bot.
    if (this.data.locales.en.rows.some((r) => r.slug === key)) slugs = [key, ...slugs.filter((s) => s !== key)];
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(key, slugs);
    return slugs;
  }
}
