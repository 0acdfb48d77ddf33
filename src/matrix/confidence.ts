import type { Neighbour } from "./examples.js";
import type { Scoring } from "./question-index.js";

/**
 * How likely the best-scored row is the right answer to a question, as a
 * logistic model of what the scoring and the questions asked before say
 * about it. Fitted on the tuning half of the question set by
 * scripts/tune-confidence.ts, which writes {@link MODEL} in
 * confidence-model.ts.
 */
export interface Model {
  /** What each feature of {@link FEATURES} is centred on. */
  mean: readonly number[];
  /** What each feature is divided by once centred. */
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
  /** Least probability for the best row to be given as *the* answer. */
  threshold: number;
  /** How many questions of data/asked.yaml it was fitted on: a test tells when it is due to be fitted again. */
  fittedOn: number;
  /** How often each row, when scored best, was the right answer to the questions asked (smoothed); `""` holds the average, for a row never scored best. */
  rows?: Readonly<Record<string, number>>;
}

/** The names of the features, in the order of {@link features}: the model is fitted on them. */
export const FEATURES = [
  "score",
  "explained",
  "second",
  "more phrases",
  "identifier",
  "unknown words",
  "out of scope",
  "like the best",
  "likeness",
  "likeness of the best",
  "likeness lead",
  "likeness to out",
  "likelihood",
  "likeliest",
  "rules sure",
  "row record",
] as const;

/**
 * What the model weighs, for the best row of a scored question: how much it
 * scores and explains, how close the next row comes, whether it names the
 * question's identifier or more of its keywords, how much of the question is
 * unknown, and how alike the question is to questions asked about that row
 * (and about nothing of the reference), and how often that row was right
 * when scored best (`rows`, the model's record); `sure` is what the fixed
 * thresholds say on their own.
 */
export function features(
  scoring: Scoring,
  neighbours: readonly Neighbour[],
  sure: boolean,
  rows?: Readonly<Record<string, number>>,
): number[] {
  const [best, second] = scoring.rows;
  if (best === undefined) return [];
  const likeness = (label: string) => neighbours.find((n) => n.label === label)?.similarity ?? 0;
  const rival = neighbours.find((n) => n.label !== best.slug)?.similarity ?? 0;
  return [
    Math.log1p(best.score),
    best.matched / scoring.mass,
    second === undefined ? 0 : second.score / best.score,
    best.phrases > (second?.phrases ?? 0) ? 1 : 0,
    best.ident ? 1 : 0,
    scoring.unknown / Math.max(1, scoring.reading.words.length),
    scoring.reading.outOfScope > 0 ? 1 : 0,
    neighbours[0]?.label === best.slug ? 1 : 0,
    neighbours[0]?.similarity ?? 0,
    likeness(best.slug),
    likeness(best.slug) - rival,
    likeness("out"),
    best.likelihood,
    scoring.likeliest === best.slug ? 1 : 0,
    sure ? 1 : 0,
    rows?.[best.slug] ?? rows?.[""] ?? 0,
  ];
}

/** The model's probability that the best row answers the question, from its {@link features}. */
export function probability(model: Model, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) {
    z += (model.weights[i] ?? 0) * (((x[i] as number) - (model.mean[i] ?? 0)) / (model.scale[i] ?? 1));
  }
  return 1 / (1 + Math.exp(-z));
}
