import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nps, npsAggregator } from "../../src/survey/nps.ts";
import { runAggregator } from "../../src/aggregate/runAggregator.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

const answers = (d: number, pas: number, p: number): number[] => [...Array(d).fill(3), ...Array(pas).fill(7), ...Array(p).fill(10)];
const fcOptions = { seed: 424242, numRuns: 300 };
const score = fc.integer({ min: 0, max: 10 });

describe("nps: worked values of DESIGN 6.1 (computed by hand from the formulas)", () => {
  it("(D, passives, P) = (1, 2, 3): NPS 33.3, Var 5/9, SE 0.304", () => {
    const r = nps(answers(1, 2, 3));
    expect(r.score).toBeCloseTo(100 / 3, 12);
    // SE = sqrt(Var / n) = sqrt((5/9) / 6) = 0.30429 as a fraction, 30.43 points.
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(5 / 9 / 6), 10);
    expect(r.standardError! / 100).toBeCloseTo(0.304, 3);
    expect([r.detractors, r.passives, r.promoters, r.n]).toEqual([1, 2, 3, 6]);
  });

  it("(2, 0, 9): Wald 63.6 [18.1, 100] after clipping", () => {
    const r = nps(answers(2, 0, 9), { interval: "wald" });
    expect(r.score).toBeCloseTo(63.6, 1);
    expect(r.ci!.lower).toBeCloseTo(18.05, 2); // 63.636 - 1.96 * 100 * sqrt((72/121) / 11) = 18.051 -> 18.1
    expect(r.ci!.upper).toBe(100);
    expect(r.ci!.method).toBe("wald");
  });

  it("(2, 0, 9): adjusted Wald centred on 50.0 with interval [8.0, 92.0]", () => {
    const r = nps(answers(2, 0, 9));
    expect(r.ci!.method).toBe("adjusted-wald");
    expect(r.ci!.lower).toBeCloseTo(8.0, 1);
    expect(r.ci!.upper).toBeCloseTo(92.0, 1);
    expect((r.ci!.lower + r.ci!.upper) / 2).toBeCloseTo(50, 10);
  });

  it("one promoter: NPS 100, adjusted interval [-48.5, 98.5] (DESIGN 6.1)", () => {
    const r = nps([10]);
    expect(r.score).toBe(100);
    expect(r.ci!.lower).toBeCloseTo(-48.5, 1);
    expect(r.ci!.upper).toBeCloseTo(98.5, 1);
  });

  it("an interval at another level: 90 % Wald uses z = 1.6448536269514722 (R qnorm(0.95))", () => {
    const r = nps(answers(1, 2, 3), { interval: "wald", level: 0.9 });
    const half = 1.6448536269514722 * 100 * Math.sqrt(5 / 9 / 6);
    expect(r.ci!.lower).toBeCloseTo(100 / 3 - half, 9);
    expect(r.ci!.upper).toBeCloseTo(100 / 3 + half, 9);
  });
});

