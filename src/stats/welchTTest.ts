import { pValueOf, type Alternative } from "./pValue.ts";
import { tForLevel } from "./tForLevel.ts";
import type { ConfidenceInterval } from "./wilsonInterval.ts";

/** Summary statistics of one sample. */
export interface SampleSummary {
  mean: number;
  standardDeviation: number;
  n: number;
}

/** The result of {@link welchTTest}. */
export interface WelchTTest {
  difference: number;
  standardError: number;
  /** Welch-Satterthwaite degrees of freedom. */
  df: number;
  ci: ConfidenceInterval;
  t: number | null;
  pValue: number | null;
}

/**
 * Welch's unequal-variance t-test of mean1 - mean2 from summary statistics (independent samples, n >= 2 each).
 *
 *   se = sqrt(s1^2 / n1 + s2^2 / n2),  t = (m1 - m2) / se
 *   df = se^4 / ((s1^2 / n1)^2 / (n1 - 1) + (s2^2 / n2)^2 / (n2 - 1))
 *
 * @example
 * welchTTest({ mean: 5.2, standardDeviation: 1.1, n: 40 }, { mean: 4.8, standardDeviation: 1.4, n: 35 }).df // => 64.29...
 * @see Welch, B. L. (1947). The generalization of "Student's" problem when several different population variances are involved. Biometrika 34.
 */
export function welchTTest(a: SampleSummary, b: SampleSummary, level = 0.95, alternative: Alternative = "two-sided"): WelchTTest {
  const va = (a.standardDeviation * a.standardDeviation) / a.n;
  const vb = (b.standardDeviation * b.standardDeviation) / b.n;
  const standardError = Math.sqrt(va + vb);
  const difference = a.mean - b.mean;
  const df = standardError > 0 ? (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1)) : a.n + b.n - 2;
  const half = tForLevel(level, df) * standardError;
  const t = standardError > 0 ? difference / standardError : null;
  return {
    difference,
    standardError,
    df,
    ci: { lower: difference - half, upper: difference + half, level, method: "welch-t" },
    t,
    pValue: t === null ? null : pValueOf(t, alternative, df),
  };
}
