import type { Model } from "./confidence.js";

/** Written by scripts/tune-confidence.ts: the model of {@link Model} fitted on data/asked.yaml (795 questions). */
export const MODEL: Model = {
  mean: [2.2081, 0.8211, 0.4276, 0.606, 0.2107, 0.036, 0.0589, 0.6073, 0.5978, 0.5034, 0.072, 0.2431, 0.7592],
  scale: [0.5986, 0.2106, 0.3104, 0.4886, 0.4078, 0.0945, 0.2354, 0.4883, 0.2212, 0.2669, 0.3214, 0.1804, 0.4276],
  weights: [
    0.9591, -0.0036, -0.0709, 0.3585, 0.3505, -0.2214, -0.3126, -0.0542, -0.0599, 0.4462, 0.5297, 0.1062, 0.3728,
  ],
  bias: 2.4598,
  threshold: 0.89,
};
