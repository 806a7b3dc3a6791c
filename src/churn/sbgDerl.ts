import { InvalidOptionError } from "../errors.ts";
import { checkPeriod, checkSbgParams, type SbgParams } from "./sbgParams.ts";

/**
 * Discounted expected residual lifetime of a customer under the sBG model (Fader & Hardie 2010, eq. 6): the
 * expected number of further payments, discounted, of a customer who has renewed n times and is about to decide on
 * the next renewal (the first further payment is at the decision, undiscounted). CLV = margin per period x DERL.
 *
 *   DERL(d | alpha, beta, n) = (beta + n) / (alpha + beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d))
 *                            = sum_{k>=0} S(n + 1 + k) / S(n) / (1 + d)^k
 *   2F1(1, b; c; z) = sum_k (b)_k / (c)_k z^k,  each term = the previous x (b + k) / (c + k) x z
 *
 * The series is summed until a term no longer changes the sum (geometric with ratio < 1/(1+d)); O(log(eps)/log(1+d))
 * terms, so d must be > 0 (with d = 0 and alpha <= 1 the expected lifetime is infinite).
 *
 * @param params alpha, beta > 0
 * @param options discountRate d > 0 per period (0.1 = 10%), renewals n >= 0 (default 0: a customer who just joined)
 * @returns DERL, in periods' worth of payments
 * @example
 * sbgDerl({ alpha: 1, beta: 1 }, { discountRate: 0.1, renewals: 0 }) // => 1.8014... (= 1.21 (ln 11 - 1/1.1))
 * @see Fader, P. S. & Hardie, B. G. S. (2010). Customer-Base Valuation in a Contractual Setting: The Perils of
 *   Ignoring Heterogeneity. Marketing Science 29(1), 85-93, eq. (6).
 */
export function sbgDerl(params: SbgParams, options: { discountRate: number; renewals?: number }): number {
  const { alpha, beta } = checkSbgParams("sbgDerl", params);
  const d = options.discountRate;
  if (typeof d !== "number" || !(d > 0) || !Number.isFinite(d)) {
    throw new InvalidOptionError("sbgDerl", "discountRate", `is ${JSON.stringify(d)}, expected a rate per period > 0 (10% is 0.1)`);
  }
  const n = checkPeriod("sbgDerl", "renewals", options.renewals ?? 0, 0);
  return ((beta + n) / (alpha + beta + n)) * hyp2f1OneB(beta + n + 1, alpha + beta + n + 1, 1 / (1 + d));
}

/** 2F1(1, b; c; z) for 0 <= z < 1 and c > b > 0, by its series (terms positive and falling). */
function hyp2f1OneB(b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 1e8; k++) {
    term *= ((b + k) / (c + k)) * z;
    const next = sum + term;
    if (next === sum) return sum;
    sum = next;
  }
  return sum;
}
