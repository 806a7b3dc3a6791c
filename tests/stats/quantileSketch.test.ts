import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileSketch, quantileSketchAggregator } from "../../src/stats/quantileSketch.ts";
import { sketchQuantile } from "../../src/stats/sketchQuantile.ts";
import { sketchQuantiles } from "../../src/stats/sketchQuantiles.ts";
import { IncompatibleStatesError, InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";
import { BucketTable, bucketIndex, sketchMapping } from "../../src/stats/sketchStore.ts";

const SEED = 20261201;
const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** Exact sorted order statistic of 0-based rank floor(q (n - 1)): what the sketch promises to approximate. */
function rankValue(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(q * (s.length - 1))]!;
}

/** R's default quantile (Hyndman and Fan type 7), written out here. */
function type7(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! + (h - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

const magnitude = fc.oneof(
  fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
  fc.constantFrom(5e-324, 1.7976931348623157e308, 1, 2, 1e-320),
);
const signed = fc.oneof({ weight: 8, arbitrary: magnitude }, { weight: 3, arbitrary: magnitude.map((x) => -x) }, { weight: 1, arbitrary: fc.constant(0) });
const probability = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 1));

describe("quantile sketch: the relative-error bound past the exact limit", () => {
  for (const a of [0.01, 0.05, 0.001]) {
    it(`relativeAccuracy ${a}: |estimate - x_(floor(q (n-1)))| <= a |x_(floor(q (n-1)))|, for any signs and magnitudes`, () => {
      fc.assert(
        fc.property(fc.array(signed, { minLength: 1, maxLength: 300 }), fc.array(probability, { minLength: 1, maxLength: 8 }), (xs, qs) => {
          const agg = quantileSketchAggregator({ relativeAccuracy: a, exactLimit: 0, maxBuckets: 1_000_000 });
          const s = agg.addAll(agg.empty(), xs);
          expect(s.values).toBeNull();
          const est = sketchQuantiles(s, qs);
          qs.forEach((q, i) => {
            const x = rankValue(xs, q);
            // a few ulps on top of a: ceil(ln x / ln gamma) is computed in floating point
            expect(Math.abs(est[i]! - x)).toBeLessThanOrEqual(a * Math.abs(x) * (1 + 1e-9));
            expect(sketchQuantile(s, q)).toBe(est[i]);
          });
        }),
        { seed: SEED, numRuns: a < 0.01 ? 40 : 300 },
      );
    });
  }

  it("the bound holds past a default exactLimit of 1024 on log-normal durations, and the estimate is not exact there", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1025, maxLength: 3000 }), (zs) => {
        const xs = zs.map((z) => Math.round(3_600_000 * Math.exp(2 * z)));
        const r = quantileSketch(xs);
        expect(r.exact).toBe(false);
        expect(r.n).toBe(xs.length);
        for (const { q, value } of r.quantiles) {
          const x = rankValue(xs, q);
          expect(Math.abs(value! - x)).toBeLessThanOrEqual(0.01 * x * (1 + 1e-9));
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it("hand-checked: a = 1/3 gives gamma = 2, buckets (2^(i-1), 2^i] worth 2^(i+1)/3, clamped to [min, max]", () => {
    const agg = quantileSketchAggregator({ relativeAccuracy: 1 / 3, exactLimit: 0 });
    const st = agg.addAll(agg.empty(), [3, 5, 100, -6]);
    // sorted -6, 3, 5, 100; rank floor(q * 3): -6 is in bucket (4, 8] of the negatives, worth -16/3
    const [q0, q1, q2, q3] = sketchQuantiles(st, [0, 1 / 3, 2 / 3, 1]);
    expect(q0).toBeCloseTo(-16 / 3, 12);
    expect(q1).toBeCloseTo(8 / 3, 12); // 3 in (2, 4]
    expect(q2).toBeCloseTo(16 / 3, 12); // 5 in (4, 8]
    expect(q3).toBeCloseTo(256 / 3, 12); // 100 in (64, 128]
    expect(sketchQuantile(agg.addAll(agg.empty(), [3]), 0.5)).toBe(3); // 8/3 clamped to min = max = 3
  });
});

describe("quantile sketch: exact mode", () => {
  it("R type 7 below the limit (R: quantile(c(1, 3, 7, 15), c(0.25, 0.9)) = 2.5, 12.6; quantile(1:10, 0.9) = 9.1)", () => {
    const agg = quantileSketchAggregator();
    const s = agg.addAll(agg.empty(), [15, 1, 7, 3]);
    const [p25, p90] = sketchQuantiles(s, [0.25, 0.9]);
    expect(p25).toBe(2.5);
    expect(p90).toBeCloseTo(12.6, 12);
    expect(sketchQuantile(agg.addAll(agg.empty(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.9)).toBeCloseTo(9.1, 12);
  });

  it("equals type 7 written out, on random values up to the limit", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 64 }), fc.array(probability, { minLength: 1, maxLength: 6 }), (xs, qs) => {
        const agg = quantileSketchAggregator({ exactLimit: 64 });
        const s = xs.reduce((st, x) => agg.add(st, x), agg.empty());
        expect(s.values).not.toBeNull();
        sketchQuantiles(s, qs).forEach((v, i) => expect(v).toBeCloseTo(type7(xs, qs[i]!) + 0, 6));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe("quantile sketch: merges, addAll and collapsing", () => {
  it("merging states gives exactly the buckets of one pass, also when two exact states pass the limit together", () => {
    fc.assert(
      fc.property(fc.array(signed, { maxLength: 40 }), fc.array(signed, { maxLength: 40 }), (xs, ys) => {
        const agg = quantileSketchAggregator({ exactLimit: 30, maxBuckets: 1_000_000 });
        const one = agg.addAll(agg.empty(), [...xs, ...ys]);
        const m = agg.merge(agg.addAll(agg.empty(), xs), agg.addAll(agg.empty(), ys));
        expect(m.values === null).toBe(xs.length + ys.length > 30);
        for (const k of ["count", "min", "max", "zero", "positive", "negative"] as const) expect(json(m[k])).toEqual(json(one[k]));
        expect(agg.result(m).quantiles).toEqual(agg.result(one).quantiles);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("addAll on a Float64Array gives the state of add one by one (missing and invalid included)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 10, arbitrary: signed }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) }), { maxLength: 80 }), fc.nat({ max: 20 }), (xs, before) => {
        const agg = quantileSketchAggregator({ exactLimit: 25, maxBuckets: 50, onInvalid: "count" });
        const head = xs.slice(0, before);
        const rest = xs.slice(before);
        const one = xs.reduce((st, x, i) => agg.add(st, x, i), agg.empty());
        const bulk = agg.addAll(head.reduce((st, x, i) => agg.add(st, x, i), agg.empty()), Float64Array.from(rest));
        expect(json(bulk)).toEqual(json(one));
        expect(json(agg.addAll(agg.empty(), xs))).toEqual(json(one)); // a plain array, from the empty state
        expect(() => agg.fromJSON(json(bulk))).not.toThrow();
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("the lookup table of addAll gives bucketIndex bit for bit, also next to bucket boundaries and for subnormals", () => {
    for (const a of [0.01, 0.05]) {
      const m = sketchMapping(a);
      const table = new BucketTable(m);
      fc.assert(
        fc.property(fc.oneof(fc.double({ min: 5e-324, max: 1.7976931348623157e308, noNaN: true }), fc.integer({ min: -2000, max: 2000 }).chain((i) => fc.constantFrom(-1e-15, -1e-16, 0, 1e-16, 1e-15).map((eps) => Math.exp(i * m.lnGamma) * (1 + eps)))), (x) => {
          fc.pre(x > 0 && Number.isFinite(x));
          expect(table.index(x)).toBe(bucketIndex(m, x));
        }),
        { seed: SEED, numRuns: 3000 },
      );
    }
  });

  it("addAll counts only valid values towards the exact limit (NaN and infinities do not push it into buckets)", () => {
    const agg = quantileSketchAggregator({ exactLimit: 4, onInvalid: "count" });
    const s = agg.addAll(agg.empty(), Float64Array.from([1, Number.NaN, 2, Number.NaN, Number.POSITIVE_INFINITY, 3, 4]));
    expect(s.values).toEqual([1, 2, 3, 4]);
    expect([s.count, s.missing, s.invalid.count]).toEqual([4, 2, 1]);
    expect(agg.addAll(s, [5]).values).toBeNull();
  });

  it("maxBuckets folds the lowest buckets: the result says so, and the values above the fold keep the bound", () => {
    const agg = quantileSketchAggregator({ exactLimit: 0, maxBuckets: 100 });
    // 1e-6 .. 1e6 spans ln(1e12) / ln(1.0202) = about 1382 buckets of 1 %
    const xs = Array.from({ length: 1000 }, (_, i) => 10 ** (-6 + (12 * i) / 999));
    const s = agg.addAll(agg.empty(), xs);
    const r = agg.result(s);
    expect(r.collapsed).toBe(true);
    expect(s.positive.counts.length).toBeLessThanOrEqual(100);
    // the top 100 buckets cover a factor 1.0202^100 = 7.4 below the max: p99 (about 7.6e5) keeps the bound
    const p99 = r.quantiles.find((x) => x.q === 0.99)!.value!;
    expect(Math.abs(p99 - rankValue(xs, 0.99))).toBeLessThanOrEqual(0.01 * rankValue(xs, 0.99) * (1 + 1e-9));
    expect(r.quantiles.find((x) => x.q === 0.5)!.value!).toBeGreaterThan(rankValue(xs, 0.5)); // folded up: no bound
  });

  it("refuses to merge sketches of different accuracy; options are validated", () => {
    const a = quantileSketchAggregator({ relativeAccuracy: 0.01 });
    const b = quantileSketchAggregator({ relativeAccuracy: 0.02 });
    expect(() => a.merge(a.empty(), b.empty())).toThrow(IncompatibleStatesError);
    expect(() => quantileSketchAggregator({ relativeAccuracy: 0 })).toThrow(/option "relativeAccuracy" is 0, expected a number strictly between 0 and 1/);
    expect(() => quantileSketchAggregator({ relativeAccuracy: 1 })).toThrow(InvalidOptionError);
    expect(() => quantileSketchAggregator({ exactLimit: -1 })).toThrow(/option "exactLimit"/);
    expect(() => quantileSketchAggregator({ exactLimit: 1.5 })).toThrow(/option "exactLimit"/);
    expect(() => quantileSketchAggregator({ maxBuckets: 0 })).toThrow(/option "maxBuckets"/);
    expect(() => quantileSketchAggregator({ quantiles: [1.5] })).toThrow(/option "quantiles"/);
    expect(() => sketchQuantile(a.empty(), -0.1)).toThrow(/option "q" is -0.1/);
  });

  it("empty input gives n 0 and nulls; missing values are counted; an infinity throws by default", () => {
    const r = quantileSketch([]);
    expect(r).toMatchObject({ n: 0, min: null, max: null, sum: 0, mean: null, exact: true });
    expect(r.quantiles.every((x) => x.value === null)).toBe(true);
    expect(quantileSketch([1, null, Number.NaN, undefined, 3] as unknown[]).missing).toBe(3);
    expect(() => quantileSketch([1, Number.POSITIVE_INFINITY])).toThrow(InvalidRecordError);
    expect(() => quantileSketch([1, Number.POSITIVE_INFINITY])).toThrow('quantile-sketch: record 1 field "value" is "Infinity", expected a finite number');
  });

  it("sum and mean stay exact where a plain sum would overflow", () => {
    const r = quantileSketch([1.5e308, 1.5e308, -1.5e308, 1]);
    expect(r.sum).toBe(1.5e308);
    expect(r.mean).toBeCloseTo(1.5e308 / 4, -290);
    expect(quantileSketch([1.5e308, 1.5e308]).sum).toBeNull();
    expect(quantileSketch([1.5e308, 1.5e308]).mean).toBe(1.5e308);
  });
});
