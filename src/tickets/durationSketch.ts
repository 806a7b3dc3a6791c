/**
 * The quantile sketch of the ticket duration metrics (internal to src/tickets): the shared quantile sketch with the
 * accuracy and exact limit the metric was given, read through the few operations the metrics need.
 */
import { quantileSketchAggregator, type QuantileSketchState } from "../stats/quantileSketch.ts";
import { sketchQuantiles } from "../stats/sketchQuantiles.ts";

/** The sketch's state: the shared quantile sketch's plain JSON. */
export type DurationSketchState = QuantileSketchState;

/** A sketch of durations with the given accuracy and exact limit. */
export interface DurationSketch {
  relativeAccuracy: number;
  exactLimit: number;
  empty(): DurationSketchState;
  add(s: DurationSketchState, x: number): DurationSketchState;
  merge(a: DurationSketchState, b: DurationSketchState): DurationSketchState;
  fromJSON(json: unknown): DurationSketchState;
  /** Quantiles for q in [0, 1] (R type 7 while exact, else within relativeAccuracy); null on an empty sketch. */
  quantiles(s: DurationSketchState, qs: readonly number[]): (number | null)[];
}

/** Bind the shared sketch (its options are validated there, with its own error messages). */
export function durationSketch(options: { relativeAccuracy?: number; exactLimit?: number }): DurationSketch {
  const agg = quantileSketchAggregator<number>(options);
  const { relativeAccuracy, exactLimit } = agg.empty();
  return {
    relativeAccuracy,
    exactLimit,
    empty: agg.empty,
    add: (s, x) => agg.add(s, x),
    merge: agg.merge,
    fromJSON: agg.fromJSON,
    quantiles: sketchQuantiles,
  };
}