describe("nps: inputs, missing, invalid, empty", () => {
  it("empty input gives n 0 and null score and interval, never throws", () => {
    const r = nps([]);
    expect(r).toMatchObject({ score: null, n: 0, ci: null, standardError: null, shares: null, effectiveN: 0, missing: 0, invalid: null });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("null, undefined and NaN are missing, counted and not scored", () => {
    const r = nps<number | null | undefined>([10, null, undefined, Number.NaN, 0]);
    expect(r.n).toBe(2);
    expect(r.missing).toBe(3);
    expect(r.score).toBe(0);
    const only = nps([null, null] as (number | null)[]);
    expect(only.score).toBeNull();
    expect(only.missing).toBe(2);
  });

  it("throws InvalidRecordError with index, field, value and an actionable message", () => {
    const values = Array.from({ length: 1043 }, () => 9);
    values[1042] = 11;
    let err: unknown;
    try {
      nps(values);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidRecordError);
    const e = err as InvalidRecordError;
    expect(e.message).toBe('nps: record 1042 field "score" is 11, expected an integer from 0 to 10');
    expect([e.code, e.index, e.field, e.value]).toEqual(["INVALID_RECORD", 1042, "score", 11]);
  });

  it("never coerces: a string '9', 7.5, -1 and Infinity are invalid; counted with onInvalid 'count'", () => {
    const r = nps<unknown>(["9", 7.5, -1, Number.POSITIVE_INFINITY, 9, 10], { onInvalid: "count" });
    expect(r.n).toBe(2);
    expect(r.invalid!.count).toBe(4);
    expect(r.invalid!.examples.map((x) => [x.index, x.value])).toEqual([[0, "9"], [1, 7.5], [2, -1], [3, "Infinity"]]);
    expect(nps([9], { onInvalid: "count" }).invalid).toEqual({ count: 0, examples: [] });
  });

  it("keeps the first 10 invalid examples by index and counts all", () => {
    const values = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 12 : 9));
    const r = nps(values, { onInvalid: "count" });
    expect(r.invalid!.count).toBe(25);
    expect(r.invalid!.examples.map((x) => x.index)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it("typed arrays take the columnar path and agree with number arrays", () => {
    const xs = [0, 1, 5, 6, 7, 8, 9, 10, 10, 3];
    const expected = nps(xs);
    for (const ta of [Uint8Array.from(xs), Int8Array.from(xs), Float64Array.from(xs), Float32Array.from(xs), Int32Array.from(xs)]) {
      expect(nps(ta)).toEqual(expected);
    }
    const withNaN = nps(Float64Array.from([9, Number.NaN, 3]));
    expect([withNaN.n, withNaN.missing, withNaN.score]).toEqual([2, 1, 0]);
    expect(() => nps(Uint8Array.from([9, 11]))).toThrow(/record 1 field "score" is 11/);
  });

  it("records through an accessor, and any iterable", () => {
    const rows = [{ s: 9 }, { s: 3 }, { s: null }];
    expect(nps(rows, { value: (r) => r.s })).toMatchObject({ n: 2, score: 0, missing: 1 });
    function* gen(): Generator<number> {
      yield 10;
      yield 6;
      yield 9;
    }
    expect(nps(gen()).score).toBeCloseTo(100 / 3, 12);
    expect(nps(new Set([10, 9])).score).toBe(100);
  });

  it("validates options up front", () => {
    expect(() => nps([9], { bands: { detractorMax: 8, promoterMin: 8 } })).toThrow(InvalidOptionError);
    expect(() => nps([9], { level: 1 })).toThrow(/level/);
    expect(() => nps([9], { interval: "exact" as never })).toThrow(/interval/);
    expect(() => nps([9], { onInvalid: "skip" as never })).toThrow(/onInvalid/);
  });

  it("configurable bands: 0-5 detractors, 6-8 passives", () => {
    const r = nps([6, 6, 10, 5], { bands: { detractorMax: 5, promoterMin: 9 } });
    expect([r.detractors, r.passives, r.promoters]).toEqual([1, 2, 1]);
    expect(r.score).toBe(0);
  });

  it("runAggregator reads arrays, async iterables and web ReadableStreams alike", async () => {
    const xs = [10, 9, 3, 7, 0, 10];
    const agg = npsAggregator();
    const expected = nps(xs);
    expect(agg.result(await runAggregator(agg, xs))).toEqual(expected);
    async function* gen(): AsyncGenerator<number> {
      for (const x of xs) yield x;
    }
    expect(agg.result(await runAggregator(agg, gen()))).toEqual(expected);
    const stream = new ReadableStream<number>({
      start(c) {
        xs.forEach((x) => c.enqueue(x));
        c.close();
      },
    });
    expect(agg.result(await runAggregator(agg, stream))).toEqual(expected);
    await expect(runAggregator(agg, [1, 2, 12], { startIndex: 100 })).rejects.toThrow(/record 102/);
  });
});

describe("nps: weights and Kish's effective n", () => {
  it("known value: weights (1, 1, 2) on (10, 0, 10): shares 3/4 and 1/4, n_eff = 16/6", () => {
    const r = nps([{ s: 10, w: 1 }, { s: 0, w: 1 }, { s: 10, w: 2 }], { value: (x) => x.s, weight: (x) => x.w, interval: "wald" });
    expect(r.score).toBeCloseTo(50, 12);
    expect(r.effectiveN).toBeCloseTo(16 / 6, 12);
    // Var = 0.75 + 0.25 - 0.5^2 = 0.75; SE = sqrt(0.75 / (8/3)) = 0.53033
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(0.75 / (16 / 6)), 10);
  });

  it("property: equal weights give the unweighted result, and n_eff never exceeds n", () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 80 }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 100, noNaN: true })), { minLength: 80, maxLength: 80 }), (xs, w, ws) => {
        const plain = nps(xs);
        const eq = nps(xs, { value: (x) => x, weight: () => w });
        expect(eq.score!).toBeCloseTo(plain.score!, 9);
        expect(eq.effectiveN).toBeCloseTo(plain.n, 9);
        expect(eq.ci!.lower).toBeCloseTo(plain.ci!.lower, 7);
        const varied = nps(xs.map((x, i) => ({ x, w: ws[i]! })), { value: (r) => r.x, weight: (r) => r.w });
        expect(varied.effectiveN).toBeLessThanOrEqual(varied.n * (1 + 1e-12));
      }),
      fcOptions,
    );
  });

  it("a negative, missing or non-numeric weight is invalid", () => {
    const r = nps([{ s: 9, w: -1 }, { s: 9, w: null }, { s: 9, w: "2" }, { s: 9, w: 1 }], { value: (x) => x.s, weight: (x) => x.w, onInvalid: "count" });
    expect(r.n).toBe(1);
    expect(r.invalid!.count).toBe(3);
    expect(r.invalid!.examples.every((e) => e.field === "weight")).toBe(true);
  });
});

