/**
 * Fits the model that decides when the bot is sure of a free-text answer
 * (src/matrix/confidence.ts) on the tuning half of the question set
 * (data/asked.yaml), and with `--write` writes it to
 * src/matrix/confidence-model.ts:
 *
 *   npx tsx scripts/tune-confidence.ts [--write] [--fails]
 *
 * Every question is answered as a new one would be: from a reference that
 * learnt from the other fifths of the questions only (twins stay in one
 * fifth). First the model is fitted on the fit part alone and measured on
 * the check part, answered from what the fit part taught, as a held-out
 * half would be: a change is kept only when it helps there. Then it is
 * fitted on the whole half, which is what `--write` keeps. The threshold is the one that answers most questions right while
 * staying within {@link MAX_WRONG} confidently wrong. `--fails` lists the
 * fit part's questions not answered right (never the check part's).
 */
import { writeFileSync } from "node:fs";
import { format, resolveConfig } from "prettier";
import { type Answer, conclude, CONFIDENCE } from "../src/matrix/ask.js";
import { FEATURES, features, type Model } from "../src/matrix/confidence.js";
import type { Neighbour } from "../src/matrix/examples.js";
import type { Scoring } from "../src/matrix/question-index.js";
import { loadCatalog } from "../src/matrix/load.js";
import { MatrixSearch } from "../src/matrix/search.js";
import { foldOf, inCheck, judge, type Outcome, type Question, score, tuningQuestions } from "./tune-set.js";

const catalog = loadCatalog("data");
/** The questions with every field (the catalog keeps only what answering needs), in the catalog's order. */
const asked = tuningQuestions();
if (asked.length !== catalog.asked.length) throw new Error("data/asked.yaml was read differently");

/** Parts of the questions measured each against an index of the others, as new questions would be. */
const FOLDS = 5;

interface Case {
  question: Question;
  answer?: Answer;
  run?: (model: Model) => Answer;
  x: number[];
  /** The best-scored row ("" when none). */
  slug: string;
  /** 1 when the best row is a right answer. */
  y: number;
}

/** The questions at `positions`, each answered from a reference that learnt only from the questions at `taught`. */
function cases(positions: readonly number[], taught: readonly number[]): Case[] {
  const learnt = new Set(taught);
  const index = new MatrixSearch({ ...catalog, asked: catalog.asked.filter((_, at) => learnt.has(at)) }).questions;
  return positions.map((at) => {
    const question = asked[at] as Question;
    const reading = index.analyzer.read(question.q);
    if (reading.onlySmalltalk) return { question, answer: { kind: "smalltalk", tone: "ack" }, x: [], slug: "", y: 0 };
    const scoring = index.score(reading);
    const neighbours = index.examples.nearest(reading);
    const best = scoring.rows[0];
    const right = [question.expect, ...(question.also ?? [])];
    const x = best === undefined ? [] : features(scoring, neighbours, rulesSure(scoring, neighbours));
    return {
      question,
      run: (model: Model) => conclude(scoring, neighbours, CONFIDENCE, model),
      x,
      slug: best?.slug ?? "",
      y: best !== undefined && question.expect !== "out" && right.includes(best.slug) ? 1 : 0,
    };
  });
}

/** Every question of `positions`, each answered from a reference that learnt from the other folds of them. */
function folded(positions: readonly number[]): Case[] {
  return Array.from({ length: FOLDS }, (_, fold) => {
    const inFold = (at: number) => foldOf(asked[at] as Question, FOLDS) === fold;
    return cases(
      positions.filter(inFold),
      positions.filter((at) => !inFold(at)),
    );
  }).flat();
}

/** The share of confident wrong answers the threshold is chosen to stay within: below the goal of 3%, for new questions fare a little worse. */
const MAX_WRONG = 0.025;

/** What the fixed thresholds alone decide: the model that only follows them. */
const RULES: Model = {
  mean: FEATURES.map(() => 0),
  scale: FEATURES.map(() => 1),
  weights: FEATURES.map((f) => (f === "rules sure" ? 20 : 0)),
  bias: -10,
  threshold: 0.5,
  fittedOn: 0,
};

function rulesSure(scoring: Scoring, neighbours: readonly Neighbour[]): boolean {
  return conclude(scoring, neighbours, CONFIDENCE, RULES).kind === "row";
}

function outcomes(set: Case[], model: Model): Outcome[] {
  return set.map((c) => judge(c.question, c.answer ?? (c.run as (m: Model) => Answer)(model)));
}

function figures(set: Case[], model: Model): string {
  const o = outcomes(set, model);
  const inScope = set.filter((c) => c.question.expect !== "out").length;
  const out = set.length - inScope;
  const n = (k: Outcome) => o.filter((x) => x === k).length;
  const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((1000 * a) / b) / 10);
  return (
    `correct ${pct(n("correct"), inScope)}% (${n("correct")}), offered ${n("offered")}, missed ${n("missed")}, ` +
    `wrong ${pct(n("wrong"), set.length)}% (${n("wrong")}), honest ${pct(n("honest"), out)}%; score ${score(o)}`
  );
}

