import type { RfmColumns } from "../clv/rfmTypes.ts";
import { checkSampleOptions, drawCustomer, type BetaGeoSampleOptions } from "./betaGeoCustomer.ts";
import { seededRandom } from "./seededRandom.ts";

/**
 * A seeded RFM summary drawn from the BG/NBD (or MBG/NBD) process itself, without materialising transactions:
 * for benchmarks and for checking that a fit recovers the parameters it was drawn with.
 *
 *   lambda ~ Gamma(r, alpha), p ~ Beta(a, b); gaps ~ Exp(lambda) until T; after each repeat purchase (and, under
 *   MBG/NBD, at time 0) the customer drops out with probability p;  x = repeat purchases, t_x = last one, T
 *   monetary value = mean of the repeat spends, spends ~ Gamma(p, nu), nu ~ Gamma(q, gamma)  (0 when x = 0)
 *
 * O(customers + purchases) time, O(customers) memory (typed arrays). The same seed gives the same summary.
 *
 * @param options customers, true parameters, T (fixed or uniform range), spend model, seed, time resolution
 * @returns columns `{ frequency, recency, T, monetaryValue, customerId }` that every CLV fitter accepts
 * @example
 * const s = generateBetaGeoSummary({ customers: 1000, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, T: 39, seed: 1 });
 * s.length // => 1000
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), section 2 (the model's story); lifetimes `beta_geometric_nbd_model`
 */
export function generateBetaGeoSummary(options: BetaGeoSampleOptions): RfmColumns {
  checkSampleOptions("generateBetaGeoSummary", options);
  const n = options.customers;
  const rng = seededRandom(options.seed ?? 1);
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const monetaryValue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = -1;
    let last = 0;
    let sum = 0;
    T[i] = drawCustomer(rng, options, (time, amount) => {
      x += 1;
      if (x > 0) sum += amount;
      last = time;
    });
    frequency[i] = x;
    recency[i] = last;
    monetaryValue[i] = x > 0 ? sum / x : 0;
  }
  return { length: n, timeUnit: null, customerId: Array.from({ length: n }, (_, i) => i + 1), frequency, recency, T, monetaryValue, frequencyHoldout: null, monetaryValueHoldout: null, durationHoldout: null };
}
