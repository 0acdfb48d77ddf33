import MiniSearch, { type SearchResult } from "minisearch";
import { newStemmer } from "snowball-stemmers";
import type { Catalog, Row } from "./load.js";

/** One row found by a search, with how well it matched. */
export interface Hit {
  slug: string;
  /** Relevance; only comparable between hits of the same query. */
  score: number;
  /**
   * Share of the query's meaningful words (stop words aside) that this row
   * matched, from 0 to 1: how much of the question the row answers.
   */
  coverage: number;
  /** How many of the query's meaningful words this row matched. */
  matched: number;
}

/** Longest query that is looked at, in characters; Telegram's inline limit. */
export const MAX_QUERY_LENGTH = 256;
/** Only this many words of a query are searched, so a long query stays cheap. */
const MAX_TERMS = 16;
/** A longer word is not a word anyone types; it is cut to keep fuzzy matching cheap. */
const MAX_TERM_LENGTH = 24;

const english = newStemmer("english");
const russian = newStemmer("russian");

/**
 * Words too common in questions about the two APIs to tell the rows apart.
 * Matching is on stems, so the list holds stems.
 */
const STOP_WORDS = new Set(
  [
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "from", "at", "as", "is", "are",
    "be", "it", "its", "i", "my", "me", "we", "our", "you", "your", "can", "could", "do", "does", "how", "what",
    "which", "why", "when", "there", "this", "that", "if", "not", "no", "bot", "bots", "api", "telegram", "tg",
    "client", "mtproto", "use", "using", "via", "about", "way", "get", "will", "would", "should", "am", "all",
    "any", "some", "just", "also", "see", "error", "when", "where", "want", "need", "possible", "there", "then",
    "lot", "much", "many", "very", "really",
    "и", "или", "в", "во", "на", "с", "со", "к", "по", "из", "у", "о", "об", "за", "для", "от", "до", "ли", "же",
    "как", "что", "можно", "могу", "может", "мой", "моя", "мое", "мои", "мне", "я", "бот", "бота", "боту", "ботом",
    "api", "апи", "телеграм", "телеграма", "телеграмм", "клиент", "через", "это", "не", "нет", "ли", "а", "но",
  ].map((w) => stemWord(w)),
);

function stemWord(word: string): string {
  if (/[а-я]/.test(word)) return russian.stem(word);
  if (/^[a-z]+$/.test(word)) return english.stem(word);
  return word;
}

/**
 * Turns one token into the forms that are indexed and searched: lower case
 * with "ё" as "е", both as written and stemmed in its own script (a typo is
 * often closer to the written word than to its stem), stop words dropped.
 */
export function normalizeTerm(term: string): string[] | null {
  const lower = term.toLowerCase().replaceAll("ё", "е").slice(0, MAX_TERM_LENGTH);
  if (lower.length === 0) return null;
  const stem = stemWord(lower);
  if (STOP_WORDS.has(stem)) return null;
  return stem === lower ? [stem] : [stem, lower];
}

/** Splits on anything that is neither a letter nor a digit, in any script. */
const TOKEN_SEPARATOR = /[^\p{L}\p{N}]+/u;

interface IndexedRow {
  id: string;
  slug: string;
  title: string;
  keywords: string;
  body: string;
}

/** Typos tolerated in a word: none in short words, where one edit makes another word. */
function fuzziness(term: string): number {
  if (term.length <= 3) return 0;
  return term.length <= 6 ? 1 : 2;
}

/**
 * Full-text search over every language of the matrix at once, so that an
 * English word finds its row for a Russian user too. Stemming, prefix and
 * typo tolerance come from the index; rows are ranked by their best match
 * in any language.
 *
 * Build it once at start-up and reuse it: searching allocates little and
 * never touches the disk.
 */
export class MatrixSearch {
  private readonly index: MiniSearch<IndexedRow>;
  private readonly slugs: ReadonlySet<string>;

  constructor(catalog: Catalog) {
    this.slugs = new Set(catalog.slugs);
    this.index = new MiniSearch<IndexedRow>({
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
    const docs: IndexedRow[] = [];
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows) docs.push(toDocument(locale, row));
    }
    this.index.addAll(docs);
  }

  /**
   * Ranks the rows for `query`, best first, one hit per row. A query that
   * is exactly a row's slug puts that row first. An empty query finds nothing.
   */
  search(query: string): Hit[] {
    const trimmed = query.slice(0, MAX_QUERY_LENGTH).trim().toLowerCase();
    const words = contentWords(trimmed);
    const hits = words.length === 0 ? [] : collapse(this.index.search(words.map((w) => w.token).join(" ")), words);
    if (this.slugs.has(trimmed)) {
      const exact = hits.find((h) => h.slug === trimmed);
      const top = (hits[0]?.score ?? 0) + 1;
      return [
        { slug: trimmed, score: Math.max(top, exact?.score ?? 0), coverage: 1, matched: words.length },
        ...hits.filter((h) => h.slug !== trimmed),
      ];
    }
    return hits;
  }

  /**
   * Looser than {@link search}: for a query that found nothing, the rows
   * that come closest, for "did you mean" buttons. May still be empty.
   */
  suggest(query: string): Hit[] {
    const words = contentWords(query.slice(0, MAX_QUERY_LENGTH).toLowerCase());
    if (words.length === 0) return [];
    const results = this.index.search(words.map((w) => w.token).join(" "), { prefix: true, fuzzy: 0.5, maxFuzzy: 3 });
    return collapse(results, words);
  }
}

function toDocument(locale: string, row: Row): IndexedRow {
  return {
    id: `${locale}:${row.slug}`,
    slug: row.slug,
    title: `${row.title} ${row.slug.replaceAll("-", " ")}`,
    keywords: row.keywords.join(" "),
    body: [row.verdict, ...row.botApi.lines, ...row.telegramApi.lines].join(" "),
  };
}

/** A word of a query that is worth searching, with the forms it is searched as. */
interface Word {
  token: string;
  forms: readonly string[];
}

/** The words of a query that are not stop words, at most {@link MAX_TERMS}. */
export function contentWords(query: string): Word[] {
  const words: Word[] = [];
  for (const token of query.split(TOKEN_SEPARATOR)) {
    if (token.length === 0) continue;
    const forms = normalizeTerm(token);
    if (forms !== null) words.push({ token, forms });
    if (words.length === MAX_TERMS) break;
  }
  return words;
}

/** One hit per row (its best document in any language), best first. */
function collapse(results: SearchResult[], words: readonly Word[]): Hit[] {
  const best = new Map<string, Hit>();
  for (const r of results) {
    const slug = r["slug"] as string;
    const known = best.get(slug);
    if (known !== undefined && known.score >= r.score) continue;
    const matched = new Set(r.queryTerms);
    const covered = words.filter((w) => w.forms.some((f) => matched.has(f))).length;
    const coverage = words.length === 0 ? 0 : covered / words.length;
    // A row that answers more of the query ranks higher than one that
    // matches a single word of it very well.
    best.set(slug, { slug, score: r.score * (0.25 + coverage), coverage, matched: covered });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}
