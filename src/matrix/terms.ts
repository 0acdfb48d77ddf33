import { newStemmer } from "snowball-stemmers";
import { CONCEPTS, OUT_OF_SCOPE, SMALLTALK, STOP_WORDS } from "./lexicon.js";

/** Longest text looked at, in characters: a pasted error with its stack trace says what it is in its first lines. */
export const MAX_TEXT_LENGTH = 400;
/** At most this many words of a text are read, so a long message costs no more than a short one. */
const MAX_WORDS = 48;
/** A longer word is not a word anyone types. */
const MAX_WORD_LENGTH = 40;

const english = newStemmer("english");
const russian = newStemmer("russian");

/** Stems already worked out: stemming is the costly part of reading, and words repeat. */
const stems = new Map<string, string>();
/** At most this many stems are kept; a full cache starts over. */
const STEMS_KEPT = 20_000;

/** The stem of a lower-case word in its own script; other words stay as they are. */
export function stem(word: string): string {
  let known = stems.get(word);
  if (known === undefined) {
    if (/^[а-я]+$/.test(word)) known = russian.stem(word);
    else if (/^[a-z]+$/.test(word)) known = english.stem(word);
    else known = word;
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, known);
  }
  return known;
}

/** One word of a text as read: as written (lower case), its stem, and what it means here. */
export interface Word {
  /** Lower case, "ё" as "е", apostrophes and hyphens gone. */
  lower: string;
  stem: string;
  /**
   * What the word stands for: a concept of the lexicon, an identifier
   * (`getchatmember`, `peeridinvalid`), or the stem.
   */
  key: string;
  /** Whether the word names an identifier (a method, a field, an error code) as written in code. */
  ident: boolean;
  /** For a part of an identifier (`chat` of `getChatMember`): the identifier. */
  partOf?: string;
}

/** What a text is made of, once read. */
export interface Reading {
  /** The words that carry meaning, in order, with stop words and words only of small talk left out. */
  words: Word[];
  /** Small-talk words, by their kind. */
  smalltalk: Set<keyof typeof SMALLTALK>;
  /** Whether every word is small talk or a stop word (true for a text of emoji or punctuation alone). */
  onlySmalltalk: boolean;
  /** Words that show the question is about something outside the reference (hosting, databases, the apps). */
  outOfScope: number;
  /** Every word as written, lower case, stop words too: for cues such as "vs" or «чем отличается». */
  tokens: string[];
}

/** The concept of words that say nothing here, such as the "Bad Request" of an error message. */
const IGNORED = "_";

