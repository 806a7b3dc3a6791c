import { checkLevel } from "../_lib/checkOptions.ts";
import { InvalidOptionError } from "../errors.ts";
import type { BetaGeoFit } from "./betaGeoFit.ts";
import { conditionalExpected } from "./betaGeoCore.ts";
import { checkBetaGeoParams, type BetaGeoModel, type BetaGeoParamsLike, type ModelTimeUnit } from "./betaGeoParams.ts";
import { patternIndex } from "./customerPatterns.ts";
import { deltaVariances, logScaleInterval, type EstimateWithInterval } from "./deltaMethod.ts";
import { expectedAverageSpend, type GammaGammaParams } from "./expectedAverageSpend.ts";
import { rfmColumns } from "./rfmColumns.ts";
import { DAYS_PER_UNIT, type CustomerId, type RfmData, type RfmSummary } from "./rfmTypes.ts";

/** Options of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueOptions {
  /**
   * Spend per purchase: a Gamma-Gamma model (`fitGammaGamma` result or `{ p, q, gamma }`), read with each customer's
   * frequency and monetary value. With a `logCovariance` (3 x 3, of ln p, ln q, ln gamma) its uncertainty enters the
   * intervals too (the two fits taken as independent)...
   */
  spend?: GammaGammaParams & { logCovariance?: readonly (readonly number[])[] | null };
  /** ...or each customer's expected spend per purchase directly (same order as the data). One of the two is required. */
  expectedSpend?: ArrayLike<number>;
  /** Horizon in months (an integer >= 1, default 12). */
  months?: number;
  /** Monthly discount rate d (default 0.01, about 12.7% a year); cash in month m is divided by (1 + d)^m. */
  discountRate?: number;
  /** Gross margin applied to spend, in [0, 1] (default 1: spend is already profit, as in lifetimes). */
  margin?: number;
  /**
   * One month in the model's time unit. Default: 30.4375 days / days per unit (the mean month, 365.25 / 12 days:
   * 4.348 weeks, 1 month); required when the data carries no time unit. lifetimes' `customer_lifetime_value` uses
   * 30 for `freq="D"` (its default, even on weekly data) and 4.345 for `"W"`: pass those to reproduce it.
   */
  monthLength?: number;
  /** Interval level (default 0.95). */
  level?: number;
}

/** One customer's value. */
export interface CustomerValue {
  customerId: CustomerId;
  /** Discounted value over the horizon, with its delta-method interval. */
  clv: EstimateWithInterval;
  /** Undiscounted expected purchases over the horizon (months x monthLength). */
  expectedPurchases: number;
  /** Spend per purchase used (before the margin). */
  expectedSpend: number;
}

/** The result of {@link customerLifetimeValue}: plain JSON. */
export interface CustomerLifetimeValueResult {
  model: BetaGeoModel;
  timeUnit: ModelTimeUnit;
  /** Months of horizon, the month in the model's time unit, the monthly discount rate and the margin used. */
  months: number;
  monthLength: number;
  discountRate: number;
  margin: number;
  level: number;
  /**
   * `"delta-method"`: intervals from the purchase model's parameter covariance, plus the spend model's when `spend`
   * carried a `logCovariance` (see `spendUncertainty`); `null` without any covariance.
   */
  interval: "delta-method" | null;
  /** Whether the Gamma-Gamma estimates' uncertainty is in the intervals (false: spend taken as known). */
  spendUncertainty: boolean;
  customers: CustomerValue[];
  /** The base: sum of the customers' values, with the interval of the sum. */
  total: EstimateWithInterval;
}

const KIND = "customerLifetimeValue";

