import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (1442 questions). */
export const MODEL: Model = {
  mean: [
    2.1226, 0.7948, 0.4324, 0.5415, 0.2185, 0.0511, 0.0666, 0.6103, 0.6064, 0.5254, 0.0802, 0.2777, 0.7061, 0.7672,
    0.6984,
  ],
  scale: [
    0.6093, 0.2252, 0.3217, 0.4983, 0.4132, 0.1145, 0.2494, 0.4877, 0.2054, 0.2519, 0.2973, 0.1754, 0.3719, 0.4226,
    0.4589,
  ],
  weights: [
    0.7542, 0.106, -0.111, 0.2505, 0.2837, -0.349, -0.3736, 0.1945, -0.0793, 0.1136, 0.4785, -0.0402, 0.4955, 0.1513,
    0.2267,
  ],
  bias: 2.1884,
  threshold: 0.85,
  fittedOn: 1442,
};
