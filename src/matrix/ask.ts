import { BoundedCache, contentWords, type Hit, type MatrixSearch } from "./search.js";

/** What the bot makes of a free-text question. */
export type Answer =
  /** One row answers it; a second one comes close enough to offer too. */
  | { kind: "row"; best: Hit; runnerUp?: Hit }
  /** Something matched, but not well enough to claim it answers the question (`slugs` are those of `closest`). */
  | { kind: "unsure"; closest: Hit[]; slugs: string[] }
  /** A greeting, thanks, or words the matrix knows nothing about. */
  | { kind: "smalltalk" };

/**
 * Thresholds of {@link answerQuestion}, tuned on the question table in
 * test/questions.ts: a row answers when it matches most of the question's
 * meaningful words, or half of them but at least two, with a clear score.
 */
export const CONFIDENCE = {
  /** Least share of the question's words the best row must match. */
  minCoverage: 0.6,
  /** Least share when the row matches at least two of the question's words. */
  minCoverageOfTwo: 0.5,
  /** Least search score of the best row. */
  minScore: 8,
  /** Least score when the best row matches every word of the question. */
  minScoreFullCoverage: 3,
  /** A second row is offered when its score is at least this share of the best. */
  runnerUpRatio: 0.45,
  /** How many rows an unsure answer offers. */
  closest: 3,
} as const;

/** Words that make a message small talk rather than a question, as written (lower case). */
const SMALLTALK = new Set([
  "hi",
  "hello",
  "hey",
  "hiya",
  "yo",
  "sup",
  "morning",
  "evening",
  "thanks",
  "thank",
  "thx",
  "ty",
  "cheers",
  "great",
  "cool",
  "nice",
  "ok",
  "okay",
  "bye",
  "goodbye",
  "good",
  "lol",
  "please",
  "help",
  "start",
  "who",
  "are",
  "привет",
  "здравствуйте",
  "здравствуй",
  "хай",
  "добрый",
  "день",
  "вечер",
  "утро",
  "спасибо",
  "благодарю",
  "пасиб",
  "спс",
  "круто",
  "класс",
  "ок",
  "окей",
  "пока",
  "хорошо",
  "отлично",
  "помощь",
  "помоги",
  "кто",
  "ты",
  "большое",
  "огромное",
  "дела",
  "делаешь",
]);

/** Answers already worked out, per search: people send the same questions again and again. */
const answers = new WeakMap<MatrixSearch, BoundedCache<Answer>>();

/**
 * Answers a free-text question from the matrix, or says it is not sure.
 * Never picks a row for a greeting or for words the matrix does not know.
 * The answer is shared between calls: do not modify it.
 */
export function answerQuestion(search: MatrixSearch, question: string): Answer {
  let known = answers.get(search);
  if (known === undefined) answers.set(search, (known = new BoundedCache<Answer>()));
  return known.get(question) ?? known.remember(question, answerAnew(search, question.toLowerCase()));
}

function answerAnew(search: MatrixSearch, question: string): Answer {
  const words = contentWords(question).filter((w) => !SMALLTALK.has(w.token));
  if (words.length === 0) return { kind: "smalltalk" };
  const hits = search.searchWords(words);
  const [best, second] = hits;
  if (best === undefined) return { kind: "smalltalk" };
  const covered =
    best.coverage >= CONFIDENCE.minCoverage || (best.matched >= 2 && best.coverage >= CONFIDENCE.minCoverageOfTwo);
  const confident =
    (covered && best.score >= CONFIDENCE.minScore) ||
    (best.coverage === 1 && best.score >= CONFIDENCE.minScoreFullCoverage);
  if (confident) {
    const close = second !== undefined && second.score >= best.score * CONFIDENCE.runnerUpRatio;
    return close ? { kind: "row", best, runnerUp: second } : { kind: "row", best };
  }
  const closest = hits.slice(0, CONFIDENCE.closest);
  return { kind: "unsure", closest, slugs: closest.map((h) => h.slug) };
}
