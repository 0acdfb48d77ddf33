import type { Catalog, Row } from "./load.js";
import { Examples } from "./examples.js";
import { Typos } from "./typos.js";
import { WordsModel } from "./words-model.js";
import { Analyzer, type Reading, type Word } from "./terms.js";

/** How strongly a field of a row speaks for a word found in it. */
const FIELD = {
  /** The title and the short label: what the row is about, in its own words. */
  title: 1.25,
  /** The slug, a keyword of one word, a method's name. */
  name: 1,
  /** A word of a keyword of several words. */
  keywordPart: 0.7,
  /** The one-line summary and the sides' headlines. */
  summary: 0.5,
  /** The sides' sentences and what versions changed. */
  body: 0.3,
  /** A question developers asked that the row answers (data/asked.yaml): how people word what the row is about. */
  asked: 0.3,
} as const;

/** The most a word found only in the rows' sentences weighs, however rare: rows are not about such words. */
const SENTENCE_WORD_WEIGHT = 3;

/** Questions of data/asked.yaml indexed per step, once the rows are. */
const EXAMPLES_PER_STEP = 64;

/** What an identifier of the question adds, times its weight, to a row that names it. */
const IDENT_BONUS = 1;

/** What each known word of the question a row lacks takes off its score, times the word's weight. */
const MISSING = 0.5;

/** Share of its words' weight a keyword of several words adds when all of them are in the question. */
const PHRASE_BONUS = 0.6;
/** Each further keyword of a row found in the question adds this share of what the one before added. */
const PHRASE_DECAY = 0.5;

/** A row scored against a question. */
export interface Scored {
  slug: string;
  /** Sum of the question's words' weights, each times how strongly the row speaks for it, with phrase bonuses. */
  score: number;
  /** Sum of the weights of the question's words the row has anywhere. */
  matched: number;
  /** Whether an identifier of the question (a method, field or error code) is one of the row's names or keywords. */
  ident: boolean;
  /** How many of the row's keywords of several words the question has, close together. */
  phrases: number;
  /** Whether the question is the row's title or short label, as a button would send it. */
  titled: boolean;
  /** How likely the row is, by {@link WordsModel}: the question's words as a whole. */
  likelihood: number;
  /** Which of the question's known words the row has, as bits: bit i for {@link Scoring.weights}[i]. */
  words: number;
}

/** What the index made of a question. */
export interface Scoring {
  reading: Reading;
  /** Rows with any match, best first. */
  rows: Scored[];
  /** Sum of the weights of the question's words, known or not. */
  mass: number;
  /** Words of the question the reference does not have, even with a typo fixed. */
  unknown: number;
  /** The weights of the question's known words, in the order of the bits of {@link Scored.words} (at most 31). */
  weights: number[];
  /** The row {@link WordsModel} finds likeliest. */
  likeliest: string | undefined;
}

interface Posting {
  row: number;
  weight: number;
}

interface KeyPhrase {
  row: number;
  keys: readonly string[];
}

/**
 * The reference indexed for questions: every row, in every language at
 * once, as weighted words (a word in a title or keyword speaks for the row
 * more than one in its sentences), with the keywords of several words kept
 * as phrases. Words are weighted by how few rows have them. Words the
 * reference does not know are matched to a known word one typo away.
 */
export class QuestionIndex {
  private analyzerInstance: Analyzer | undefined;
  private readonly slugs: string[];
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly phrases = new Map<string, KeyPhrase[]>();
  /** Every word as written in the reference, to correct a question's typos by. */
  private readonly typos = new Typos();
  /** Words that are a title's, a keyword's or a method's somewhere: an identifier found only in sentences says little. */
  private readonly named = new Set<string>();
  /** Rows by the words of their titles and short labels, sorted and joined: a question that is a title gets its row. */
  private readonly titles = new Map<string, number>();
  /** The rows (in each language) still to index, and each row's words with their weight so far. */
  private pending: { at: number; row: Row; locale: string }[];
  private weights: Map<string, number>[];
  private built = false;
  /** Which row a question is about by its words as a whole, to check the scoring against. */
  readonly words: WordsModel;
  /** The questions asked about each row, by its position; indexed with the row's English text. */
  private readonly asked: string[][] = [];
  /** The questions developers asked, indexed once the rows are: their words are weighed as the rows' are. */
  readonly examples: Examples;
  /** The weight of a word the reference does not have: as rare as a word can be. */
  readonly unknownWeight = 3;

