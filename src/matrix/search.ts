import MiniSearch, { type SearchOptions } from "minisearch";
import { newStemmer } from "snowball-stemmers";
import type { Catalog, Row } from "./load.js";
import { BoundedCache } from "../bounded-cache.js";
import { QuestionIndex } from "./question-index.js";
import { SEARCH_STOP_WORDS } from "./search-stop-words.js";

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

/** {@link SEARCH_STOP_WORDS} as stems: matching is on stems. */
const STOP_WORDS = new Set(SEARCH_STOP_WORDS.map((w) => stemWord(w)));

function stemWord(word: string): string {
  if (/[а-я]/.test(word)) return russian.stem(word);
  if (/^[a-z]+$/.test(word)) return english.stem(word);
  return word;
}

/** Question indexes by catalog: an index never changes, so searches over one catalog share it. */
const questionIndexes = new WeakMap<Catalog, QuestionIndex>();

/** Indexes being built in the background. */
const building = new WeakSet<QuestionIndex>();

/** Pause between two rows of an index built in the background, in ms: the bot's updates come first. */
const BUILD_PAUSE_MS = 5;

/**
 * Builds an index a row at a time, with a pause between rows, so that a bot
 * just started answers its first updates without waiting for it; a
 * question that comes first finishes it at once.
 */
function buildInSteps(index: QuestionIndex, then: () => void): void {
  if (building.has(index)) return;
  building.add(index);
  const next = () => {
    if (index.step()) setTimeout(next, BUILD_PAUSE_MS).unref();
    else setTimeout(then, BUILD_PAUSE_MS).unref();
  };
  setTimeout(next, BUILD_PAUSE_MS).unref();
}

function questionIndexOf(catalog: Catalog): QuestionIndex {
  let index = questionIndexes.get(catalog);
  if (index === undefined) questionIndexes.set(catalog, (index = new QuestionIndex(catalog)));
  return index;
}

/** Stemming is the costly part of normalizing, and a word always gives the same forms. */
const termForms = new BoundedCache<readonly string[] | null>();

/**
 * Turns one token into the forms that are indexed and searched: lower case
 * with "ё" as "е", both as written and stemmed in its own script (a typo is
 * often closer to the written word than to its stem), stop words dropped.
 * The result is shared between calls: do not modify it.
 */
export function normalizeTerm(term: string): string[] | null {
  const known = termForms.get(term);
  if (known !== undefined) return known as string[] | null;
  const lower = term.toLowerCase().replaceAll("ё", "е").slice(0, MAX_TERM_LENGTH);
  if (lower.length === 0) return termForms.remember(term, null) as null;
  const stem = stemWord(lower);
  if (STOP_WORDS.has(stem)) return termForms.remember(term, null) as null;
  return termForms.remember(term, stem === lower ? [stem] : [stem, lower]) as string[];
}

/** Splits on anything that is neither a letter nor a digit, in any script. */
const TOKEN_SEPARATOR = /[^\p{L}\p{N}]+/u;

interface IndexedRow {
  id: string;
  slug: string;
  title: string;
  keywords: string;
  methods: string;
  body: string;
}

/** Typos tolerated in a word: none in short words, where one edit makes another word. */
function fuzziness(term: string): number {
  if (term.length <= 3) return 0;
  return term.length <= 6 ? 1 : 2;
}

/** How one searched form matched one document, on its own. */
interface FormMatch {
  id: string;
  slug: string;
  score: number;
}

/** A document's match with a whole query: what MiniSearch's OR search gives. */
interface DocMatch {
  slug: string;
  score: number;
  queryTerms: string[];
}

/** Searches one form as it is, without tokenizing or normalizing it again. */
const ONE_FORM: SearchOptions = { tokenize: (form) => [form], processTerm: (form) => form };
/** {@link MatrixSearch.suggest}'s looser matching. */
const LOOSE: SearchOptions = { ...ONE_FORM, prefix: true, fuzzy: 0.5, maxFuzzy: 3 };

