/**
 * The standard normal distribution to near machine precision: density, CDF, upper tail and quantile.
 *
 * The tail Q(x) = 1 - Phi(x) is computed directly (never as 1 - Phi), so p-values keep their relative accuracy
 * far into the tail:
 *   |x| <= 2:  Phi(x) = 1/2 + phi(x) * sum_k x^(2k+1) / (1*3*...*(2k+1))      (Marsaglia 2004)
 *   |x| >  2:  Q(x)   = phi(x) / (x + 1/(x + 2/(x + 3/(x + ...))))           (Laplace's continued fraction, Lentz)
 * The quantile starts from Acklam's rational approximation (relative error 1.15e-9) and takes two Halley steps
 * on the accurate CDF, which brings it to about 1e-15 relative.
 * Relative accuracy checked in tests/stats against R's pnorm/qnorm values: better than 1e-12.
 *
 * @see Marsaglia, G. (2004). Evaluating the normal distribution. Journal of Statistical Software 11(4).
 * @see Acklam, P. J. (2003). An algorithm for computing the inverse normal cumulative distribution function.
 */

const SQRT_2PI = 2.5066282746310002;

/**
 * Standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
 * @example
 * normalDensity(0) // => 0.3989422804014327
 */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Upper tail Q(x) = P(Z > x), accurate in relative terms far into the tail.
 * @example
 * normalUpperTail(5) // => 2.866515718791939e-7
 */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 1 - normalUpperTail(-x);
  if (x <= 2) return 0.5 - normalDensity(x) * taylorSum(x);
  if (x > 40) return 0;
  // Modified Lentz on x + 1/(x + 2/(x + 3/(x + ...))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    d = x + k * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + k / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalDensity(x) / f;
}

/**
 * Standard normal CDF Phi(x) = P(Z <= x).
 * @example
 * normalCdf(1.959963984540054) // => 0.975
 */
export function normalCdf(x: number): number {
  return x < 0 ? normalUpperTail(-x) : 1 - normalUpperTail(x);
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

/**
 * Standard normal quantile: the x with Phi(x) = p. Returns -Infinity for p = 0 and Infinity for p = 1.
 * @example
 * normalQuantile(0.975) // => 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -lowerQuantile(1 - p);
  return lowerQuantile(p);
}

/** Quantile for p <= 0.5, computed on the lower tail so that tiny p keep their relative accuracy. */
function lowerQuantile(p: number): number {
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // Halley steps on the lower tail Phi(x) = Q(-x).
  for (let i = 0; i < 2; i++) {
    const e = normalUpperTail(-x) - p;
    const u = e / normalDensity(x);
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/**
 * The two-sided critical value for a confidence level: z with P(|Z| <= z) = level.
 * @example
 * zForLevel(0.95) // => 1.959963984540054
 */
export function zForLevel(level: number): number {
  return -lowerQuantile((1 - level) / 2);
}

function taylorSum(x: number): number {
  // sum_{k>=0} x^(2k+1) / (1*3*...*(2k+1))
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= x2 / (2 * k + 1);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}