  /**
   * Takes the rows to index; the indexing itself is done by {@link step},
   * a row at a time, or all at once by {@link ready}, so that it can run
   * between other work without holding it up.
   */
  constructor(catalog: Catalog) {
    this.slugs = [...catalog.slugs];
    this.weights = this.slugs.map(() => new Map<string, number>());
    const position = new Map(this.slugs.map((slug, at) => [slug, at]));
    this.pending = catalog.locales.flatMap((locale) =>
      catalog.get(locale).rows.map((row) => ({ at: position.get(row.slug) ?? 0, row, locale })),
    );
    this.pending.reverse();
    for (const question of catalog.asked) {
      const at = position.get(question.expect);
      if (at !== undefined) (this.asked[at] ??= []).push(question.q);
    }
    this.words = new WordsModel(this.slugs.length);
    this.examples = new Examples(
      catalog.asked,
      (text) => this.analyzer.read(text),
      (key) => this.idf.get(key) ?? this.unknownWeight,
    );
  }

  /** Reads texts as the index does: the lexicon, built on first use. */
  get analyzer(): Analyzer {
    return (this.analyzerInstance ??= new Analyzer());
  }

  /** Indexes one more row (or, once the rows are, a few more questions asked); `false` once the index is complete. */
  step(): boolean {
    if (this.built) return this.examples.step(EXAMPLES_PER_STEP);
    const next = this.pending.pop();
    if (next !== undefined) {
      const weights = this.weights[next.at] as Map<string, number>;
      this.indexRow(next.at, next.row, next.locale, weights, (_row, text, field) => {
        for (const word of this.analyzer.read(text).words) this.note(weights, word, field);
      });
      if (this.pending.length > 0) return true;
    }
    const n = this.slugs.length;
    this.weights.forEach((map, row) => {
      for (const [key, weight] of map) {
        const list = this.postings.get(key) ?? [];
        list.push({ row, weight });
        this.postings.set(key, list);
      }
    });
    for (const [key, list] of this.postings) {
      const idf = Math.log(1 + n / list.length);
      this.idf.set(key, this.named.has(key) ? idf : Math.min(idf, SENTENCE_WORD_WEIGHT));
    }
    this.weights = [];
    this.built = true;
    return true;
  }

  /** Indexes whatever is left, at once. */
  ready(): this {
    while (this.step());
    return this;
  }

