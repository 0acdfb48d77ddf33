import { features, type Model, probability } from "./confidence.js";
import { MODEL } from "./confidence-model.js";
import type { Neighbour } from "./examples.js";
import { BOT_API_LIBRARIES, OVERVIEW_CUES, SIDES } from "./lexicon.js";
import type { Scored, Scoring } from "./question-index.js";
import { BoundedCache } from "../bounded-cache.js";
import type { MatrixSearch } from "./search.js";
import { languageOf, MAX_TEXT_LENGTH, type Reading } from "./terms.js";

/** The kind of small talk a message is, which decides the reply. */
export type Smalltalk = "thanks" | "hello" | "bye" | "ack" | "about";

/** What the bot makes of a free-text message. */
export type Answer = (
  | /** One row answers it, surely; a second one comes close enough to offer too. */
    { kind: "row"; slug: string; runnerUp?: string }
    /** Rows match, but not surely enough to claim one answers it: the closest, best first. */
  | { kind: "unsure"; slugs: string[] }
  /** Nothing in the reference answers it. */
  | { kind: "out" }
  /** The bot's own subject: what the Bot API, a bot over MTProto and a user account are. */
  | { kind: "overview" }
  /** Not a question: greetings, thanks, "ok". */
  | { kind: "smalltalk"; tone: Smalltalk }
) & {
  /** The language the message is written in, when it tells. */
  language?: "en" | "ru";
};

/**
 * Fixed thresholds of how sure the bot may be (tuned on the tuning half of
 * the question set, data/asked.yaml): a row is sure by them when it has
 * enough of the question's weight, explains most of it, and clearly beats
 * the next row. What they say is one of the features of the confidence
 * model ({@link MODEL}), which decides; `minClose`, `minRelated` and
 * `closest` shape the answer when it is not sure.
 */
export const CONFIDENCE: Confidence = {
  /** Least score of the best row. */
  minScore: 3,
  /** Least share of the question's weight the best row has. */
  minExplained: 0.35,
  /** Most the second row may score, as a share of the best, for the best to be sure. */
  maxSecond: 0.72,
  /** ... or this much, when the best row has more of its keywords in the question, or names its identifier. */
  maxSecondWithPhrases: 0.9,
  /** A second row is offered beside a sure answer when it scores at least this share of the best. */
  runnerUp: 0.6,
  /** Least share of the question's weight the best row must have for the question to be about the reference at all. */
  minRelated: 0.25,
  /** Least score for a row to be offered as close at all. */
  minClose: 1.5,
  /** A word of the question weighing this much or more that the best row lacks and a close row has leaves the best unsure. */
  unexplained: 2.5,
  /** A row is close, for {@link CONFIDENCE.unexplained}, when it scores at least this share of the best. */
  unexplainedClose: 0.6,
  /** How many rows an unsure answer offers. */
  closest: 3,
};

/** The thresholds of {@link CONFIDENCE}, one by one. */
export interface Confidence {
  minScore: number;
  minExplained: number;
  maxSecond: number;
  maxSecondWithPhrases: number;
  runnerUp: number;
  minRelated: number;
  minClose: number;
  unexplained: number;
  unexplainedClose: number;
  closest: number;
}

const CUES = new Set(OVERVIEW_CUES);
const SIDE_KEYS = new Set(SIDES);

/** Answers already worked out, per search: people send the same questions again and again. */
const answers = new WeakMap<MatrixSearch, BoundedCache<Answer>>();

/**
 * Answers a free-text message from the reference: a row's card only when
 * sure, else the closest rows, or that the reference does not cover it;
 * the bot's own subject, and small talk. The same for every language of the
 * reference: the index holds all of them. The answer is shared between
 * calls: do not modify it.
 */
export function answerQuestion(search: MatrixSearch, text: string): Answer {
  let known = answers.get(search);
  if (known === undefined) answers.set(search, (known = new BoundedCache<Answer>()));
  // The key is cut where reading stops: what lies beyond changes nothing.
  const key = text.slice(0, MAX_TEXT_LENGTH);
  return known.get(key) ?? known.remember(key, answerAnew(search, key));
}

function answerAnew(search: MatrixSearch, text: string): Answer {
  const language = languageOf(text);
  const answer = decide(search, text);
  return language === undefined ? answer : { ...answer, language };
}

function decide(search: MatrixSearch, text: string): Answer {
  const index = search.questions;
  const reading = index.analyzer.read(text);
  if (reading.onlySmalltalk) return { kind: "smalltalk", tone: toneOf(reading) };
  return conclude(index.score(reading), index.examples.nearest(reading));
}

