import type { QuantileSketchState } from "./quantileSketch.ts";
import { sketchQuantiles } from "./sketchQuantiles.ts";

/**
 * One quantile of a quantile-sketch state: R type 7 while the values are kept exactly, else the DDSketch bucket
 * value of the value of rank floor(q (n - 1)), within the sketch's relative accuracy (see {@link sketchQuantiles}).
 *
 * @param state a state of {@link quantileSketchAggregator}
 * @param q a probability from 0 to 1
 * @returns the quantile, or null for an empty state
 * @example
 * const agg = quantileSketchAggregator();
 * sketchQuantile(agg.addAll(agg.empty(), [1, 2, 3, 4]), 0.5) // => 2.5
 * @see Masson, Rim and Lee (2019), DDSketch, PVLDB 12(12); Hyndman and Fan (1996), type 7
 */
export function sketchQuantile(state: QuantileSketchState, q: number): number | null {
  return sketchQuantiles(state, [q])[0]!;
}