/** How many questions' worth of the average a row's record starts from: a row seldom scored best keeps close to it. */
const SMOOTH = 10;

/**
 * Each row's record: how often it was right when scored best among `cases`,
 * smoothed towards the average; "" holds the average, for rows never scored best.
 */
function records(cases: readonly Case[]): Record<string, number> {
  const prior = cases.reduce((s, c) => s + c.y, 0) / cases.length;
  const tally = new Map<string, { n: number; right: number }>();
  for (const c of cases) {
    const t = tally.get(c.slug) ?? { n: 0, right: 0 };
    t.n++;
    t.right += c.y;
    tally.set(c.slug, t);
  }
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const rows: Record<string, number> = { "": round(prior) };
  for (const [slug, t] of tally) rows[slug] = round((t.right + SMOOTH * prior) / (t.n + SMOOTH));
  return rows;
}

/** Logistic regression by gradient descent on the log-loss, with a little L2. */
function fitModel(set: Case[]): Model {
  const counted = set.filter((c) => c.x.length > 0);
  const rows = records(counted);
  // The record is the last feature: the cases were read before any record was known.
  const data = counted.map((c) => ({ ...c, x: [...c.x.slice(0, -1), rows[c.slug] as number] }));
  const d = FEATURES.length;
  const n = data.length;
  const mean = FEATURES.map((_, i) => data.reduce((s, c) => s + (c.x[i] as number), 0) / n);
  const scale = mean.map((m, i) => Math.sqrt(data.reduce((s, c) => s + ((c.x[i] as number) - m) ** 2, 0) / n) || 1);
  const z = data.map((c) => c.x.map((v, i) => (v - (mean[i] as number)) / (scale[i] as number)));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let it = 0; it < 4000; it++) {
    const grad = new Array<number>(d).fill(0);
    let gradBias = 0;
    z.forEach((row, k) => {
      let s = bias;
      for (let i = 0; i < d; i++) s += (weights[i] as number) * (row[i] as number);
      const error = 1 / (1 + Math.exp(-s)) - (data[k] as Case).y;
      for (let i = 0; i < d; i++) grad[i] = (grad[i] as number) + error * (row[i] as number);
      gradBias += error;
    });
    for (let i = 0; i < d; i++) {
      weights[i] = (weights[i] as number) - 0.1 * ((grad[i] as number) / n + 0.01 * (weights[i] as number));
    }
    bias -= 0.1 * (gradBias / n);
  }
  const fitted = { mean, scale, weights, bias, threshold: 0.5, fittedOn: set.length, rows };
  let best = fitted;
  let bestCorrect = -Infinity;
  for (let t = 0.3; t <= 0.96; t += 0.01) {
    const model = { ...fitted, threshold: Math.round(t * 100) / 100 };
    const o = outcomes(set, model);
    const wrong = o.filter((x) => x === "wrong").length / o.length;
    const correct = o.filter((x) => x === "correct").length;
    if (wrong <= MAX_WRONG && correct > bestCorrect) [best, bestCorrect] = [model, correct];
  }
  return best;
}

const positions = [...asked.keys()];
const fitPart = positions.filter((at) => !inCheck(asked[at] as Question));
const checkPart = positions.filter((at) => inCheck(asked[at] as Question));
const fitCases = folded(fitPart);
const checkCases = cases(checkPart, fitPart);
const partModel = fitModel(fitCases);
console.log(`thresholds alone: fit ${figures(fitCases, RULES)}\n                  check ${figures(checkCases, RULES)}`);
console.log(
  `model (t=${partModel.threshold}): fit ${figures(fitCases, partModel)}\n                  check ${figures(checkCases, partModel)}`,
);

const all = folded(positions);
const model = fitModel(all);
console.log(
  `whole half, each fold answered as new (t=${model.threshold}): thresholds alone ${figures(all, RULES)}; model ${figures(all, model)}`,
);
console.log(FEATURES.map((f, i) => `${f}: ${(model.weights[i] as number).toFixed(2)}`).join(", "));

if (process.argv.includes("--write")) {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const text = `import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (${asked.length} questions). */
export const MODEL: Model = ${JSON.stringify({
    mean: model.mean.map(round),
    scale: model.scale.map(round),
    weights: model.weights.map(round),
    bias: round(model.bias),
    threshold: model.threshold,
    fittedOn: asked.length,
    rows: model.rows,
  })};
`;
  const path = "src/matrix/confidence-model.ts";
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }));
  console.log(`wrote ${path}`);
}

if (process.argv.includes("--fails")) {
  for (const c of fitCases) {
    const answer = c.answer ?? (c.run as (m: Model) => Answer)(partModel);
    const o = judge(c.question, answer);
    if (o === "correct" || o === "honest") continue;
    const said =
      answer.kind === "row"
        ? `row ${answer.slug}`
        : answer.kind === "unsure"
          ? `unsure ${answer.slugs.join(",")}`
          : answer.kind;
    console.log(`${o.padEnd(7)} ${c.question.expect.padEnd(22)} ${said.padEnd(55)} ${c.question.q}`);
  }
}