/**
 * Full-text search over every language of the matrix at once, so that an
 * English word finds its row for a Russian user too. Stemming, prefix and
 * typo tolerance come from the index; rows are ranked by their best match
 * in any language.
 *
 * Build it once at start-up and reuse it: searching never touches the disk.
 * The index never changes, so what each word matches (the costly prefix and
 * typo-tolerant lookup) is kept, and a query is ranked from its words'
 * matches, as MiniSearch's OR search would rank it.
 */
export class MatrixSearch {
  private rowIndex: MiniSearch<IndexedRow> | undefined;
  private readonly slugs: ReadonlySet<string>;
  private readonly exactMatches = new BoundedCache<readonly FormMatch[]>();
  private readonly looseMatches = new BoundedCache<readonly FormMatch[]>();
  /** Whole queries: people ask the same questions and type the same words again and again. */
  private readonly queries = new BoundedCache<readonly Hit[]>();
  private readonly suggestions = new BoundedCache<readonly Hit[]>();

  private readonly questionIndex: QuestionIndex;
  /** Rows by their titles and short labels, in lower case, in every language. */
  private readonly names = new Map<string, string>();

  /**
   * Builds nothing yet: the indexes are built on first use, or in the
   * background once {@link MatrixSearch.prepare} is called, so that a bot
   * starts serving without waiting for them.
   */
  constructor(private readonly catalog: Catalog) {
    this.questionIndex = questionIndexOf(catalog);
    this.slugs = new Set(catalog.slugs);
    for (const locale of catalog.locales) {
      for (const row of catalog.get(locale).rows) {
        for (const name of [row.title, row.short]) {
          const key = name.toLowerCase();
          if (!this.names.has(key)) this.names.set(key, row.slug);
        }
      }
    }
  }

  /**
   * Builds the indexes in the background: the index of free-text questions
   * a row at a time with a pause between rows, then the index of `/compare`
   * and inline queries. Call it once the bot serves; a query that comes
   * first builds what it needs at once.
   */
  prepare(): void {
    buildInSteps(this.questionIndex, () => void this.index);
  }

  /** The index of `/compare` and inline queries, built on first use. */
  private get index(): MiniSearch<IndexedRow> {
    if (this.rowIndex !== undefined) return this.rowIndex;
    const index = new MiniSearch<IndexedRow>({
      fields: ["title", "keywords", "methods", "body"],
      storeFields: ["slug"],
      tokenize: (text) => text.split(TOKEN_SEPARATOR),
      processTerm: normalizeTerm,
      searchOptions: {
        boost: { title: 3, keywords: 2, methods: 2, body: 1 },
        prefix: (term) => term.length >= 3,
        fuzzy: (term) => fuzziness(term),
        maxFuzzy: 2,
        combineWith: "OR",
      },
    });
    const docs: IndexedRow[] = [];
    for (const locale of this.catalog.locales) {
      for (const row of this.catalog.get(locale).rows) docs.push(toDocument(locale, row));
    }
    index.addAll(docs);
    this.rowIndex = index;
    return index;
  }

  /** The index free-text questions are answered from, shared by every search over the same catalog. */
  get questions(): QuestionIndex {
    return this.questionIndex.ready();
  }

  /**
   * Ranks the rows for `query`, best first, one hit per row. A query that
   * is exactly a row's slug puts that row first. An empty query finds nothing.
   * The result is shared between calls: do not modify it.
   */
  search(query: string): readonly Hit[] {
    const trimmed = query.slice(0, MAX_QUERY_LENGTH).trim().toLowerCase();
    return this.queries.get(trimmed) ?? this.queries.remember(trimmed, this.rank(trimmed));
  }

