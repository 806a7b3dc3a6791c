import { InvalidOptionError } from "../errors.ts";
import { bucketValue, sketchMapping } from "./sketchStore.ts";
import type { QuantileSketchState } from "./quantileSketch.ts";

/**
 * Several quantiles of a quantile-sketch state in one pass over its buckets (or one sort of its exact values).
 *
 *   exact mode (count <= exactLimit): R type 7, h = q (n - 1), x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h))
 *   sketch mode: the value 2 gamma^i / (gamma + 1) of the bucket holding the value of 0-based rank floor(q (n - 1))
 *   in sorted order (negative buckets, zeros, positive buckets), clamped to [min, max]; within relative error a of
 *   that value (values folded by maxBuckets excepted).
 *
 * O(k log k + buckets) for k probabilities (exact mode: O(n log n) for the sort). Empty state: nulls.
 *
 * @param state a state of {@link quantileSketchAggregator}
 * @param qs probabilities from 0 to 1, in any order
 * @returns the quantiles, in the order of `qs`; null each when the state is empty
 * @example
 * const agg = quantileSketchAggregator();
 * sketchQuantiles(agg.addAll(agg.empty(), [1, 2, 3, 4]), [0.5, 0.25]) // => [2.5, 1.75]
 * @see Masson, Rim and Lee (2019), DDSketch, PVLDB 12(12), section 2 (quantile of a sketch)
 * @see Hyndman and Fan (1996), type 7 (the R and NumPy default)
 */
export function sketchQuantiles(state: QuantileSketchState, qs: readonly number[]): (number | null)[] {
  for (const q of qs) {
    if (typeof q !== "number" || !(q >= 0 && q <= 1)) throw new InvalidOptionError("quantile-sketch", "q", `is ${JSON.stringify(q)}, expected a probability from 0 to 1`);
  }
  const n = state.count;
  if (n === 0) return qs.map(() => null);
  if (state.values !== null) {
    const sorted = Float64Array.from(state.values).sort();
    return qs.map((q) => type7(sorted, q));
  }
  const m = sketchMapping(state.relativeAccuracy);
  const min = state.min!;
  const max = state.max!;
  const clamp = (x: number): number => (x < min ? min : x > max ? max : x);
  const order = qs.map((q, i) => ({ rank: Math.floor(q * (n - 1)), i })).sort((a, b) => a.rank - b.rank);
  const out: (number | null)[] = qs.map(() => null);
  let j = 0;
  let seen = 0;
  // walk sorted order: negative buckets from the largest magnitude, zeros, positive buckets from the smallest
  const neg = state.negative;
  for (let k = neg.counts.length - 1; k >= 0 && j < order.length; k--) {
    seen += neg.counts[k]!;
    while (j < order.length && order[j]!.rank < seen) out[order[j++]!.i] = clamp(-bucketValue(m, neg.offset + k));
  }
  seen += state.zero;
  while (j < order.length && order[j]!.rank < seen) out[order[j++]!.i] = clamp(0);
  const pos = state.positive;
  for (let k = 0; k < pos.counts.length && j < order.length; k++) {
    seen += pos.counts[k]!;
    while (j < order.length && order[j]!.rank < seen) out[order[j++]!.i] = clamp(bucketValue(m, pos.offset + k));
  }
  return out;
}

function type7(sorted: Float64Array, q: number): number {
  const h = q * (sorted.length - 1);
  const lo = Math.floor(h);
  const f = h - lo;
  const a = sorted[lo]!;
  if (f === 0) return a;
  const b = sorted[lo + 1]!;
  const d = a + (b - a) * f;
  return Number.isFinite(d) ? d : a * (1 - f) + b * f; // b - a can overflow for values of opposite signs near 1e308
}
