/**
 * The tuning half of the question set (data/asked.yaml) and its fixed split
 * into a fit part, to change things by, and a check part, to accept a change
 * only when it helps there too. A question (or its English/Russian pair) is
 * in the check part when a hash of its pair name (or its text) falls in one
 * third. The held-out half (test/questions/held-out.yaml) is never read here.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Answer } from "../src/matrix/ask.js";

export interface Question {
  q: string;
  lang: "en" | "ru";
  expect: string;
  also?: string[];
  pair?: string;
  source?: string;
}

export type Outcome = "correct" | "offered" | "wrong" | "missed" | "honest";

/** The questions of a half of the question set. */
export function readQuestions(path: string): Question[] {
  return parse(readFileSync(path, "utf8")) as Question[];
}

/** The tuning questions. */
export function tuningQuestions(): Question[] {
  return readQuestions("data/asked.yaml");
}

/** FNV-1a, 32 bits: a stable hash, so the parts never move. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Which of `folds` parts a tuning question is in, twins together: a split other than the check part's. */
export const foldOf = (q: Question, folds: number): number => hash(`fold ${q.pair ?? q.q}`) % folds;

/** Whether a tuning question is in the check part. */
export const inCheck = (q: Question): boolean => hash(q.pair ?? q.q) % 3 === 0;

/** How an answer counts; test/question-set.test.ts explains each outcome and judges with this too. */
export function judge(question: Question, answer: Answer): Outcome {
  const right = [question.expect, ...(question.also ?? [])];
  const sure = answer.kind === "row" || answer.kind === "overview" || answer.kind === "smalltalk";
  if (question.expect === "out") return sure ? "wrong" : "honest";
  if (answer.kind === "row") return right.includes(answer.slug) ? "correct" : "wrong";
  if (sure) return right.includes(answer.kind) ? "correct" : "wrong";
  if (answer.kind === "unsure" && answer.slugs.some((slug) => right.includes(slug))) return "offered";
  return "missed";
}

/** What a tuning run optimises: a confident wrong answer costs five right ones. */
export function score(outcomes: Iterable<Outcome>): number {
  let s = 0;
  for (const o of outcomes) s += o === "correct" ? 1 : o === "wrong" ? -5 : 0;
  return s;
}
