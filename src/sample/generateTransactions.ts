import { checkSampleOptions, drawCustomer, type BetaGeoSampleOptions } from "./betaGeoCustomer.ts";
import { seededRandom } from "./seededRandom.ts";

/** One generated purchase. */
export interface GeneratedTransaction {
  customerId: number;
  /** Time from the cohort's start (the first customer's first purchase) in the model's time unit. */
  time: number;
  /** The same instant as epoch milliseconds: `origin + time * unitDays * 86,400,000`, for rfmSummary. */
  at: number;
  amount: number;
}

/** Options of {@link generateTransactions}: the BG/NBD sample options plus the calendar mapping. */
export interface GenerateTransactionsOptions extends BetaGeoSampleOptions {
  /** Epoch ms of the cohort's start (default 2024-01-01T00:00Z). */
  origin?: number;
  /** Days per model time unit for `at` (default 7: weeks). */
  unitDays?: number;
}

/**
 * Seeded transactions drawn from the BG/NBD (or MBG/NBD) process with Gamma-Gamma spends (see
 * generateBetaGeoSummary for the process). Customer i joins at maxT - T_i, so every customer is observed up to the
 * same end, maxT after the cohort's start (T fixed: everyone joins at 0). Ordered by customer, then time.
 * O(purchases) time and memory.
 *
 * @param options customers, true parameters, T, spend model, seed, resolution, origin and unit for `at`
 * @returns the purchases, first ones included
 * @example
 * generateTransactions({ customers: 2, params: { r: 1, alpha: 2, a: 1, b: 3 }, T: 52, seed: 3 })[0].time // => 0 when T is fixed
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), section 2; Fader, Hardie & Lee (2005b), JMR 42(4) (spends)
 */
export function generateTransactions(options: GenerateTransactionsOptions): GeneratedTransaction[] {
  checkSampleOptions("generateTransactions", options);
  const rng = seededRandom(options.seed ?? 1);
  const origin = options.origin ?? Date.UTC(2024, 0, 1);
  const msPerUnit = (options.unitDays ?? 7) * 86_400_000;
  const res = options.resolution;
  const top = typeof options.T === "number" ? options.T : options.T.max;
  // On a grid the drawn T are floored to it, so the common end is too: every join time then lies on the grid.
  const maxT = res === undefined || typeof options.T === "number" ? top : Math.floor(top / res) * res;
  const out: GeneratedTransaction[] = [];
  for (let i = 0; i < options.customers; i++) {
    const mine: [number, number][] = [];
    const T = drawCustomer(rng, options, (time, amount) => mine.push([time, amount]));
    const joined = maxT - T;
    for (const [time, amount] of mine) out.push({ customerId: i + 1, time: joined + time, at: Math.round(origin + (joined + time) * msPerUnit), amount });
  }
  return out;
}
