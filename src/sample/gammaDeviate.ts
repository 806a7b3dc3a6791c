import type { SeededRandom } from "./seededRandom.ts";

/**
 * A Gamma(shape, rate) deviate from a seeded generator (internal to the sample generators): Marsaglia & Tsang's
 * squeeze method for shape >= 1, and Gamma(shape + 1) * U^(1 / shape) below 1.
 *
 *   d = shape - 1/3, c = 1 / sqrt(9 d);  repeat x ~ N(0, 1), v = (1 + c x)^3 until v > 0 and
 *   ln U < x^2 / 2 + d - d v + d ln v;  return d v / rate
 *
 * @see Marsaglia, G. & Tsang, W. W. (2000). A simple method for generating gamma variables. ACM TOMS 26(3).
 */
export function gammaDeviate(rng: SeededRandom, shape: number, rate: number): number {
  if (shape < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return gammaDeviate(rng, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}
