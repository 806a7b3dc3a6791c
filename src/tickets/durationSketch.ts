/**
 * The quantile sketch of the ticket duration metrics (internal to src/tickets): one place that binds them to the
 * shared sketch, so the metrics read counts, min, max and quantiles through this small interface.
 *
 * TEMPORARY (until src/stats/quantileSketch.ts lands from the tickets-a branch): exact values only, quantiles by
 * R type 7. The state layout here is replaced by the shared sketch's state at that merge.
 */
import { InvalidOptionError } from "../errors.ts";
import { expectArray, expectCount, expectFinite, expectHeader, fail } from "../_lib/stateChecks.ts";

/** The sketch's state: plain JSON. */
export interface DurationSketchState {
  v: 1;
  kind: "quantile-sketch";
  relativeAccuracy: number;
  exactLimit: number;
  count: number;
  min: number | null;
  max: number | null;
  values: number[];
}

/** A sketch of durations with the given accuracy and exact limit. */
export interface DurationSketch {
  relativeAccuracy: number;
  exactLimit: number;
  empty(): DurationSketchState;
  add(s: DurationSketchState, x: number): DurationSketchState;
  merge(a: DurationSketchState, b: DurationSketchState): DurationSketchState;
  fromJSON(json: unknown): DurationSketchState;
  /** Quantiles for q in [0, 1]; null on an empty sketch. */
  quantiles(s: DurationSketchState, qs: readonly number[]): (number | null)[];
}

export function durationSketch(options: { relativeAccuracy?: number; exactLimit?: number }): DurationSketch {
  const relativeAccuracy = options.relativeAccuracy ?? 0.01;
  const exactLimit = options.exactLimit ?? 1024;
  if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) throw new InvalidOptionError("quantile-sketch", "relativeAccuracy", `is ${JSON.stringify(relativeAccuracy)}, expected a number strictly between 0 and 1 (e.g. 0.01)`);
  if (!Number.isSafeInteger(exactLimit) || exactLimit < 0) throw new InvalidOptionError("quantile-sketch", "exactLimit", `is ${JSON.stringify(exactLimit)}, expected an integer >= 0`);
  const KIND = "quantile-sketch";
  return {
    relativeAccuracy,
    exactLimit,
    empty: () => ({ v: 1, kind: KIND, relativeAccuracy, exactLimit, count: 0, min: null, max: null, values: [] }),
    add(s, x) {
      s.values.push(x);
      s.count += 1;
      s.min = s.min === null || x < s.min ? x : s.min;
      s.max = s.max === null || x > s.max ? x : s.max;
      return s;
    },
    merge: (a, b) => ({
      v: 1,
      kind: KIND,
      relativeAccuracy,
      exactLimit,
      count: a.count + b.count,
      min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
      max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
      values: [...a.values, ...b.values],
    }),
    fromJSON(json) {
      const o = expectHeader(KIND, json);
      if (o["relativeAccuracy"] !== relativeAccuracy || o["exactLimit"] !== exactLimit) fail(KIND, "relativeAccuracy", "differs from this sketch's options");
      const values = expectArray(KIND, "values", o["values"]).map((x, i) => expectFinite(KIND, `values[${i}]`, x));
      const count = expectCount(KIND, "count", o["count"]);
      if (count !== values.length) fail(KIND, "count", `is ${count}, expected ${values.length}`);
      const min = values.length === 0 ? null : Math.min(...values);
      const max = values.length === 0 ? null : Math.max(...values);
      if (o["min"] !== min) fail(KIND, "min", `is ${JSON.stringify(o["min"])}, expected ${min}`);
      if (o["max"] !== max) fail(KIND, "max", `is ${JSON.stringify(o["max"])}, expected ${max}`);
      return { v: 1, kind: KIND, relativeAccuracy, exactLimit, count, min, max, values };
    },
    quantiles(s, qs) {
      const v = [...s.values].sort((x, y) => x - y);
      return qs.map((q) => {
        if (v.length === 0) return null;
        const h = (v.length - 1) * q;
        const lo = Math.floor(h);
        return v[lo]! + (h - lo) * ((v[Math.min(lo + 1, v.length - 1)] ?? 0) - v[lo]!);
      });
    },
  };
}
