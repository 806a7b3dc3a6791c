import { checkPeriod, checkSbgParams, type SbgParams } from "./sbgParams.ts";

/**
 * sBG survival function: the share of a cohort still a customer after t periods (Fader & Hardie 2007, eq. 1-3).
 *
 *   S(t) = B(alpha, beta + t) / B(alpha, beta) = prod_{i=1..t} (beta + i - 1) / (alpha + beta + i - 1),   S(0) = 1
 *
 * O(t) (the product: exact for integer t, no log-gamma rounding).
 *
 * @param params alpha, beta > 0
 * @param t periods since acquisition, an integer >= 0
 * @returns S(t) in (0, 1]
 * @example
 * sbgSurvival({ alpha: 1, beta: 1 }, 3) // => 0.25   (1/2 * 2/3 * 3/4)
 * @see Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. J. Interactive Marketing 21(1), 76-90.
 */
export function sbgSurvival(params: SbgParams, t: number): number {
  const { alpha, beta } = checkSbgParams("sbgSurvival", params);
  checkPeriod("sbgSurvival", "t", t, 0);
  let s = 1;
  for (let i = 1; i <= t; i++) s *= (beta + i - 1) / (alpha + beta + i - 1);
  return s;
}
