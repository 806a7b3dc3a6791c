import { checkLevel } from "../_lib/checkOptions.ts";
import type { BetaGeoFit } from "./betaGeoFit.ts";
import { conditionalExpected, probabilityAliveAt } from "./betaGeoCore.ts";
import { checkBetaGeoParams, checkSpan, type BetaGeoModel, type BetaGeoParamsLike, type ModelTimeUnit } from "./betaGeoParams.ts";
import { deltaVariances, logScaleInterval, type EstimateWithInterval } from "./deltaMethod.ts";
import { patternCounts, patternIndex } from "./customerPatterns.ts";
import { rfmColumns } from "./rfmColumns.ts";
import type { CustomerId, RfmData } from "./rfmTypes.ts";

/** Options of {@link predictPurchases}. */
export interface PredictPurchasesOptions {
  /** How far ahead, in the model's time unit (e.g. 52 for a year of weeks). Required. */
  horizon: number;
  /** Interval level (default 0.95). */
  level?: number;
}

/** One customer's predictions. */
export interface CustomerPrediction {
  customerId: CustomerId;
  /** E[purchases in (T, T + horizon]] with its delta-method interval (null bounds without a covariance). */
  expectedPurchases: EstimateWithInterval;
  /** P(alive) now (at T) and at T + horizon. */
  probabilityAlive: number;
  probabilityAliveAtHorizon: number;
}

/** The result of {@link predictPurchases}: plain JSON. */
export interface PurchasePredictions {
  model: BetaGeoModel;
  timeUnit: ModelTimeUnit;
  horizon: number;
  level: number;
  /**
   * How the intervals were made: `"delta-method"` (the fit's covariance of the log parameters; the uncertainty of
   * the expected value from estimating the parameters, not a prediction interval for actual purchases), or `null`
   * when the parameters came without a covariance (published values, a fit whose Hessian was not positive definite).
   */
  interval: "delta-method" | null;
  customers: CustomerPrediction[];
  /** The base: sum over customers, with the interval of the sum (gradients added before the quadratic form). */
  total: EstimateWithInterval;
}

/**
 * Expected purchases over a horizon and P(alive) for every customer of an RFM summary, with delta-method intervals
 * from the fitted parameters' covariance, and the base total with its interval:
 *
 *   E_i = E[X(T_i, T_i + horizon) | x_i, t_x_i, T_i]          (see conditionalExpectedPurchases)
 *   Var(E_i) ~ grad' C grad,  C = Cov(ln r, ln alpha, ln a, ln b), grad by central differences
 *   interval E_i exp(-+ z sqrt(Var) / E_i);  total = sum E_i, Var(total) from the summed gradient
 *
 * Identical (x, t_x, T) rows are computed once. O(patterns x 9 evaluations). Empty data gives no customers and a
 * total of 0.
 *
 * @param params a fit result (intervals need its `logCovariance`) or `{ r, alpha, a, b, model? }` (no intervals)
 * @param data an `rfmSummary` result, its rows or columns, in the model's time unit
 * @param options `{ horizon, level? }`
 * @returns per-customer predictions and the total
 * @example
 * const summary = rfmSummary(cdnowSample(), { timeUnit: "weeks", observationEnd: "1997-09-30" });
 * predictPurchases(fitBgNbd(summary), summary, { horizon: 39 }).total
 * // => { value: 1653.41, lower: 1513.92, upper: 1805.75 } (rounded: repeat purchases of the base in the next 39 weeks)
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. 10; delta method: Casella & Berger (2002), Statistical Inference, 5.5.4
 */
export function predictPurchases(params: BetaGeoParamsLike | BetaGeoFit, data: RfmData, options: PredictPurchasesOptions): PurchasePredictions {
  const kind = "predictPurchases";
  const p = checkBetaGeoParams(kind, params);
  const horizon = options?.horizon as number;
  checkSpan(kind, "horizon", horizon);
  const level = checkLevel(kind, options.level);
  const c = rfmColumns(data);
  const { keyOf, patterns } = patternIndex(c);
  const cov = "logCovariance" in params ? params.logCovariance : null;
  const expected = deltaVariances(p, cov, (q) => patterns.map(([x, tx, T]) => conditionalExpected(q, x, tx, T, horizon)), patternCounts(keyOf, patterns.length));
  const customers: CustomerPrediction[] = [];
  const aliveCache = new Map<number, [number, number]>();
  for (let i = 0; i < c.length; i++) {
    const k = keyOf[i]!;
    let alive = aliveCache.get(k);
    if (alive === undefined) {
      const [x, tx, T] = patterns[k]!;
      alive = [probabilityAliveAt(p, x, tx, T, 0), probabilityAliveAt(p, x, tx, T, horizon)];
      aliveCache.set(k, alive);
    }
    customers.push({
      customerId: c.customerId[i]!,
      expectedPurchases: logScaleInterval(expected.values[k]!, expected.variances ? expected.variances[k]! : null, level),
      probabilityAlive: alive[0],
      probabilityAliveAtHorizon: alive[1],
    });
  }
  return { model: p.model, timeUnit: c.timeUnit ?? ("timeUnit" in params ? params.timeUnit : null), horizon, level, interval: cov ? "delta-method" : null, customers, total: logScaleInterval(expected.total, expected.totalVariance, level) };
}
