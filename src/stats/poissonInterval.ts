import { gammaln } from "simple-statistics";
import type { ConfidenceInterval } from "./wilsonInterval.ts";

/**
 * The exact (Garwood) confidence interval for a Poisson count x, events in a fixed exposure; divide it by the
 * exposure for a rate. The same interval as R's `poisson.test(x)$conf.int`.
 *
 *   lower = Q_gamma(alpha / 2; shape x)          (0 when x = 0)
 *   upper = Q_gamma(1 - alpha / 2; shape x + 1)  with alpha = 1 - level, Q_gamma the unit-scale gamma quantile
 *
 * (equivalently chi-square quantiles with 2x and 2x + 2 degrees of freedom, halved). The quantiles invert the
 * regularized incomplete gamma function P(a, t) (series below a + 1, continued fraction above) by bisection to
 * 1e-13 relative. `x` may be a non-integer (weighted) count. O(log(1/eps) x (terms of P)), a few microseconds.
 *
 * @param x the count, >= 0
 * @param level confidence level, default 0.95
 * @returns the interval of the expected count
 * @example
 * poissonInterval(10) // => { lower: 4.795389..., upper: 18.390356..., level: 0.95, method: "exact-poisson" }
 * @see Garwood, F. (1936). Fiducial limits for the Poisson distribution. Biometrika 28(3/4), 437-442.
 * @see R `stats::poisson.test`; Press et al. (2007), Numerical Recipes, 3rd ed., section 6.2 (incomplete gamma).
 */
export function poissonInterval(x: number, level = 0.95): ConfidenceInterval {
  const alpha = 1 - level;
  const lower = x > 0 ? gammaQuantile(alpha / 2, x) : 0;
  return { lower, upper: gammaQuantile(1 - alpha / 2, x + 1), level, method: "exact-poisson" };
}

/** The t with P(a, t) = p, by bisection on a bracket found by doubling. */
function gammaQuantile(p: number, a: number): number {
  let lo = 0;
  let hi = Math.max(1, a);
  while (regularizedGammaP(a, hi) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(a, t) = gamma(a, t) / Gamma(a), the regularized lower incomplete gamma function (Numerical Recipes 6.2). */
function regularizedGammaP(a: number, t: number): number {
  if (t <= 0) return 0;
  const front = Math.exp(-t + a * Math.log(t) - gammaln(a));
  if (t < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= t / (a + n);
      sum += term;
    }
    return Math.min(1, sum * front);
  }
  // Continued fraction for Q(a, t) by the modified Lentz method.
  const tiny = 1e-300;
  let b = t + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.max(0, 1 - front * h);
}