/**
 * What a question scored against the rows comes to: the best row as *the*
 * answer when the model (fitted on the questions asked) finds it likely
 * enough, given the scoring, the thresholds of {@link CONFIDENCE} and the
 * questions the new one is most like; else the closest rows, or that the
 * reference does not cover it. Other thresholds or another model can be
 * given to try them.
 */
export function conclude(
  scoring: Scoring,
  neighbours: readonly Neighbour[],
  c: Confidence = CONFIDENCE,
  model: Model = MODEL,
): Answer {
  const { reading } = scoring;
  if (isOverview(reading, scoring, c)) return { kind: "overview" };
  const [best, second] = scoring.rows;
  if (best === undefined || best.score < c.minClose) return { kind: "out" };
  const rules = sure(scoring, best, second, c);
  // A row's title, or an identifier it names, settles it when the thresholds agree, however it was asked before.
  const settled = rules && (best.titled || best.ident);
  if (settled || probability(model, features(scoring, neighbours, rules, model.rows)) >= model.threshold) {
    const close = second !== undefined && second.score >= best.score * c.runnerUp;
    return close ? { kind: "row", slug: best.slug, runnerUp: second.slug } : { kind: "row", slug: best.slug };
  }
  // Mostly words the reference does not know, or a word of another subject (hosting, a
  // database): not about the reference. Unless the best row's own identifier or one of
  // its phrases is in the question too ("telegram-bot-api with docker"): then the closest
  // rows are offered, never one as the answer.
  const named = best.ident || best.phrases > 0;
  if ((reading.outOfScope > 0 && !named) || best.matched / scoring.mass < c.minRelated) return { kind: "out" };
  return { kind: "unsure", slugs: scoring.rows.slice(0, c.closest).map((r) => r.slug) };
}

/** What the thresholds alone say: the best row has enough of the question and clearly beats the next. */
function sure(scoring: Scoring, best: Scored, second: Scored | undefined, c: Confidence): boolean {
  if (scoring.reading.outOfScope > 0) return false;
  const explained = best.matched / scoring.mass;
  if (best.score < c.minScore || explained < c.minExplained) return false;
  if (second === undefined) return true;
  if (explainsLess(scoring, best, c)) return false;
  const ratio = second.score / best.score;
  if (ratio <= c.maxSecond) return true;
  const stronger = best.phrases > second.phrases || (best.ident && !second.ident);
  return stronger && ratio <= c.maxSecondWithPhrases;
}

/**
 * Whether a row close to the best has a weighty word of the question the
 * best lacks: the best row does not explain what the question is about.
 */
function explainsLess(scoring: Scoring, best: Scored, c: Confidence): boolean {
  const { rows, weights } = scoring;
  for (let i = 1; i < rows.length && i <= c.closest; i++) {
    const other = rows[i] as Scored;
    if (other.score < best.score * c.unexplainedClose) break;
    const lacking = other.words & ~best.words;
    if (lacking === 0) continue;
    for (let bit = 0; bit < weights.length; bit++) {
      if ((lacking & (1 << bit)) !== 0 && (weights[bit] as number) >= c.unexplained) return true;
    }
  }
  return false;
}

function toneOf(reading: Reading): Smalltalk {
  if (reading.tokens.length === 0) return "ack";
  for (const tone of ["thanks", "hello", "bye", "ack"] as const) if (reading.smalltalk.has(tone)) return tone;
  return "about";
}

/**
 * Whether a question is about the two APIs themselves: it names two of the
 * sides (the Bot API, MTProto, a user account) and asks which, what or how
 * they differ, and no row takes it on its own words.
 */
function isOverview(reading: Reading, scoring: Scoring, c: Confidence): boolean {
  const sides = new Set(reading.words.filter((w) => SIDE_KEYS.has(w.key)).map((w) => w.key));
  const text = ` ${reading.tokens.join(" ")} `;
  if (BOT_API_LIBRARIES.some((library) => text.includes(` ${library} `))) sides.add("botapi");
  if (sides.size === 0) return false;
  const cue = reading.tokens.some((t) => CUES.has(t));
  if (!cue) return false;
  if (sides.size < 2 && !asksWhatItIs(reading.tokens)) return false;
  const rest = reading.words.filter((w) => !SIDE_KEYS.has(w.key) && w.key !== "bot");
  const [best] = scoring.rows;
  return rest.length <= 2 || best === undefined || best.score < c.minScore * 2;
}

function asksWhatItIs(tokens: readonly string[]): boolean {
  const text = tokens.join(" ");
  return /\b(what is|what's|whats|explain)\b|что такое|зачем нужен/.test(text);
}
