import { InvalidOptionError } from "../errors.ts";
import { checkPeriod, checkSbgParams, type SbgParams } from "./sbgParams.ts";

/** One period of an {@link sbgProjection}. */
export interface SbgProjectionRow {
  /** Periods since acquisition. */
  t: number;
  /** S(t), the share of the cohort still active. */
  survival: number;
  /** cohortSize x S(t). */
  survivors: number;
  /** r_t = S(t) / S(t - 1); null at t = 0. */
  retention: number | null;
  /** cohortSize x P(T = t), the expected churns in period t; null at t = 0. */
  churned: number | null;
}

/**
 * Project a cohort's survivors with a fitted sBG model, periods `from` to `to` (inclusive).
 *
 *   S(t) = prod_{i=1..t} r_i,  r_i = (beta + i - 1) / (alpha + beta + i - 1);  survivors(t) = cohortSize x S(t)
 *   P(T = t) = S(t - 1) - S(t)
 *
 * O(to) time, O(to - from) memory.
 *
 * @param params alpha, beta (e.g. from fitSbg)
 * @param options from, to (integers, 0 <= from <= to), cohortSize (default 1: shares)
 * @returns one row per period
 * @example
 * sbgProjection({ alpha: 0.668, beta: 3.806 }, { from: 8, to: 8, cohortSize: 1000 })[0].survivors // => 460.47...
 * @see Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. J. Interactive Marketing 21(1), 76-90.
 */
export function sbgProjection(params: SbgParams, options: { from: number; to: number; cohortSize?: number }): SbgProjectionRow[] {
  const { alpha, beta } = checkSbgParams("sbgProjection", params);
  const from = checkPeriod("sbgProjection", "from", options.from, 0);
  const to = checkPeriod("sbgProjection", "to", options.to, from);
  const size = options.cohortSize ?? 1;
  if (typeof size !== "number" || !(size > 0) || !Number.isFinite(size)) throw new InvalidOptionError("sbgProjection", "cohortSize", `is ${JSON.stringify(size)}, expected a finite number > 0`);
  const rows: SbgProjectionRow[] = [];
  let s = 1;
  for (let t = 0; t <= to; t++) {
    const prev = s;
    const r = t === 0 ? null : (beta + t - 1) / (alpha + beta + t - 1);
    if (r !== null) s *= r;
    if (t >= from) rows.push({ t, survival: s, survivors: size * s, retention: r, churned: r === null ? null : size * (prev - s) });
  }
  return rows;
}
