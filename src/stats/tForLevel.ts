import { studentTQuantile } from "./studentTQuantile.ts";

/**
 * The two-sided critical value of Student's t for a confidence level: t with P(|T| <= t) = level,
 * t = F^-1(1 - (1 - level) / 2; df).
 *
 * @example
 * tForLevel(0.95, 10) // => 2.228138851986274
 * @see studentTQuantile
 */
export function tForLevel(level: number, df: number): number {
  return studentTQuantile(1 - (1 - level) / 2, df);
}