  private indexRow(
    at: number,
    row: Row,
    locale: string,
    weights: Map<string, number>,
    note: (row: number, text: string, field: number) => void,
  ): void {
    note(at, `${row.title} ${row.short}`, FIELD.title);
    const keysOf = (text: string) => this.analyzer.read(text).words.map((w) => w.key);
    this.words.add(at, keysOf(row.title), 2);
    this.words.add(at, keysOf(row.summary), 1);
    for (const title of [row.title, row.short]) {
      const key = titleKey(this.analyzer.read(title).words.map((w) => w.key));
      if (key !== "" && !this.titles.has(key)) this.titles.set(key, at);
    }
    note(at, row.slug.replaceAll("-", " "), FIELD.name);
    for (const keyword of [row.title, ...row.keywords]) {
      const words = this.analyzer.read(keyword).words;
      this.words.add(
        at,
        words.map((w) => w.key),
        1,
      );
      // An identifier is a name on its own; its parts and the other words make the phrase.
      for (const word of words) if (word.ident) this.note(weights, word, FIELD.name);
      const plain = words.filter((w) => !w.ident);
      // Nearly every question says "bot": it tells no keyword from another.
      const keys = [...new Set(plain.map((w) => w.key))].filter((k) => k !== "bot");
      if (keys.length <= 1) {
        for (const word of plain) this.note(weights, word, FIELD.name);
        continue;
      }
      for (const word of plain) this.note(weights, word, FIELD.keywordPart);
      const phrase: KeyPhrase = { row: at, keys };
      for (const key of keys) {
        const list = this.phrases.get(key) ?? [];
        list.push(phrase);
        this.phrases.set(key, list);
      }
    }
    for (const side of row.sides) {
      for (const method of side.methods) {
        // A method's name says which row; its parts (get, chat, member) say little.
        for (const word of this.analyzer.read(method).words) {
          this.note(weights, word, word.partOf === undefined ? FIELD.name : FIELD.body);
        }
      }
      if (side.headline !== undefined) note(at, side.headline, FIELD.summary);
      for (const line of side.lines) note(at, line, FIELD.body);
    }
    note(at, row.summary, FIELD.summary);
    for (const change of row.changes) note(at, change.text, FIELD.body);
    if (locale === "en") {
      for (const question of this.asked[at] ?? []) {
        const words = this.analyzer.read(question).words;
        for (const word of words) this.note(weights, word, FIELD.asked);
        this.words.add(
          at,
          words.map((w) => w.key),
          1,
        );
      }
    }
  }

  private note(weights: Map<string, number>, word: Word, field: number): void {
    if (field >= FIELD.name) this.named.add(word.key);
    weights.set(word.key, Math.max(weights.get(word.key) ?? 0, field));
    if (!word.ident) this.typos.add(word.lower, word.key);
  }

  /** The weight of a known word: higher the fewer rows have it. */
  weightOf(key: string): number | undefined {
    return this.idf.get(key);
  }

