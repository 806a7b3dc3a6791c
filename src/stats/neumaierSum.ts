/**
 * Compensated (Neumaier) sums kept as a JSON-safe pair [sum, compensation], so that a running sum can live in
 * an aggregator state and be merged. The value of a pair is sum + compensation.
 *
 * @see Neumaier, A. (1974). Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen. ZAMM 54(1).
 */

/** A compensated sum: [running sum, running compensation]. */
export type CompensatedSum = [number, number];

/**
 * Add `x` to the pair in place and return it.
 * @example
 * const s: CompensatedSum = [0, 0]; addCompensated(addCompensated(addCompensated(s, 1), 1e100), 1); addCompensated(s, -1e100); compensatedValue(s) // => 2
 */
export function addCompensated(s: CompensatedSum, x: number): CompensatedSum {
  const t = s[0] + x;
  s[1] += Math.abs(s[0]) >= Math.abs(x) ? s[0] - t + x : x - t + s[0];
  s[0] = t;
  return s;
}

/** A new pair holding the sum of two pairs. */
export function mergeCompensated(a: CompensatedSum, b: CompensatedSum): CompensatedSum {
  const s: CompensatedSum = [a[0], a[1] + b[1]];
  return addCompensated(s, b[0]);
}

/** The value of a pair. */
export function compensatedValue(s: CompensatedSum): number {
  return s[0] + s[1];
}