/**
 * Discounted customer lifetime value from a BG/NBD or MBG/NBD purchase model and a spend per purchase, in the
 * discrete monthly form of lifetimes' `customer_lifetime_value`:
 *
 *   CLV_i = margin * spend_i * sum_{m = 1..M} [E_i(m L) - E_i((m - 1) L)] / (1 + d)^m
 *
 * with E_i(t) = E[X(T_i, T_i + t) | x_i, t_x_i, T_i] (conditionalExpectedPurchases), L the month in the model's
 * time unit (explicit: never a hidden 30-day month), d the monthly discount rate and spend_i from the Gamma-Gamma
 * model (expectedAverageSpend) or given. Intervals: delta method on the purchase model's log-parameter covariance
 * (see predictPurchases), plus the spend model's when `spend.logCovariance` is given (independent fits:
 * Var(V s) ~ s^2 Var(V) + V^2 Var(s)), log scale; the total's interval uses the summed gradients.
 * O(patterns x M x 9 + customers x 6).
 * Empty data gives no customers and a total of 0.
 *
 * @param params a fit result (for intervals) or `{ r, alpha, a, b, model? }`
 * @param data an `rfmSummary` result, rows or columns (frequency, recency, T, and monetaryValue with `spend`)
 * @param options spend model or spends, months, discount rate, margin, month length, level
 * @returns per-customer values and the base total
 * @throws InvalidOptionError for a missing spend, a bad horizon, rate, margin or month length
 * @example
 * const summary = rfmSummary(cdnowSample(), { amount: (p) => p.amount, timeUnit: "weeks", observationEnd: "1997-09-30" });
 * const clv = customerLifetimeValue(fitBgNbd(summary, { timeUnit: "weeks" }), summary, { spend: fitGammaGamma(summary), months: 12, discountRate: 0.01 });
 * [clv.customers.length, Math.round(clv.total.value)] // => [2357, 71550] (95% interval 64,610 to 79,235)
 * @see lifetimes `GammaGammaFitter.customer_lifetime_value` / `utils._customer_lifetime_value`
 * @see Fader, Hardie & Lee (2005b). RFM and CLV: using iso-value curves for customer base analysis. JMR 42(4).
 */
export function customerLifetimeValue(params: BetaGeoParamsLike | BetaGeoFit, data: RfmData, options: CustomerLifetimeValueOptions): CustomerLifetimeValueResult {
  const p = checkBetaGeoParams(KIND, params);
  const o = options ?? ({} as CustomerLifetimeValueOptions);
  const months = o.months ?? 12;
  if (!(Number.isInteger(months) && months >= 1 && months <= 12000)) throw new InvalidOptionError(KIND, "months", `is ${JSON.stringify(months)}, expected an integer from 1 to 12000`);
  const discountRate = o.discountRate ?? 0.01;
  if (!(typeof discountRate === "number" && discountRate > -1 && Number.isFinite(discountRate))) throw new InvalidOptionError(KIND, "discountRate", `is ${JSON.stringify(discountRate)}, expected a monthly rate > -1 (e.g. 0.01)`);
  const margin = o.margin ?? 1;
  if (!(typeof margin === "number" && margin >= 0 && margin <= 1)) throw new InvalidOptionError(KIND, "margin", `is ${JSON.stringify(margin)}, expected a fraction from 0 to 1`);
  const level = checkLevel(KIND, o.level);
  const c = rfmColumns(data);
  const timeUnit = c.timeUnit ?? ("timeUnit" in params ? params.timeUnit : null);
  let monthLength = o.monthLength;
  if (monthLength === undefined) {
    if (timeUnit === null) throw new InvalidOptionError(KIND, "monthLength", "is missing and the data carries no time unit: say how long a month is in the model's time unit (e.g. 30.4375 / 7 for weeks)");
    monthLength = DAYS_PER_UNIT.months / DAYS_PER_UNIT[timeUnit];
  }
  if (!(typeof monthLength === "number" && monthLength > 0 && Number.isFinite(monthLength))) throw new InvalidOptionError(KIND, "monthLength", `is ${JSON.stringify(monthLength)}, expected a positive number of model time units`);
  if (o.spend !== undefined && !Array.isArray(data) && (data as RfmSummary).metric === "rfm-summary" && (data as RfmSummary).includeFirstPurchase) {
    throw new InvalidOptionError(KIND, "data", "is an rfmSummary built with includeFirstPurchase: true: a Gamma-Gamma spend needs the mean of the repeat purchases (build the summary without includeFirstPurchase, or pass expectedSpend)");
  }
  const spends = spendsOf(c.length, o, c.frequency, c.monetaryValue);
  // Value per unit spend depends only on the pattern; customers then scale it by their spend.
  const { keyOf, patterns } = patternIndex(c);
  const L = monthLength;
  const perUnitSpend = (q: typeof p): Float64Array => {
    const out = new Float64Array(patterns.length);
    patterns.forEach(([x, tx, T], k) => {
      let previous = 0;
      let value = 0;
      for (let m = 1; m <= months; m++) {
        const e = conditionalExpected(q, x, tx, T, m * L);
        value += (e - previous) / Math.pow(1 + discountRate, m);
        previous = e;
      }
      out[k] = margin * value;
    });
    return out;
  };
  const cov = "logCovariance" in params ? params.logCovariance : null;
  // Per customer (not per pattern): spends differ within a pattern. The delta gradients are computed per pattern
  // and scaled by each customer's spend.
  const d = deltaVariances(p, cov, perUnitSpend, patternSpendSums(keyOf, patterns.length, spends));
  const spendCov = o.spend?.logCovariance ?? null;
  if (spendCov !== null && !(spendCov.length === 3 && spendCov.every((row) => row.length === 3 && row.every(Number.isFinite)))) {
    throw new InvalidOptionError(KIND, "spend.logCovariance", "expected a 3 x 3 matrix of finite numbers (covariance of ln p, ln q, ln gamma)");
  }
  const spendGrad = spendCov ? spendGradients(o.spend!, c.frequency, c.monetaryValue) : null;
  const totalSpendGrad = [0, 0, 0];
  const customers: CustomerValue[] = [];
  const purchases = new Map<number, number>();
  for (let i = 0; i < c.length; i++) {
    const k = keyOf[i]!;
    let n = purchases.get(k);
    if (n === undefined) {
      const [x, tx, T] = patterns[k]!;
      n = conditionalExpected(p, x, tx, T, months * L);
      purchases.set(k, n);
    }
    const s = spends[i]!;
    const v = d.values[k]!;
    let variance = d.variances ? d.variances[k]! * s * s : null;
    if (spendGrad && spendCov) {
      const g = spendGrad.subarray(3 * i, 3 * i + 3);
      variance = (variance ?? 0) + v * v * quadratic(g, spendCov);
      for (let j = 0; j < 3; j++) totalSpendGrad[j]! += v * g[j]!;
    }
    customers.push({ customerId: c.customerId[i]!, clv: logScaleInterval(v * s, variance, level), expectedPurchases: n, expectedSpend: s });
  }
  let totalVariance = d.totalVariance;
  if (spendCov) totalVariance = (totalVariance ?? 0) + quadratic(totalSpendGrad, spendCov);
  return {
    model: p.model,
    timeUnit,
    months,
    monthLength,
    discountRate,
    margin,
    level,
    interval: cov || spendCov ? "delta-method" : null,
    spendUncertainty: spendCov !== null,
    customers,
    total: logScaleInterval(d.total, totalVariance, level),
  };
}

