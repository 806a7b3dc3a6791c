import { describe, expect, it } from "vitest";
import { quantileSketchAggregator } from "../../src/stats/quantileSketch.ts";
import { InvalidStateError } from "../../src/errors.ts";

// Review of issue 4, finding F4: fromJSON must refuse a sum, min or max that contradicts the values or buckets.
const json = (x: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;

describe("quantile-sketch fromJSON refuses inconsistent sum, min and max (found in review)", () => {
  it("exact mode: a sum other than the sum of the values kept is refused", () => {
    const agg = quantileSketchAggregator();
    const s = json(agg.addAll(agg.empty(), [1, 2, 3]));
    expect(() => agg.fromJSON(s)).not.toThrow();
    expect(() => agg.fromJSON({ ...s, sum: [1e9, 0] })).toThrow(InvalidStateError);
    expect(() => agg.fromJSON({ ...s, sum: [1e9, 0] })).toThrow(/^quantile-sketch state: field "sum"/);
    expect(() => agg.fromJSON({ ...s, sumScaled: [1, 0] })).toThrow(/^quantile-sketch state: field "sumScaled"/);
  });

  it("exact mode: a merged state (sum from merged compensated sums) is still accepted", () => {
    const agg = quantileSketchAggregator();
    const vals = [0.1, 0.2, 0.3, 1e16, -1e16, 2 ** 600, -(2 ** 600), 1e-300, 7];
    let merged = agg.empty();
    for (const x of vals) merged = agg.merge(merged, agg.add(agg.empty(), x));
    expect(() => agg.fromJSON(json(merged))).not.toThrow();
  });

  it("sketch mode: min and max outside the occupied buckets are refused", () => {
    const agg = quantileSketchAggregator({ exactLimit: 0 });
    const s = json(agg.addAll(agg.empty(), [1, 2, 3]));
    expect(() => agg.fromJSON(s)).not.toThrow();
    expect(() => agg.fromJSON({ ...s, min: -1e9 })).toThrow(/^quantile-sketch state: field "min"/);
    expect(() => agg.fromJSON({ ...s, max: 1e9 })).toThrow(/^quantile-sketch state: field "max"/);
    expect(() => agg.fromJSON({ ...s, min: 2.5 })).toThrow(/^quantile-sketch state: field "min"/);
  });

  it("sketch mode: a mean outside [min, max] (sum inconsistent with count) is refused", () => {
    const agg = quantileSketchAggregator({ exactLimit: 0 });
    const s = json(agg.addAll(agg.empty(), [1, 2, 3]));
    expect(() => agg.fromJSON({ ...s, sum: [1e9, 0] })).toThrow(/^quantile-sketch state: field "sum"/);
    expect(() => agg.fromJSON({ ...s, sum: [1, 0] })).toThrow(/^quantile-sketch state: field "sum"/);
  });

  it("sketch mode with negatives, zeros and huge values round-trips", () => {
    const agg = quantileSketchAggregator({ exactLimit: 0, maxBuckets: 8 });
    const vals = [-5, -1e-300, 0, 0, 3, 1e300, 2 ** 900, -(2 ** 700), 5e-324];
    const s = agg.addAll(agg.empty(), vals);
    expect(() => agg.fromJSON(json(s))).not.toThrow();
    let m = agg.empty();
    for (const x of vals) m = agg.merge(m, agg.add(agg.empty(), x));
    expect(() => agg.fromJSON(json(m))).not.toThrow();
  });
});
