/**
 * Delta-method intervals for predictions of a fitted BG/NBD or MBG/NBD model (internal; used by predictPurchases
 * and customerLifetimeValue).
 *
 *   theta = (ln r, ln alpha, ln a, ln b),  C = Cov(theta_hat) (the fit's logCovariance)
 *   Var(g(theta_hat)) ~ grad g' C grad g,  grad g by central differences (step 1e-5 in each ln parameter)
 *   interval on the log scale (the predictions are positive): g exp(-+ z se(g) / g)
 *
 * This is the uncertainty of the expected value from the parameter estimates, not a prediction interval for what
 * a customer will actually buy (Poisson and dropout noise are not in it).
 */
import { zForLevel } from "../stats/zForLevel.ts";
import type { CheckedParams } from "./betaGeoParams.ts";

/** A point estimate with its interval; `lower`/`upper` null when there is no covariance (or the value is 0). */
export interface EstimateWithInterval {
  value: number;
  lower: number | null;
  upper: number | null;
}

const STEP = 1e-5;

/**
 * Evaluate `f` (a vector of predictions, one per item, e.g. per distinct customer pattern) at the estimate and at
 * theta -+ STEP e_k, and return the values with their delta-method variances, plus the weighted total
 * sum w_i f_i (w = customers per pattern) and its variance.
 */
export function deltaVariances(
  p: CheckedParams,
  logCovariance: readonly (readonly number[])[] | null,
  f: (q: CheckedParams) => ArrayLike<number>,
  weights: ArrayLike<number>,
): { values: ArrayLike<number>; variances: Float64Array | null; total: number; totalVariance: number | null } {
  const values = f(p);
  let total = 0;
  for (let i = 0; i < values.length; i++) total += weights[i]! * values[i]!;
  if (logCovariance === null) return { values, variances: null, total, totalVariance: null };
  const names = ["r", "alpha", "a", "b"] as const;
  const grads = names.map((name) => {
    const up = f({ ...p, [name]: p[name] * Math.exp(STEP) });
    const down = f({ ...p, [name]: p[name] * Math.exp(-STEP) });
    const g = new Float64Array(values.length);
    for (let i = 0; i < g.length; i++) g[i] = (up[i]! - down[i]!) / (2 * STEP);
    return g;
  });
  const variances = new Float64Array(values.length);
  const totalGrad = [0, 0, 0, 0];
  for (let i = 0; i < values.length; i++) {
    let v = 0;
    for (let j = 0; j < 4; j++) {
      const gj = grads[j]![i]!;
      totalGrad[j]! += weights[i]! * gj;
      for (let k = 0; k < 4; k++) v += gj * logCovariance[j]![k]! * grads[k]![i]!;
    }
    variances[i] = Math.max(0, v);
  }
  let totalVariance = 0;
  for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) totalVariance += totalGrad[j]! * logCovariance[j]![k]! * totalGrad[k]!;
  return { values, variances, total, totalVariance: Math.max(0, totalVariance) };
}

/** The log-scale interval of a positive value with the given variance at the given level. */
export function logScaleInterval(value: number, variance: number | null, level: number): EstimateWithInterval {
  if (variance === null || !(value > 0)) return { value, lower: variance === null ? null : value, upper: variance === null ? null : value };
  const z = zForLevel(level);
  const spread = Math.exp((z * Math.sqrt(variance)) / value);
  return { value, lower: value / spread, upper: value * spread };
}
