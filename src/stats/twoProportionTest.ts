import { zForLevel } from "./zForLevel.ts";
import { pValueOf, type Alternative } from "./pValue.ts";
import type { ConfidenceInterval } from "./wilsonInterval.ts";

/** The result of {@link twoProportionTest}, as fractions. */
export interface TwoProportionTest {
  difference: number;
  /** Unpooled standard error of the difference. */
  standardError: number;
  /** Wald interval of the difference (unpooled), clipped to [-1, 1]. */
  ci: ConfidenceInterval;
  /** Pooled z statistic; null when both samples are all successes or all failures. */
  z: number | null;
  pValue: number | null;
}

/**
 * Two-sample z-test for proportions p1 = x1 / n1 and p2 = x2 / n2 (independent samples).
 *
 *   z  = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),   p = (x1 + x2) / (n1 + n2)    (pooled, for the test)
 *   CI = (p1 - p2) +- z_level sqrt(p1 (1 - p1) / n1 + p2 (1 - p2) / n2)             (unpooled Wald)
 * Needs n1, n2 > 0.
 *
 * @example
 * twoProportionTest(60, 100, 45, 100).pValue // => 0.0339...
 * @see Agresti, A. (2013). Categorical Data Analysis, 3rd ed., section 3.1.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number, level = 0.95, alternative: Alternative = "two-sided"): TwoProportionTest {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const standardError = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const half = zForLevel(level) * standardError;
  const p = (x1 + x2) / (n1 + n2);
  const pooled = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  const z = pooled > 0 ? difference / pooled : null;
  return {
    difference,
    standardError,
    ci: { lower: Math.max(-1, difference - half), upper: Math.min(1, difference + half), level, method: "wald" },
    z,
    pValue: z === null ? null : pValueOf(z, alternative),
  };
}
