import { zForLevel } from "./zForLevel.ts";

/** A confidence interval. `method` names how it was computed. */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  level: number;
  method: string;
}

/**
 * Wilson score interval for a proportion, as fractions in [0, 1]; `null` when n = 0.
 *
 *   centre    = (p + z^2 / (2n)) / (1 + z^2 / n)
 *   halfWidth = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / (4 n^2))
 *
 * O(1). `successes` and `n` may be weighted (non-integer) totals.
 *
 * @example
 * wilsonInterval(70, 100) // => { lower: 0.6041..., upper: 0.7810..., level: 0.95, method: "wilson" }
 * @see Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22(158).
 */
export function wilsonInterval(successes: number, n: number, level = 0.95): ConfidenceInterval | null {
  if (!(n > 0)) return null;
  const z = zForLevel(level);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), level, method: "wilson" };
}
