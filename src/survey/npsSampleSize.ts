import { InvalidOptionError } from "../errors.ts";
import { checkLevel } from "../_lib/checkOptions.ts";
import { zForLevel } from "../stats/zForLevel.ts";
import { npsVariance, type NpsShares } from "./npsInterval.ts";

/** Options of {@link npsSampleSize}. */
export interface NpsSampleSizeOptions {
  /** Wanted half-width of the interval, in NPS points (e.g. 5 for +-5). */
  marginOfError: number;
  /** Expected NPS in points; without passives this gives Var = 1 - (NPS/100)^2. Default: the worst case, Var = 1. */
  expectedNps?: number;
  /** Expected shares (fractions) of promoters, passives and detractors; more precise than `expectedNps`. */
  expectedShares?: NpsShares;
  /** Confidence level. Default 0.95. */
  level?: number;
}

/** The result of {@link npsSampleSize}. */
export interface NpsSampleSize {
  /** Answers needed. */
  n: number;
  /** The per-answer variance assumed (fractions). */
  variance: number;
  marginOfError: number;
  level: number;
}

/**
 * How many answers an NPS survey needs for a given margin of error (Wald approximation).
 *
 *   n = ceil(z^2 * Var / (MoE / 100)^2),  Var = pP + pD - (pP - pD)^2
 * With only an expected NPS, the variance assumes no passives (Var = 1 - NPS^2, the largest for that NPS);
 * with nothing expected, Var = 1 (half promoters, half detractors), the worst case.
 *
 * @example
 * npsSampleSize({ marginOfError: 5 }).n // => 1537
 * npsSampleSize({ marginOfError: 5, expectedShares: { promoters: 0.5, passives: 0.3, detractors: 0.2 } }).n // => 938
 * @see Rocks, B. (2016). Interval estimation for the "Net Promoter Score". The American Statistician 70(4).
 */
export function npsSampleSize(options: NpsSampleSizeOptions): NpsSampleSize {
  const level = checkLevel("npsSampleSize", options.level);
  const moe = options.marginOfError;
  if (typeof moe !== "number" || !(moe > 0 && moe <= 200)) {
    throw new InvalidOptionError("npsSampleSize", "marginOfError", `is ${JSON.stringify(moe)}, expected points in (0, 200], e.g. 5`);
  }
  let variance = 1;
  if (options.expectedShares) {
    const { promoters, passives, detractors } = options.expectedShares;
    const parts = [promoters, passives, detractors];
    if (parts.some((p) => typeof p !== "number" || !(p >= 0 && p <= 1)) || Math.abs(promoters + passives + detractors - 1) > 1e-9) {
      throw new InvalidOptionError("npsSampleSize", "expectedShares", `is ${JSON.stringify(options.expectedShares)}, expected fractions that sum to 1`);
    }
    variance = npsVariance(promoters, detractors);
  } else if (options.expectedNps !== undefined) {
    const e = options.expectedNps;
    if (typeof e !== "number" || !(e >= -100 && e <= 100)) {
      throw new InvalidOptionError("npsSampleSize", "expectedNps", `is ${JSON.stringify(e)}, expected a score from -100 to 100`);
    }
    variance = 1 - (e / 100) ** 2;
  }
  const z = zForLevel(level);
  return { n: Math.max(1, Math.ceil((z * z * variance) / (moe / 100) ** 2 - 1e-9)), variance, marginOfError: moe, level };
}
