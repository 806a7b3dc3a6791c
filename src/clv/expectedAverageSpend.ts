import { InvalidOptionError } from "../errors.ts";

/** The parameters of the Gamma-Gamma spend model: spends z ~ Gamma(shape p, rate nu), nu ~ Gamma(shape q, rate gamma). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

const KIND = "expectedAverageSpend";

/**
 * A customer's expected spend per transaction under the Gamma-Gamma model, given x repeat purchases of mean
 * value m (lifetimes' `conditional_expected_average_profit`):
 *
 *   E[M | p, q, gamma, x, m] = p (gamma + x m) / (p x + q - 1)
 *                            = (1 - w) * p gamma / (q - 1) + w * m,   w = p x / (p x + q - 1)
 *
 * a weighted mean of the population mean and the customer's own mean, the weight growing with x. A customer with
 * no repeat purchase (x = 0) gets the population mean p gamma / (q - 1), whatever m is. O(1).
 *
 * @param params `{ p, q, gamma }`: a `fitGammaGamma` result (when `fitted`) or published values; q must be > 1
 * @param frequency x, repeat purchases (an integer >= 0)
 * @param monetaryValue m, the mean repeat spend (> 0 when x > 0; ignored when x = 0)
 * @returns the expected spend per transaction
 * @throws InvalidOptionError for parameters that are not positive, q <= 1, or a frequency or spend out of range
 * @example
 * expectedAverageSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35) // => 24.66...
 * expectedAverageSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 0, 0) // => 35.21... (the population mean)
 * @see Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005b). RFM and CLV: using iso-value curves for customer base analysis. Journal of Marketing Research 42(4), eq. 5.
 * @see lifetimes `GammaGammaFitter.conditional_expected_average_profit`
 */
export function expectedAverageSpend(params: GammaGammaParams, frequency: number, monetaryValue: number): number {
  const { p, q, gamma } = params ?? ({} as GammaGammaParams);
  for (const [name, v] of [["p", p], ["q", q], ["gamma", gamma]] as const) {
    if (typeof v !== "number" || !(v > 0 && Number.isFinite(v))) throw new InvalidOptionError(KIND, `params.${name}`, `is ${JSON.stringify(v)}, expected a finite number > 0 (a fitted Gamma-Gamma model)`);
  }
  if (!(q > 1)) throw new InvalidOptionError(KIND, "params.q", `is ${q}, expected q > 1: with q <= 1 the model's mean spend is infinite`);
  if (!(Number.isInteger(frequency) && frequency >= 0)) throw new InvalidOptionError(KIND, "frequency", `is ${JSON.stringify(frequency)}, expected an integer >= 0 (repeat purchases)`);
  if (frequency === 0) return (p * gamma) / (q - 1);
  if (typeof monetaryValue !== "number" || !(monetaryValue > 0 && Number.isFinite(monetaryValue))) {
    throw new InvalidOptionError(KIND, "monetaryValue", `is ${JSON.stringify(monetaryValue)}, expected a mean spend > 0 for a customer with repeat purchases`);
  }
  return (p * (gamma + frequency * monetaryValue)) / (p * frequency + q - 1);
}