describe("nps: properties", () => {
  it("NPS lies in [-100, 100] and every interval contains its estimate", () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 200 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (xs, level) => {
        const r = nps(xs, { level });
        const w = nps(xs, { level, interval: "wald" });
        if (r.score === null) {
          expect(xs.length).toBe(0);
          return;
        }
        expect(r.score).toBeGreaterThanOrEqual(-100);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(w.ci!.lower).toBeLessThanOrEqual(w.score! + 1e-9);
        expect(w.ci!.upper).toBeGreaterThanOrEqual(w.score! - 1e-9);
        // The adjusted-Wald interval contains the adjusted estimate (DESIGN 6.1).
        const adjusted = (100 * (r.promoters + 0.75 - (r.detractors + 0.75))) / (r.n + 3);
        expect(r.ci!.lower).toBeLessThanOrEqual(adjusted + 1e-9);
        expect(r.ci!.upper).toBeGreaterThanOrEqual(adjusted - 1e-9);
        expect(r.ci!.lower).toBeGreaterThanOrEqual(-100);
        expect(r.ci!.upper).toBeLessThanOrEqual(100);
      }),
      fcOptions,
    );
  });

  it("order never matters", () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 100 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([xs, shuffled]) => {
        expect(nps(shuffled)).toEqual(nps(xs));
      }),
      fcOptions,
    );
  });

  it("one more promoter never lowers NPS; one more detractor never raises it", () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 100 }), fc.integer({ min: 9, max: 10 }), fc.integer({ min: 0, max: 6 }), (xs, p, d) => {
        const base = nps(xs).score!;
        expect(nps([...xs, p]).score!).toBeGreaterThanOrEqual(base - 1e-12);
        expect(nps([...xs, d]).score!).toBeLessThanOrEqual(base + 1e-12);
      }),
      fcOptions,
    );
  });

  it("the aggregator in chunks equals the one-shot function", () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 200 }), fc.nat({ max: 200 }), (xs, cut) => {
        const agg = npsAggregator();
        let a = agg.empty();
        let b = agg.empty();
        xs.forEach((x, i) => (i < cut ? (a = agg.add(a, x, i)) : (b = agg.add(b, x, i))));
        const viaJson = agg.fromJSON(JSON.parse(JSON.stringify(b)));
        expect(agg.result(agg.merge(a, viaJson))).toEqual(nps(xs));
      }),
      fcOptions,
    );
  });
});
