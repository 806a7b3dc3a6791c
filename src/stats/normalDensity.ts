/** sqrt(2 pi) */
const SQRT_2PI = 2.5066282746310002;

/**
 * Standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi). O(1).
 * @example
 * normalDensity(0) // => 0.3989422804014327
 * @see Abramowitz, M. & Stegun, I. A. (1964). Handbook of Mathematical Functions, formula 26.2.1.
 */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}
