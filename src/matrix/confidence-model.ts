import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (1065 questions). */
export const MODEL: Model = {
  mean: [
    2.146, 0.7929, 0.4289, 0.5515, 0.2233, 0.0484, 0.065, 0.5621, 0.58, 0.4879, 0.0512, 0.263, 0.7069, 0.7816, 0.7165,
  ],
  scale: [
    0.6087, 0.2222, 0.3176, 0.4973, 0.4165, 0.1114, 0.2466, 0.4961, 0.2117, 0.255, 0.3002, 0.1822, 0.3659, 0.4132,
    0.4507,
  ],
  weights: [
    0.8226, 0.0774, -0.1683, 0.3639, 0.2977, -0.2275, -0.3369, 0.0283, -0.1077, 0.2349, 0.4216, -0.0576, 0.454, 0.0278,
    0.2479,
  ],
  bias: 2.2596,
  threshold: 0.9,
  fittedOn: 1065,
};
