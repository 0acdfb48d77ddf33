import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (1065 questions). */
export const MODEL: Model = {
  mean: [2.146, 0.7929, 0.4289, 0.5515, 0.2233, 0.0484, 0.065, 0.5621, 0.58, 0.4879, 0.0512, 0.263, 0.7165],
  scale: [0.6087, 0.2222, 0.3176, 0.4973, 0.4165, 0.1114, 0.2466, 0.4961, 0.2117, 0.255, 0.3002, 0.1822, 0.4507],
  weights: [0.9468, 0.0498, -0.2389, 0.3885, 0.2642, -0.2289, -0.3087, 0.0183, -0.123, 0.2915, 0.4832, 0.0178, 0.2832],
  bias: 2.1482,
  threshold: 0.9,
};
