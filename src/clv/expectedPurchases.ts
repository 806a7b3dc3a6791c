import { conditionalExpected } from "./betaGeoCore.ts";
import { checkBetaGeoParams, checkSpan, type BetaGeoParamsLike } from "./betaGeoParams.ts";

/**
 * E[X(t)]: the expected number of repeat purchases in the first t time units of a new customer (after her first
 * purchase), under BG/NBD (FHL 2005 eq. 9) or MBG/NBD, with z = t / (alpha + t):
 *
 *   BG/NBD:  E[X(t)] = (a + b - 1) / (a - 1) * [1 - (alpha / (alpha + t))^r 2F1(r, b; a + b - 1; z)]
 *   MBG/NBD: E[X(t)] = b / (a - 1) * [1 - (alpha / (alpha + t))^r 2F1(r, b + 1; a + b; z)]
 *
 * evaluated in Euler's form (see conditionalExpectedPurchases: it is the case x = t_x = T = 0). O(terms of 2F1).
 *
 * @param params `{ r, alpha, a, b, model? }` or a fit result; t in the same time unit as alpha
 * @param t time since the first purchase (>= 0)
 * @returns expected repeat purchases (0 at t = 0)
 * @throws InvalidOptionError for parameters that are not positive, or t < 0
 * @example
 * expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // => 1.8605 (at the unrounded MLE 1.8580; Hardie's Excel note: 1.8576)
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 9; lifetimes `expected_number_of_purchases_up_to_time`
 */
export function expectedPurchases(params: BetaGeoParamsLike, t: number): number {
  const p = checkBetaGeoParams("expectedPurchases", params);
  checkSpan("expectedPurchases", "t", t);
  return conditionalExpected(p, 0, 0, 0, t);
}