  /** Scores every row against a question, read by {@link Analyzer.read}. */
  score(reading: Reading): Scoring {
    this.ready();
    const n = this.slugs.length;
    const score = new Float64Array(n);
    const matched = new Float64Array(n);
    const ident = new Uint8Array(n);
    const phrases = new Uint8Array(n);
    const masks = new Int32Array(n);
    const weights: number[] = [];
    const keys = new Set<string>();
    /** Where each word is in the question, for keywords of several words. */
    const positions = new Map<string, number[]>();
    let mass = 0;
    let unknown = 0;
    let known = 0;
    // An identifier a row names says it all; one named nowhere says what its parts say.
    const named = new Set(reading.words.filter((w) => w.ident && this.named.has(w.key)).map((w) => w.key));
    // Each word's key, a typo fixed, or undefined for a word left out.
    const resolved = reading.words.map((word) => {
      if (word.ident ? !named.has(word.key) : word.partOf !== undefined && named.has(word.partOf)) return undefined;
      return this.idf.has(word.key)
        ? word.key
        : ((word.ident ? undefined : this.typos.correct(word.lower)) ?? word.key);
    });
    resolved.forEach((key, position) => {
      if (key === undefined) return;
      const at = positions.get(key);
      if (at === undefined) positions.set(key, [position]);
      else at.push(position);
    });
    for (const [i, word] of reading.words.entries()) {
      const key = resolved[i];
      if (key === undefined || keys.has(key)) continue;
      keys.add(key);
      const weight = this.idf.get(key);
      if (weight === undefined) {
        unknown++;
        mass += this.unknownWeight;
        continue;
      }
      mass += weight;
      known += weight;
      const flag = weights.length < 31 ? 1 << weights.length : 0;
      if (flag !== 0) weights.push(weight);
      for (const { row, weight: field } of this.postings.get(key) ?? []) {
        masks[row] = (masks[row] as number) | flag;
        add(score, row, weight * field);
        add(matched, row, weight);
        if (word.ident && field >= FIELD.name) {
          // An identifier the row names (a method, a field, an error code) all but settles it.
          add(score, row, weight * IDENT_BONUS);
          ident[row] = 1;
        }
      }
    }
    // Each keyword of several words found close together adds its words'
    // weight again: the best in full, the next ones less and less, so that a
    // row with many similar keywords does not win on them alone.
    const seen = new Set<KeyPhrase>();
    const bonuses = new Map<number, number[]>();
    for (const key of keys) {
      for (const phrase of this.phrases.get(key) ?? []) {
        if (seen.has(phrase)) continue;
        seen.add(phrase);
        if (!together(phrase.keys, positions)) continue;
        add(phrases, phrase.row, 1);
        let sum = 0;
        for (const k of phrase.keys) sum += this.idf.get(k) ?? 0;
        const list = bonuses.get(phrase.row) ?? [];
        list.push(sum);
        bonuses.set(phrase.row, list);
      }
    }
    for (const [row, list] of bonuses) {
      list.sort((a, b) => b - a);
      let share = PHRASE_BONUS;
      for (const sum of list) {
        add(score, row, share * sum);
        share *= PHRASE_DECAY;
      }
    }
    // A question that is a row's title or short label, as from a button, asks for that row.
    const titled = this.titles.get(titleKey(keys));
    if (titled !== undefined) add(score, titled, known);
    const likelihood = this.words.posterior(keys);
    let likeliest: string | undefined;
    let most = 0;
    for (let row = 0; row < n; row++) {
      if ((likelihood[row] as number) > most) [most, likeliest] = [likelihood[row] as number, this.slugs[row]];
    }
    const rows: Scored[] = [];
    for (let row = 0; row < n; row++) {
      if (score[row] === 0) continue;
      rows.push({
        slug: this.slugs[row] as string,
        // A row that lacks words of the question answers less of it.
        score: (score[row] as number) - MISSING * (known - (matched[row] as number)),
        matched: matched[row] as number,
        ident: ident[row] === 1,
        phrases: phrases[row] as number,
        titled: row === titled,
        likelihood: likelihood[row] as number,
        words: masks[row] as number,
      });
    }
    rows.sort((a, b) => b.score - a.score);
    while (rows.length > 0 && (rows.at(-1) as Scored).score <= 0) rows.pop();
    return { reading, rows, mass, unknown, weights, likeliest };
  }
}

/** The words of a title as one string, whatever their order. */
function titleKey(keys: Iterable<string>): string {
  return [...new Set(keys)]
    .filter((k) => k !== "bot")
    .sort()
    .join(" ");
}

function add(array: Float64Array | Uint8Array, at: number, value: number): void {
  array[at] = (array[at] as number) + value;
}

/**
 * Whether all of a keyword's words are in the question close together:
 * within a stretch of the question a few words longer than the keyword.
 */
function together(keys: readonly string[], positions: ReadonlyMap<string, readonly number[]>): boolean {
  const reach = keys.length + 1;
  const first = positions.get(keys[0] as string);
  if (first === undefined) return false;
  return first.some((p) => keys.every((k) => (positions.get(k) ?? []).some((q) => Math.abs(q - p) <= reach)));
}

/** Debugging aid: how each word of a question weighs for each of some rows. */
export function explain(index: QuestionIndex, text: string, slugs: readonly string[]): string[] {
  const self = index as unknown as { postings: Map<string, Posting[]>; slugs: string[]; idf: Map<string, number> };
  const reading = index.analyzer.read(text);
  return slugs.map((slug) => {
    const row = self.slugs.indexOf(slug);
    const parts = reading.words.map((w) => {
      const p = (self.postings.get(w.key) ?? []).find((x) => x.row === row);
      return `${w.key}${w.ident ? "#" : ""}${w.partOf ? "~" : ""}=${p ? p.weight : 0}×${(self.idf.get(w.key) ?? 0).toFixed(1)}`;
    });
    return `${slug}: ${parts.join(" ")}`;
  });
}
