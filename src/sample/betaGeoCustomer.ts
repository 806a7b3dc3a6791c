/**
 * One customer drawn from the BG/NBD (or MBG/NBD) process with Gamma-Gamma spends (internal to the generators).
 */
import { InvalidOptionError } from "../errors.ts";
import type { BetaGeoParams } from "../clv/betaGeoParams.ts";
import type { GammaGammaParams } from "../clv/expectedAverageSpend.ts";
import { gammaDeviate } from "./gammaDeviate.ts";
import type { SeededRandom } from "./seededRandom.ts";

/** Options shared by the BG/NBD sample generators. */
export interface BetaGeoSampleOptions {
  /** Number of customers. */
  customers: number;
  /** The true parameters (model default "bg-nbd"); alpha per time unit. */
  params: BetaGeoParams;
  /** Observation length T per customer: a number, or `{ min, max }` drawn uniformly (customers joining over a period). */
  T: number | { min: number; max: number };
  /** Gamma-Gamma spend parameters; without them every amount is 1. */
  spend?: GammaGammaParams;
  /** Seed of the generator (default 1). */
  seed?: number;
  /**
   * Time resolution (e.g. 1 / 7 for days when the unit is weeks): purchase times (and a drawn T) are floored to it
   * and purchases on the same grid point collapse into one, as rfmSummary collapses a day's purchases; the
   * process is then only approximately BG/NBD (a collapsed purchase still tossed its dropout coin). Default none.
   */
  resolution?: number;
}

/** Validate the options (InvalidOptionError names the field). */
export function checkSampleOptions(kind: string, o: BetaGeoSampleOptions): void {
  if (!(Number.isInteger(o?.customers) && o.customers >= 0)) throw new InvalidOptionError(kind, "customers", `is ${JSON.stringify(o?.customers)}, expected an integer >= 0`);
  for (const name of ["r", "alpha", "a", "b"] as const) {
    const v = o.params?.[name];
    if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) throw new InvalidOptionError(kind, `params.${name}`, `is ${JSON.stringify(v)}, expected a finite number > 0`);
  }
  if (o.params.model !== undefined && o.params.model !== "bg-nbd" && o.params.model !== "mbg-nbd") throw new InvalidOptionError(kind, "params.model", `is ${JSON.stringify(o.params.model)}, expected "bg-nbd" or "mbg-nbd"`);
  const T = o.T;
  const ok = typeof T === "number" ? T >= 0 && Number.isFinite(T) : T !== null && typeof T === "object" && T.min >= 0 && T.max >= T.min && Number.isFinite(T.max);
  if (!ok) throw new InvalidOptionError(kind, "T", `is ${JSON.stringify(T)}, expected a number >= 0 or { min, max } with 0 <= min <= max`);
  if (o.resolution !== undefined && !(o.resolution > 0 && Number.isFinite(o.resolution))) throw new InvalidOptionError(kind, "resolution", `is ${JSON.stringify(o.resolution)}, expected a positive number`);
  if (o.spend !== undefined) {
    for (const name of ["p", "q", "gamma"] as const) {
      const v = o.spend[name];
      if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) throw new InvalidOptionError(kind, `spend.${name}`, `is ${JSON.stringify(v)}, expected a finite number > 0`);
    }
  }
}

/**
 * Draw one customer: T, then lambda ~ Gamma(r, alpha), p ~ Beta(a, b) (as G1 / (G1 + G2)), nu ~ Gamma(q, gamma);
 * under MBG/NBD she drops out at time 0 with probability p; then exponential gaps with rate lambda until T, each
 * repeat purchase followed by dropout with probability p. Calls `onPurchase(time, amount)` for the first purchase
 * (time 0) and every repeat purchase; returns T.
 */
export function drawCustomer(rng: SeededRandom, o: BetaGeoSampleOptions, onPurchase: (time: number, amount: number) => void): number {
  const { r, alpha, a, b } = o.params;
  const drawn = typeof o.T === "number" ? o.T : o.T.min + (o.T.max - o.T.min) * rng.next();
  const T = o.resolution === undefined || typeof o.T === "number" ? drawn : Math.floor(drawn / o.resolution) * o.resolution;
  const lambda = gammaDeviate(rng, r, alpha);
  const g1 = gammaDeviate(rng, a, 1);
  const p = g1 / (g1 + gammaDeviate(rng, b, 1));
  const spend = o.spend;
  const nu = spend ? gammaDeviate(rng, spend.q, spend.gamma) : 0;
  const amount = (): number => (spend ? gammaDeviate(rng, spend.p, nu) : 1);
  onPurchase(0, amount());
  if (o.params.model === "mbg-nbd" && rng.next() < p) return T;
  const res = o.resolution;
  let t = 0;
  let last = 0;
  for (;;) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    t += -Math.log(u) / lambda;
    if (t > T) return T;
    const at = res === undefined ? t : Math.floor(t / res) * res;
    if (at > last) {
      onPurchase(at, amount());
      last = at;
    }
    if (rng.next() < p) return T;
  }
}
