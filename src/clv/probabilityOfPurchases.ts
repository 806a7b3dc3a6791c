import { InvalidOptionError } from "../errors.ts";
import { probabilityOfCount } from "./betaGeoCore.ts";
import { checkBetaGeoParams, checkSpan, type BetaGeoParamsLike } from "./betaGeoParams.ts";

/**
 * P(X(t) = k): the probability that a new customer makes exactly k repeat purchases in her first t time units
 * (FHL 2005 eq. 8; lifetimes' ModifiedBetaGeoFitter for MBG/NBD). With q = alpha / (alpha + t), s = 0 (BG/NBD)
 * or 1 (MBG/NBD):
 *
 *   P = B(a, b + k + s) / B(a, b) * Gamma(r + k) / (Gamma(r) k!) q^r (1 - q)^k
 *     + [k > 0 or s = 1] B(a + 1, b + k - 1 + s) / B(a, b) * (1 - q^r sum_{j < k} Gamma(r + j) / (Gamma(r) j!) (1 - q)^j)
 *
 * Terms in log space; the last bracket (the NBD's P(N >= k)) is clamped at 0, absolute error about 1e-16. O(k).
 *
 * @param params `{ r, alpha, a, b, model? }` or a fit result; t in alpha's unit
 * @param t time since the first purchase (>= 0)
 * @param k number of repeat purchases (an integer >= 0)
 * @returns the probability
 * @throws InvalidOptionError for bad parameters, t < 0 or k not a non-negative integer
 * @example
 * probabilityOfPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0) // => 0.5738
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 8; lifetimes `probability_of_n_purchases_up_to_time`
 */
export function probabilityOfPurchases(params: BetaGeoParamsLike, t: number, k: number): number {
  const kind = "probabilityOfPurchases";
  const p = checkBetaGeoParams(kind, params);
  checkSpan(kind, "t", t);
  if (!(Number.isInteger(k) && k >= 0)) throw new InvalidOptionError(kind, "k", `is ${JSON.stringify(k)}, expected an integer >= 0`);
  return probabilityOfCount(p, t, k);
}
