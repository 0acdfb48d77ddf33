/**
 * Fits the thresholds of CONFIDENCE (src/matrix/ask.ts) by a small grid
 * search on the fit part of the tuning questions, scoring correct answers
 * minus five times the confident wrong ones, and prints the best sets with
 * their figures on the check part, to accept one only when it holds there:
 *
 *   npx tsx scripts/tune-confidence.ts
 */
import { type Answer, CONFIDENCE, type Confidence, conclude } from "../src/matrix/ask.js";
import { loadCatalog } from "../src/matrix/load.js";
import type { Scoring } from "../src/matrix/question-index.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { inCheck, judge, type Question, score, tuningQuestions } from "./tune-set.js";

const index = new MatrixSearch(loadCatalog("data")).questions;

interface Case {
  question: Question;
  /** Small talk is settled before any threshold: its answer, else the scoring. */
  fixed?: Answer;
  scoring?: Scoring;
}

function cases(questions: Question[]): Case[] {
  return questions.map((question) => {
    const reading = index.analyzer.read(question.q);
    if (reading.onlySmalltalk) return { question, fixed: { kind: "smalltalk", tone: "ack" } };
    return { question, scoring: index.score(reading) };
  });
}

function run(set: Case[], c: Confidence): { score: number; correct: number; wrong: number } {
  const outcomes = set.map(({ question, fixed, scoring }) => judge(question, fixed ?? conclude(scoring as Scoring, c)));
  return {
    score: score(outcomes),
    correct: outcomes.filter((o) => o === "correct").length,
    wrong: outcomes.filter((o) => o === "wrong").length,
  };
}

const tune = tuningQuestions();
const fit = cases(tune.filter((q) => !inCheck(q)));
const check = cases(tune.filter(inCheck));

const grid: Partial<Record<keyof Confidence, number[]>> = {
  minScore: [2, 3, 4, 5],
  minExplained: [0.3, 0.35, 0.4, 0.45, 0.5],
  maxSecond: [0.6, 0.66, 0.72, 0.78, 0.84],
  maxSecondWithPhrases: [0.8, 0.85, 0.9, 0.95],
  unexplained: [2, 2.5, 3, 100],
};

const tried: { c: Confidence; fit: ReturnType<typeof run> }[] = [];
const keys = Object.keys(grid) as (keyof Confidence)[];
function walk(at: number, c: Confidence): void {
  if (at === keys.length) {
    tried.push({ c, fit: run(fit, c) });
    return;
  }
  const key = keys[at] as keyof Confidence;
  for (const value of grid[key] ?? []) walk(at + 1, { ...c, [key]: value });
}
walk(0, CONFIDENCE);
tried.sort((a, b) => b.fit.score - a.fit.score);

const show = (c: Confidence) => keys.map((k) => `${k}=${c[k]}`).join(" ");
const now = { fit: run(fit, CONFIDENCE), check: run(check, CONFIDENCE) };
console.log(`now: fit ${JSON.stringify(now.fit)} check ${JSON.stringify(now.check)}  ${show(CONFIDENCE)}`);
for (const { c, fit: f } of tried.slice(0, 15)) {
  console.log(`fit ${JSON.stringify(f)} check ${JSON.stringify(run(check, c))}  ${show(c)}`);
}
