import { checkPeriod, checkSbgParams, type SbgParams } from "./sbgParams.ts";

/**
 * sBG retention rate of period t: the share of customers alive at t - 1 who renew at t (Fader & Hardie 2007, eq. 8).
 *
 *   r_t = (beta + t - 1) / (alpha + beta + t - 1),   t = 1, 2, ...
 *
 * Increases with t (the heterogeneous cohort sheds its high-churn members first). O(1).
 *
 * @param params alpha, beta > 0
 * @param t period, an integer >= 1
 * @returns r_t, a fraction
 * @example
 * sbgRetention({ alpha: 0.704, beta: 1.182 }, 1) // => 0.6267...
 * @see Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. J. Interactive Marketing 21(1), 76-90.
 */
export function sbgRetention(params: SbgParams, t: number): number {
  const { alpha, beta } = checkSbgParams("sbgRetention", params);
  checkPeriod("sbgRetention", "t", t, 1);
  return (beta + t - 1) / (alpha + beta + t - 1);
}
