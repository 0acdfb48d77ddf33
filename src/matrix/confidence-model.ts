import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (1758 questions). */
export const MODEL: Model = {
  mean: [
    2.1008, 0.8036, 0.4419, 0.5289, 0.2096, 0.051, 0.0642, 0.6264, 0.6341, 0.5543, 0.0925, 0.288, 0.7036, 0.7653,
    0.6947,
  ],
  scale: [
    0.5994, 0.2243, 0.3207, 0.4992, 0.407, 0.1153, 0.2451, 0.4838, 0.2069, 0.259, 0.3046, 0.1785, 0.3741, 0.4238,
    0.4605,
  ],
  weights: [
    0.7185, 0.1613, -0.0308, 0.2623, 0.3583, -0.3596, -0.3619, 0.1655, -0.1964, 0.1518, 0.503, -0.1219, 0.7089, 0.0053,
    0.2938,
  ],
  bias: 2.1795,
  threshold: 0.84,
  fittedOn: 1758,
};
