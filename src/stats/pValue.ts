import { normalUpperTail } from "./normalUpperTail.ts";
import { studentTUpperTail } from "./studentTUpperTail.ts";

/** The alternative hypothesis of a test: the first quantity differs from, exceeds, or falls below the second. */
export type Alternative = "two-sided" | "greater" | "less";

/**
 * The p-value of a z or t statistic for an alternative (df = Infinity means the normal distribution).
 *   two-sided: 2 P(T > |x|),  greater: P(T > x),  less: P(T < x)
 * @example
 * pValueOf(1.959963984540054, "two-sided") // => 0.05
 * @see Casella, G. & Berger, R. L. (2002). Statistical Inference, 2nd ed., section 8.3.4 (p-values).
 */
export function pValueOf(statistic: number, alternative: Alternative, df: number = Infinity): number {
  const tail = (x: number): number => (df === Infinity ? normalUpperTail(x) : studentTUpperTail(x, df));
  if (alternative === "greater") return tail(statistic);
  if (alternative === "less") return tail(-statistic);
  return Math.min(1, 2 * tail(Math.abs(statistic)));
}