const TOKEN = /[\p{L}\p{N}_]+(?:['’][\p{L}]+)*/gu;
const CAMEL = /([a-z\d])([A-Z])|([A-Z]+)([A-Z][a-z])/g;

interface Phrase {
  stems: readonly string[];
  key: string;
}

/**
 * Reads texts, rows and questions alike, into words with meaning: splits
 * them, stems each word in its script, maps the lexicon's words and phrases
 * to their concepts, and reads identifiers such as `getChatMember`,
 * `get_chat_member`, `PEER_ID_INVALID` or Telethon's `GetDialogsRequest`
 * as one word (and their parts as words too).
 */
export class Analyzer {
  private readonly stop = new Set<string>();
  private readonly bySurface = new Map<string, string>();
  private readonly byStem = new Map<string, string>();
  private readonly phrases = new Map<string, Phrase[]>();
  private readonly smalltalkWords = new Map<string, keyof typeof SMALLTALK>();
  private readonly outWords = new Set<string>();

  constructor() {
    for (const word of STOP_WORDS) {
      const lower = clean(word);
      this.stop.add(lower);
      this.stop.add(stem(lower));
    }
    for (const [kind, words] of Object.entries(SMALLTALK) as [keyof typeof SMALLTALK, readonly string[]][]) {
      for (const word of words) {
        const lower = clean(word);
        if (!this.smalltalkWords.has(lower)) this.smalltalkWords.set(lower, kind);
      }
    }
    for (const group of CONCEPTS) {
      const [head = "", rest = ""] = group.split(":");
      const key = head.trim();
      for (const form of [key, ...rest.split(",")]) this.learn(form.trim(), key);
    }
    for (const entry of OUT_OF_SCOPE) {
      for (const form of entry.split(",")) {
        const stems = splitWords(form).map((w) => stem(w));
        if (stems.length > 1) this.addPhrase({ stems, key: "" });
        else if (stems[0] !== undefined) {
          this.outWords.add(clean(form.trim()));
          this.outWords.add(stems[0]);
        }
      }
    }
  }

  private learn(form: string, key: string): void {
    const words = splitWords(form);
    if (words.length === 0) return;
    if (words.length === 1) {
      const [word] = words as [string];
      this.bySurface.set(word, key);
      const s = stem(word);
      if (!this.byStem.has(s)) this.byStem.set(s, key);
      return;
    }
    this.addPhrase({ stems: words.map((w) => stem(w)), key });
  }

  private addPhrase(phrase: Phrase): void {
    const first = phrase.stems[0] as string;
    const list = this.phrases.get(first) ?? [];
    list.push(phrase);
    // Longest phrases are tried first.
    list.sort((a, b) => b.stems.length - a.stems.length);
    this.phrases.set(first, list);
  }

  /** Whether a word (lower case) or its stem is a stop word. */
  isStop(lower: string, stemmed = stem(lower)): boolean {
    return this.stop.has(lower) || this.stop.has(stemmed);
  }

  /** The concept or stem a single lower-case word stands for. */
  keyOf(lower: string, stemmed = stem(lower)): string {
    return this.bySurface.get(lower) ?? this.byStem.get(stemmed) ?? stemmed;
  }

  /** Reads a text: its meaningful words, small talk and words of other subjects. */
  read(text: string): Reading {
    const tokens = tokenize(text.slice(0, MAX_TEXT_LENGTH));
    const reading: Reading = { words: [], smalltalk: new Set(), onlySmalltalk: true, outOfScope: 0, tokens: [] };
    for (const token of tokens) reading.tokens.push(token.lower);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      // A phrase of the lexicon, longest first, or one of a subject outside the reference.
      const phrase = this.phraseAt(tokens, i);
      if (phrase !== undefined) {
        reading.onlySmalltalk = false;
        if (phrase.key === "") reading.outOfScope++;
        else if (phrase.key !== IGNORED) {
          const word: Word = { lower: phrase.stems.join(" "), stem: phrase.key, key: phrase.key, ident: false };
          reading.words.push(withPart(word, token));
        }
        i += phrase.stems.length - 1;
        continue;
      }
      if (token.ident !== undefined) {
        reading.onlySmalltalk = false;
        if (this.outWords.has(token.ident)) {
          reading.outOfScope++;
          continue;
        }
        reading.words.push({ lower: token.ident, stem: token.ident, key: token.ident, ident: true });
        continue;
      }
      const { lower, stem: stemmed } = token;
      const small = this.smalltalkWords.get(lower);
      if (small !== undefined) reading.smalltalk.add(small);
      const concept = this.bySurface.get(lower) ?? this.byStem.get(stemmed);
      if (this.outWords.has(lower) || this.outWords.has(stemmed)) {
        reading.onlySmalltalk = false;
        reading.outOfScope++;
      } else if (concept === IGNORED) {
        continue;
      } else if (concept !== undefined) {
        // "Hi bot" and «спасибо, бот» are still small talk.
        if (small === undefined && concept !== "bot") reading.onlySmalltalk = false;
        reading.words.push(withPart({ lower, stem: stemmed, key: concept, ident: false }, token));
      } else if (small === undefined && !this.isStop(lower, stemmed)) {
        reading.onlySmalltalk = false;
        reading.words.push(withPart({ lower, stem: stemmed, key: stemmed, ident: false }, token));
      }
    }
    return reading;
  }

  private phraseAt(tokens: readonly Token[], at: number): Phrase | undefined {
    const first = tokens[at]?.stem;
    if (first === undefined) return undefined;
    for (const phrase of this.phrases.get(first) ?? []) {
      if (phrase.stems.every((s, k) => tokens[at + k]?.stem === s)) return phrase;
    }
    return undefined;
  }
}

/** A token of a text: a word, or an identifier with its parts following as words. */
interface Token {
  lower: string;
  stem: string;
  /** Set on an identifier such as getChatMember: its canonical form. */
  ident?: string;
  /** Set on the parts of an identifier: the identifier's canonical form. */
  partOf?: string;
}

function withPart(word: Word, token: Token): Word {
  if (token.partOf !== undefined) word.partOf = token.partOf;
  return word;
}

/** Lower case, "ё" as "е", one kind of apostrophe. */
function clean(word: string): string {
  let lower = word.toLowerCase();
  if (lower.includes("ё")) lower = lower.replaceAll("ё", "е");
  if (lower.includes("’")) lower = lower.replaceAll("’", "'");
  return lower;
}

/** The lower-case words of a lexicon entry, split as texts are. */
function splitWords(form: string): string[] {
  return tokenize(form).map((t) => t.ident ?? t.lower);
}

/**
 * Splits a text into tokens. An identifier (a word with an underscore or a
 * capital inside) gives its canonical form, lower case without
 * underscores, with a Telethon `Request` or `Error` suffix dropped, and
 * then its parts; "20mb" gives "20" and "mb"; hyphens split words.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (tokens.length >= MAX_WORDS) break;
    let raw = match[0];
    if (raw.length > MAX_WORD_LENGTH) raw = raw.slice(0, MAX_WORD_LENGTH);
    if (raw.includes("'") || raw.includes("’")) {
      raw = raw.replaceAll("’", "'");
      if (/'s$/i.test(raw)) raw = raw.slice(0, -2);
      if (raw.includes("'")) {
        // Contractions (can't, doesn't) are stop words, written without the apostrophe.
        const lower = clean(raw).replaceAll("'", "");
        tokens.push({ lower, stem: lower });
        continue;
      }
    }
    const inner = raw.startsWith("_") || raw.endsWith("_") ? raw.replace(/^_+|_+$/g, "") : raw;
    // Parameters every call takes (chat_id, message_id) name no topic: they are read as their words.
    if (PARAMETERS.has(inner.toLowerCase())) {
      for (const part of inner.split("_")) if (part !== "") tokens.push(word(part));
      continue;
    }
    if (inner.includes("_") || IDENT.test(inner)) {
      const spaced = inner.replaceAll("_", " ").replace(CAMEL, "$1$3 $2$4");
      let ident = clean(inner.replaceAll("_", ""));
      for (const suffix of ["request", "error", "exception"]) {
        if (ident.endsWith(suffix) && ident.length - suffix.length >= 6) ident = ident.slice(0, -suffix.length);
      }
      tokens.push({ lower: ident, stem: ident, ident });
      for (const part of spaced.split(/\s+/)) if (part !== "") tokens.push({ ...word(part), partOf: ident });
      continue;
    }
    const first = inner.charCodeAt(0);
    const unit = first >= 48 && first <= 57 ? /^(\d+)([a-zа-я]+)$/i.exec(inner) : null;
    if (unit !== null) {
      tokens.push(word(unit[1] as string), word(unit[2] as string));
      continue;
    }
    if (inner !== "") tokens.push(word(inner));
  }
  return tokens;
}

/** Parameters of nearly every method, written as in code. */
const PARAMETERS = new Set(["chat_id", "message_id", "user_id", "from_id", "chatid", "messageid", "userid"]);

/** A capital after a small letter or digit: camelCase, as in identifiers. */
const IDENT = /[a-z\d][A-Z]/;

function word(raw: string): Token {
  const lower = clean(raw);
  return { lower, stem: stem(lower) };
}

/**
 * The language a text is written in, when it tells: Russian with any
 * Cyrillic word, English with Latin words and at least one common English
 * word (a pasted identifier or error code alone says nothing).
 */
export function languageOf(text: string): "en" | "ru" | undefined {
  const sample = text.slice(0, MAX_TEXT_LENGTH);
  if (/[а-яё]{2,}/i.test(sample)) return "ru";
  for (const match of sample.toLowerCase().matchAll(/[a-z']+/g)) if (ENGLISH.has(match[0])) return "en";
  return undefined;
}

const ENGLISH = new Set(
  "a an the is are was were be can could do does did how what why when where which who my i me you your it its this that there to of in on for with from by not and or if any have has get send bot bots user users message messages group channel chat file thanks thank hi hello please help can't doesn't don't isn't".split(
    " ",
  ),
);
