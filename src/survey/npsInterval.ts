import { zForLevel } from "../stats/zForLevel.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";

/** The interval methods for NPS. */
export type NpsIntervalMethod = "adjusted-wald" | "wald";

/** Shares of promoters and detractors as fractions (weighted when the answers were weighted). */
export interface NpsShares {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Per-response variance of the NPS score, with each answer scored +1 (promoter), 0, -1 (detractor), as fractions:
 *   Var = pP + pD - (pP - pD)^2
 */
export function npsVariance(pP: number, pD: number): number {
  return Math.max(0, pP + pD - (pP - pD) ** 2);
}

/**
 * A confidence interval for NPS in points, clipped to [-100, 100]; `null` when nEff = 0.
 *
 * Wald:          NPS +- 100 z sqrt(Var / n)
 * adjusted Wald: add 0.75 detractor, 1.5 passive and 0.75 promoter pseudo-answers (n + 3), then Wald on the
 *                adjusted shares; the interval is centred on the adjusted estimate.
 * With weights, n is Kish's effective sample size and the pseudo-answers are added to it.
 *
 * @example
 * npsInterval({ promoters: 9 / 11, passives: 0, detractors: 2 / 11 }, 11, 0.95, "adjusted-wald") // => { lower: 8.0..., upper: 92.0..., ... }
 * @see Rocks, B. (2016). Interval estimation for the "Net Promoter Score". The American Statistician 70(4), 365-372.
 */
export function npsInterval(shares: NpsShares, nEff: number, level: number, method: NpsIntervalMethod): ConfidenceInterval | null {
  if (!(nEff > 0)) return null;
  let pP = shares.promoters;
  let pD = shares.detractors;
  let n = nEff;
  if (method === "adjusted-wald") {
    pP = (pP * n + 0.75) / (n + 3);
    pD = (pD * n + 0.75) / (n + 3);
    n += 3;
  }
  const centre = 100 * (pP - pD);
  const half = 100 * zForLevel(level) * Math.sqrt(npsVariance(pP, pD) / n);
  return { lower: Math.max(-100, centre - half), upper: Math.min(100, centre + half), level, method };
}
