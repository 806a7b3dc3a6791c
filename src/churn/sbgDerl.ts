import { InvalidOptionError } from "../errors.ts";
import { hyp2f1 } from "../stats/hyp2f1.ts";
import { checkPeriod, checkSbgParams, type SbgParams } from "./sbgParams.ts";

/**
 * Discounted expected residual lifetime of a customer under the sBG model (Fader & Hardie 2010, eq. 6): the
 * expected number of further payments, discounted, of a customer who has renewed n times and is about to decide on
 * the next renewal (the first further payment is at the decision, undiscounted). CLV = margin per period x DERL.
 *
 *   DERL(d | alpha, beta, n) = (beta + n) / (alpha + beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d))
 *                            = sum_{k>=0} S(n + 1 + k) / S(n) / (1 + d)^k
 *
 * 2F1 is the library's `hyp2f1` (its documented accuracy holds up to z = 1 - 1e-12, so tiny discount rates are
 * exact too; a plain series would need ~1/d terms). d must be > 0 (with d = 0 and alpha <= 1 the expected lifetime
 * is infinite). Convention: the payment already received is excluded and the next one counts, undiscounted, with its
 * renewal probability; the paper writes the same quantity for "n - 1 renewals" with 2F1(1, beta + n; alpha + beta + n; .),
 * so its n is our n + 1. A customer not yet acquired is worth margin x (1 + DERL(n = 0)).
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
  return ((beta + n) / (alpha + beta + n)) * hyp2f1(1, beta + n + 1, alpha + beta + n + 1, 1 / (1 + d));
}