  /**
   * Ranks the rows for words already split and normalized by
   * {@link contentWords}, as {@link search} ranks them, but without looking
   * the words up as a slug and without caching the result: for callers
   * that have the words at hand and cache what they make of them.
   */
  searchWords(words: readonly Word[]): Hit[] {
    return words.length === 0 ? [] : collapse(this.match(words, this.exactMatches, ONE_FORM), words);
  }

  private rank(trimmed: string): Hit[] {
    const words = contentWords(trimmed);
    const hits = this.searchWords(words);
    // A slug, a title or a short label as written names its row, whatever the words say.
    const named = this.slugs.has(trimmed) ? trimmed : this.names.get(trimmed);
    if (named !== undefined) {
      const exact = hits.find((h) => h.slug === named);
      const top = (hits[0]?.score ?? 0) + 1;
      return [
        { slug: named, score: Math.max(top, exact?.score ?? 0), coverage: 1, matched: words.length },
        ...hits.filter((h) => h.slug !== named),
      ];
    }
    return hits;
  }

  /**
   * Looser than {@link search}: for a query that found nothing, the rows
   * that come closest, for "did you mean" buttons. May still be empty.
   * The result is shared between calls: do not modify it.
   */
  suggest(query: string): readonly Hit[] {
    const key = query.slice(0, MAX_QUERY_LENGTH).toLowerCase();
    let known = this.suggestions.get(key);
    if (known === undefined) {
      const words = contentWords(key);
      known = this.suggestions.remember(
        key,
        words.length === 0 ? [] : collapse(this.match(words, this.looseMatches, LOOSE), words),
      );
    }
    return known;
  }

  /**
   * Every document matching any form of the words, scored as MiniSearch
   * scores an OR query of all the forms: the sum of each form's score,
   * times the number of distinct forms matched.
   */
  private match(words: readonly Word[], cache: BoundedCache<readonly FormMatch[]>, options: SearchOptions): DocMatch[] {
    const docs = new Map<string, DocMatch>();
    for (const word of words) {
      for (const form of word.forms) {
        let matches = cache.get(form);
        if (matches === undefined) {
          const found = this.index
            .search(form, options)
            .map((r) => ({ id: String(r.id), slug: r["slug"] as string, score: r.score }));
          matches = cache.remember(form, found);
        }
        for (const m of matches) {
          const doc = docs.get(m.id);
          if (doc === undefined) docs.set(m.id, { slug: m.slug, score: m.score, queryTerms: [form] });
          else {
            doc.score += m.score;
            if (!doc.queryTerms.includes(form)) doc.queryTerms.push(form);
          }
        }
      }
    }
    const results = [...docs.values()];
    for (const doc of results) doc.score *= doc.queryTerms.length;
    return results.sort((a, b) => b.score - a.score);
  }
}

function toDocument(locale: string, row: Row): IndexedRow {
  return {
    id: `${locale}:${row.slug}`,
    slug: row.slug,
    title: `${row.title} ${row.short} ${row.slug.replaceAll("-", " ")}`,
    keywords: row.keywords.join(" "),
    // Named as written (getChatMember) and split at the namespace (channels.getParticipants).
    methods: [...new Set(row.sides.flatMap((side) => side.methods))].join(" "),
    body: [row.summary, ...row.sides.flatMap((side) => [side.headline ?? "", ...side.lines])].join(" "),
  };
}

/** A word of a query that is worth searching, with the forms it is searched as. */
export interface Word {
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
function collapse(results: readonly DocMatch[], words: readonly Word[]): Hit[] {
  const best = new Map<string, Hit>();
  for (const r of results) {
    const slug = r.slug;
    const known = best.get(slug);
    if (known !== undefined && known.score >= r.score) continue;
    let covered = 0;
    for (const word of words) if (word.forms.some((f) => r.queryTerms.includes(f))) covered++;
    const coverage = words.length === 0 ? 0 : covered / words.length;
    // A row that answers more of the query ranks higher than one that
    // matches a single word of it very well.
    best.set(slug, { slug, score: r.score * (0.25 + coverage), coverage, matched: covered });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}
