import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (1439 questions). */
export const MODEL: Model = {
  mean: [
    2.1216, 0.7945, 0.4321, 0.542, 0.2182, 0.0512, 0.0668, 0.6102, 0.606, 0.5249, 0.0799, 0.2778, 0.706, 0.7674, 0.6985,
  ],
  scale: [
    0.6095, 0.2253, 0.3214, 0.4982, 0.413, 0.1146, 0.2496, 0.4877, 0.2054, 0.2519, 0.2974, 0.1756, 0.372, 0.4225,
    0.4589,
  ],
  weights: [
    0.7501, 0.1032, -0.1127, 0.2529, 0.2866, -0.3493, -0.3737, 0.1976, -0.0765, 0.1115, 0.4764, -0.0386, 0.4905, 0.1569,
    0.23,
  ],
  bias: 2.1839,
  threshold: 0.85,
  fittedOn: 1439,
};
