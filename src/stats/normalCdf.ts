import { normalUpperTail } from "./normalUpperTail.ts";

/**
 * Standard normal CDF Phi(x) = P(Z <= x), from the accurate upper tail: Phi(x) = Q(-x) for x < 0, else 1 - Q(x).
 * O(1).
 * @example
 * normalCdf(1.959963984540054) // => 0.975
 * @see normalUpperTail
 */
export function normalCdf(x: number): number {
  return x < 0 ? normalUpperTail(-x) : 1 - normalUpperTail(x);
}