/** g' C g for a 3-vector. */
function quadratic(g: ArrayLike<number>, C: readonly (readonly number[])[]): number {
  let v = 0;
  for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) v += g[j]! * C[j]![k]! * g[k]!;
  return Math.max(0, v);
}

/** d spend_i / d (ln p, ln q, ln gamma) by central differences (step 1e-5), three per customer. */
function spendGradients(gg: GammaGammaParams, frequency: Float64Array, monetary: Float64Array): Float64Array {
  const h = 1e-5;
  const out = new Float64Array(3 * frequency.length);
  const names = ["p", "q", "gamma"] as const;
  names.forEach((name, j) => {
    const up = { ...gg, [name]: gg[name] * Math.exp(h) };
    const down = { ...gg, [name]: gg[name] * Math.exp(-h) };
    for (let i = 0; i < frequency.length; i++) {
      out[3 * i + j] = (expectedAverageSpend(up, frequency[i]!, monetary[i]!) - expectedAverageSpend(down, frequency[i]!, monetary[i]!)) / (2 * h);
    }
  });
  return out;
}

function spendsOf(n: number, o: CustomerLifetimeValueOptions, frequency: Float64Array, monetary: Float64Array): Float64Array {
  if ((o.spend === undefined) === (o.expectedSpend === undefined)) throw new InvalidOptionError(KIND, "spend", "expected exactly one of spend (a Gamma-Gamma model) or expectedSpend (one spend per customer)");
  const out = new Float64Array(n);
  if (o.expectedSpend !== undefined) {
    if (o.expectedSpend.length !== n) throw new InvalidOptionError(KIND, "expectedSpend", `has ${o.expectedSpend.length} entries, expected one per customer (${n})`);
    for (let i = 0; i < n; i++) {
      const s = o.expectedSpend[i]!;
      if (!(s >= 0 && Number.isFinite(s))) throw new InvalidOptionError(KIND, "expectedSpend", `entry ${i} is ${s}, expected a finite spend >= 0`);
      out[i] = s;
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = expectedAverageSpend(o.spend!, frequency[i]!, monetary[i]!);
  return out;
}

/** Sum of spends per pattern: the weights that make the delta method's total the base's total value. */
function patternSpendSums(keyOf: Int32Array, patterns: number, spends: Float64Array): Float64Array {
  const w = new Float64Array(patterns);
  for (let i = 0; i < keyOf.length; i++) w[keyOf[i]!]! += spends[i]!;
  return w;
}
