import { normalQuantile } from "./normalQuantile.ts";

/**
 * The two-sided critical value for a confidence level: z with P(|Z| <= z) = level, z = -Phi^-1((1 - level) / 2)
 * (computed on the lower tail, so levels near 1 keep their accuracy). O(1).
 * @example
 * zForLevel(0.95) // => 1.959963984540054
 * @see normalQuantile
 */
export function zForLevel(level: number): number {
  return -normalQuantile((1 - level) / 2);
}
