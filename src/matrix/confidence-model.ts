import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (561 questions). */
export const MODEL: Model = {
  mean: [2.2597, 0.8009, 0.4524, 0.6624, 0.179, 0.0512, 0.0517, 0.655, 0.6454, 0.5437, 0.0862, 0.2503, 0.7509],
  scale: [0.5787, 0.2225, 0.3087, 0.4729, 0.3833, 0.1169, 0.2213, 0.4754, 0.2172, 0.2762, 0.3517, 0.2019, 0.4325],
  weights: [0.8946, -0.0699, -0.0916, 0.3944, 0.2582, -0.1155, -0.3664, 0.263, 0.1648, 0.6925, 0.4815, 0.1187, 0.4551],
  bias: 3.0841,
  threshold: 0.83,
};
