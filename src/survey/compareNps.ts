import { InvalidOptionError } from "../errors.ts";
import { checkLevel } from "../_lib/checkOptions.ts";
import { normalQuantile } from "../stats/normalQuantile.ts";
import { zForLevel } from "../stats/zForLevel.ts";
import { pValueOf, type Alternative } from "../stats/pValue.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { npsVariance, type NpsIntervalMethod } from "./npsInterval.ts";
import type { NpsResult } from "./nps.ts";

/** What {@link compareNps} needs of an NPS result (an {@link NpsResult} has it all). */
export type NpsSummary = Pick<NpsResult, "score" | "n" | "shares" | "effectiveN" | "standardError">;

/** Options of {@link compareNps}. */
export interface CompareNpsOptions {
  /** Confidence level. Default 0.95. */
  level?: number;
  /** Alternative hypothesis for the p-value: a differs from (default), is greater than, or is less than b. */
  alternative?: Alternative;
  /** Interval method for the difference. Default `"adjusted-wald"`. */
  interval?: NpsIntervalMethod;
}

/** The result of {@link compareNps}: plain JSON. */
export interface NpsComparison {
  metric: "nps-comparison";
  /** a.score - b (the other score or the benchmark), in points; `null` when a sample is empty. */
  difference: number | null;
  /**
   * Standard error of the difference in points, the one the test uses: Wald, or, when the Wald standard error is 0
   * (every answer of each sample in one band, e.g. all promoters against all detractors), the adjusted-Wald one
   * (with the pseudo-answers), which is never 0, so such samples are tested rather than left untestable.
   */
  standardError: number | null;
  /**
   * Interval of the difference in points, clipped to the possible range ([-200, 200], or [-100 - B, 100 - B]
   * against a benchmark B). For a one-sided alternative it is the matching one-sided bound (method
   * `"adjusted-wald, one-sided"`): "greater" gives [lower bound, range maximum], "less" [range minimum, upper bound],
   * so it excludes 0 exactly when a test at the same level would reject, up to the adjusted centre.
   */
  ci: ConfidenceInterval | null;
  /** z statistic; `null` when a sample is empty. */
  z: number | null;
  pValue: number | null;
  alternative: Alternative;
  level: number;
  /** pValue < 1 - level; `null` when there is no p-value. */
  significant: boolean | null;
  /** Benchmark score when b was a number, else null. */
  benchmark: number | null;
}

/**
 * Compare two NPS results (independent samples), or one NPS result against a fixed benchmark score.
 *
 *   two samples:  d = NPS_a - NPS_b,  SE = sqrt(SE_a^2 + SE_b^2),  z = d / SE
 *   benchmark B:  d = NPS_a - B,      SE = SE_a,                    z = d / SE
 *   SE_x = 100 sqrt(Var_x / n_x) with Var = pP + pD - (pP - pD)^2 (n is Kish's effective n when weighted)
 *   p-value from the normal distribution for the chosen alternative.
 * Interval of d: adjusted Wald by default (0.75 / 1.5 / 0.75 pseudo-answers added to each sample, in the spirit
 * of Agresti & Caffo's add-two interval for differences), or Wald. Against a benchmark it is a's own interval
 * shifted by B. Two-sided for a two-sided test; a one-sided bound (z = Phi^-1(level)) for "greater" or "less".
 *
 * @param a an NPS result
 * @param b another NPS result, or a benchmark score in points (-100..100)
 * @param options level, alternative, interval method
 * @example
 * compareNps(nps([10, 10, 9, 3]), nps([10, 3, 4, 7])).difference // => 75
 * compareNps(nps(answers), 30, { alternative: "greater" }).pValue // one-sided test against an industry figure
 * @see Rocks, B. (2016). Interval estimation for the "Net Promoter Score". The American Statistician 70(4).
 * @see Agresti, A., Caffo, B. (2000). Simple and effective confidence intervals for proportions and differences of proportions. The American Statistician 54(4).
 */
export function compareNps(a: NpsSummary, b: NpsSummary | number, options: CompareNpsOptions = {}): NpsComparison {
  const level = checkLevel("compareNps", options.level);
  const alternative = options.alternative ?? "two-sided";
  if (!["two-sided", "greater", "less"].includes(alternative)) {
    throw new InvalidOptionError("compareNps", "alternative", `is ${JSON.stringify(alternative)}, expected "two-sided", "greater" or "less"`);
  }
  const method = options.interval ?? "adjusted-wald";
  if (method !== "adjusted-wald" && method !== "wald") {
    throw new InvalidOptionError("compareNps", "interval", `is ${JSON.stringify(method)}, expected "adjusted-wald" or "wald"`);
  }
  const benchmark = typeof b === "number" ? b : null;
  if (benchmark !== null && !(benchmark >= -100 && benchmark <= 100)) {
    throw new InvalidOptionError("compareNps", "benchmark", `is ${benchmark}, expected a score from -100 to 100`);
  }
  const empty: NpsComparison = { metric: "nps-comparison", difference: null, standardError: null, ci: null, z: null, pValue: null, alternative, level, significant: null, benchmark };
  if (a.score === null || a.shares === null || a.standardError === null) return empty;
  // The interval matches the test: two-sided, or a one-sided bound (the other end at the range limit).
  const zc = alternative === "two-sided" ? zForLevel(level) : normalQuantile(level);
  const [ca, va] = adjusted(a, method);
  let difference: number;
  let standardError: number;
  let centre: number;
  let variance: number;
  let lo: number;
  let hi: number;
  if (benchmark !== null) {
    difference = a.score - benchmark;
    standardError = a.standardError;
    centre = ca - benchmark;
    variance = va;
    lo = -100 - benchmark;
    hi = 100 - benchmark;
  } else {
    const other = b as NpsSummary;
    if (other.score === null || other.shares === null || other.standardError === null) return empty;
    const [cb, vb] = adjusted(other, method);
    difference = a.score - other.score;
    standardError = Math.hypot(a.standardError, other.standardError);
    centre = ca - cb;
    variance = va + vb;
    lo = -200;
    hi = 200;
  }
  const half = 100 * zc * Math.sqrt(variance);
  const ci: ConfidenceInterval = {
    lower: alternative === "less" ? lo : Math.max(lo, centre - half),
    upper: alternative === "greater" ? hi : Math.min(hi, centre + half),
    level,
    method: alternative === "two-sided" ? method : `${method}, one-sided`,
  };
  if (!(standardError > 0)) {
    const adjustedVariance = adjusted(a, "adjusted-wald")[1] + (benchmark === null ? adjusted(b as NpsSummary, "adjusted-wald")[1] : 0);
    standardError = 100 * Math.sqrt(adjustedVariance);
  }
  const z = difference / standardError;
  const pValue = pValueOf(z, alternative);
  return { metric: "nps-comparison", difference, standardError, ci, z, pValue, alternative, level, significant: pValue < 1 - level, benchmark };
}

/** Centre (points) and variance of the mean score (fractions^2) of a sample, adjusted or not. */
function adjusted(x: NpsSummary, method: NpsIntervalMethod): [number, number] {
  let pP = x.shares!.promoters;
  let pD = x.shares!.detractors;
  let n = x.effectiveN;
  if (method === "adjusted-wald") {
    pP = (pP * n + 0.75) / (n + 3);
    pD = (pD * n + 0.75) / (n + 3);
    n += 3;
  }
  return [100 * (pP - pD), npsVariance(pP, pD) / n];
}
