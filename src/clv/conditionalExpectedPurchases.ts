import { conditionalExpected } from "./betaGeoCore.ts";
import { checkBetaGeoParams, checkHistory, checkSpan, type BetaGeoParamsLike, type PurchaseHistory } from "./betaGeoParams.ts";

/**
 * E[X(T, T + t) | x, t_x, T]: the expected number of purchases in the next t time units of a customer with x repeat
 * purchases, the last at t_x, observed for T (FHL 2005 eq. 10; Wagner & Hoppe 2008 for MBG/NBD). With s = 0 for
 * BG/NBD and 1 for MBG/NBD, c = a + b + x - 1 + s and z = t / (alpha + T + t):
 *
 *   E = c / (a - 1) * [1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x + s; c; z)] * P(alive)
 *
 * computed as c / (a - 1) * [1 - (1 - z)^(a - 1) 2F1(a + b - 1 + s - r, a - 1; c; z)] * P(alive) (Euler's
 * transformation), so that 2F1's parameters stay moderate and a customer with hundreds of purchases neither
 * overflows nor underflows; P(alive) from its log. For |a - 1| < 1e-4 (where the formula is 0/0) the value is
 * the mean of a = 1 -+ 1e-4 (about 1e-8 relative). O(terms of 2F1).
 *
 * @param params `{ r, alpha, a, b, model? }` or a fit result; times in alpha's unit
 * @param history `{ frequency: x, recency: t_x, T }`
 * @param t horizon after T (>= 0)
 * @returns expected purchases in (T, T + t]
 * @throws InvalidOptionError for bad parameters, an impossible history, or t < 0
 * @example
 * conditionalExpectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }, 39)
 * // => 1.226 (Hardie's Excel note)
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 10; lifetimes `conditional_expected_number_of_purchases_up_to_time`
 * @see Wagner, U. & Hoppe, D. (2008). Erratum on the MBG/NBD model. IJRM 25(3).
 */
export function conditionalExpectedPurchases(params: BetaGeoParamsLike, history: PurchaseHistory, t: number): number {
  const kind = "conditionalExpectedPurchases";
  const p = checkBetaGeoParams(kind, params);
  checkHistory(kind, history);
  checkSpan(kind, "t", t);
  return conditionalExpected(p, history.frequency, history.recency, history.T, t);
}
