/** Distinct (x, t_x, T) patterns of RFM columns, so that predictions are computed once per pattern (internal). */
import type { RfmColumns } from "./rfmTypes.ts";

/** Distinct (x, t_x, T) patterns of the columns and each row's pattern index. */
export function patternIndex(c: RfmColumns): { keyOf: Int32Array; patterns: [number, number, number][] } {
  const index = new Map<string, number>();
  const patterns: [number, number, number][] = [];
  const keyOf = new Int32Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const x = c.frequency[i]!;
    const tx = c.recency[i]!;
    const T = c.T[i]!;
    const key = `${x},${tx},${T}`;
    let k = index.get(key);
    if (k === undefined) {
      k = patterns.length;
      index.set(key, k);
      patterns.push([x, tx, T]);
    }
    keyOf[i] = k;
  }
  return { keyOf, patterns };
}

/** Customers per pattern. */
export function patternCounts(keyOf: Int32Array, patterns: number): Float64Array {
  const w = new Float64Array(patterns);
  for (let i = 0; i < keyOf.length; i++) w[keyOf[i]!]! += 1;
  return w;
}
