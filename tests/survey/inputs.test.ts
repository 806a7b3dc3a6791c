/**
 * Inputs, missing values, invalid records and empty input (issue 3, point 5; DESIGN 4), and the fast-check
 * properties of issue 3, point 10 that the per-metric files do not cover.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nps, npsAggregator } from "../../src/survey/nps.ts";
import { csat, csatAggregator } from "../../src/survey/csat.ts";
import { ces, cesAggregator } from "../../src/survey/ces.ts";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { InvalidRecordError } from "../../src/errors.ts";

const fcOptions = { seed: 31337, numRuns: 300 };

/** What happens to one value under each metric: counted as a valid answer, as missing, or as invalid. */
type Fate = "valid" | "missing" | "invalid";
function fateOf(r: { n: number; missing: number; invalid: { count: number } | null }): Fate {
  if (r.n === 1) return "valid";
  if (r.missing === 1) return "missing";
  expect(r.invalid!.count).toBe(1);
  return "invalid";
}

describe("nothing is silently dropped or coerced (DESIGN 4)", () => {
  // Each value, and what every reader must do with it. -0 is the integer 0 (valid by design, -0 === 0).
  const table: [string, unknown, Fate, number | null][] = [
    ['the string "9"', "9", "invalid", null],
    ["the empty string", "", "invalid", null],
    ["true", true, "invalid", null],
    ["false", false, "invalid", null],
    ["9.0000001", 9.0000001, "invalid", null],
    ["-0", -0, "valid", 0],
    ["Infinity", Number.POSITIVE_INFINITY, "invalid", null],
    ["-Infinity", Number.NEGATIVE_INFINITY, "invalid", null],
    ["a Date", new Date(9), "invalid", null],
    ["an object", { valueOf: () => 9 }, "invalid", null],
    ["an array [9]", [9], "invalid", null],
    ["a Number object", Object(9), "invalid", null],
    ["the smallest subnormal", 5e-324, "invalid", null],
    ["1e308", 1e308, "invalid", null],
    ["null", null, "missing", null],
    ["undefined", undefined, "missing", null],
    ["NaN", Number.NaN, "missing", null],
  ];

  it.each(table)("nps: %s is %s on the array path, the iterable path and through an accessor", (_, v, fate, point) => {
    const viaArray = nps([v] as number[], { onInvalid: "count" });
    const viaIterable = nps(new Set([v]) as Iterable<number>, { onInvalid: "count" });
    const viaAccessor = nps([{ v }], { value: (r) => r.v, onInvalid: "count" });
    for (const r of [viaArray, viaIterable, viaAccessor]) {
      expect(fateOf(r)).toBe(fate);
      if (point !== null) expect(r.distribution[point]).toBe(1);
      if (fate !== "valid") expect(r.distribution.every((c) => c === 0)).toBe(true);
      if (fate === "invalid") expect(r.invalid!.examples[0]).toMatchObject({ index: 0, field: "score", reason: "expected an integer from 0 to 10" });
    }
    expect(viaIterable).toEqual(viaArray);
    if (fate === "invalid") {
      expect(() => nps([v] as number[])).toThrow(InvalidRecordError);
      expect(() => nps([{ v }], { value: (r) => r.v })).toThrow(InvalidRecordError);
    }
  });

  it.each(table)("csat (5-point), ces (7-point): %s is %s (0 and -0 are off these scales)", (_, v, fate) => {
    const expected = fate === "valid" ? "invalid" : fate;
    expect(fateOf(csat([v] as number[], { onInvalid: "count" }))).toBe(expected);
    expect(fateOf(ces([v] as number[], { onInvalid: "count" }))).toBe(expected);
    // On a 0-based scale -0 is the point 0.
    expect(fateOf(csat([v] as number[], { scale: { min: 0, max: 10 }, onInvalid: "count" }))).toBe(fate);
  });

  it("csat binary: only true/false, 1/0 (also -0) and yes/no in any case are answers", () => {
    const valid: unknown[] = [true, false, 1, 0, -0, "yes", "NO", "Yes", "nO"];
    const invalid: unknown[] = ["1", "0", "y", "n", "true", " yes", "", 2, 0.5, Object(true), new Date(1), {}, [1]];
    for (const v of valid) expect(fateOf(csat([v], { scale: "binary", onInvalid: "count" })), String(v)).toBe("valid");
    for (const v of invalid) expect(fateOf(csat([v], { scale: "binary", onInvalid: "count" })), String(v)).toBe("invalid");
    for (const v of [null, undefined, Number.NaN]) expect(fateOf(csat([v], { scale: "binary", onInvalid: "count" }))).toBe("missing");
  });

  it("a weight is never coerced: strings, booleans, null, NaN, Infinity, negative and out-of-range weights are invalid", () => {
    const bad: unknown[] = ["1", true, null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -1, -1e-300, 1e-200, 1e200, Object(1), new Date(1)];
    for (const w of bad) {
      const r = nps([{ s: 9, w }], { value: (x) => x.s, weight: (x) => x.w, onInvalid: "count" });
      expect(r.n, String(w)).toBe(0);
      expect(r.invalid!.examples[0]).toMatchObject({ index: 0, field: "weight" });
    }
    for (const w of [0, -0, 1e-150, 1e150, 0.5]) {
      expect(nps([{ s: 9, w }], { value: (x) => x.s, weight: (x) => x.w }).n).toBe(1);
    }
  });
});

describe("missing answers are counted, never scored (DESIGN 4)", () => {
  it("every metric counts null, undefined and NaN as missing, through accessors and typed arrays alike", () => {
    const rows: { s?: number | null | undefined }[] = [{ s: 5 }, { s: null }, { s: undefined }, { s: Number.NaN }, {}];
    const read = (r: { s?: number | null | undefined }): unknown => r.s;
    expect(nps(rows, { value: read })).toMatchObject({ n: 1, missing: 4 });
    expect(csat(rows, { value: read })).toMatchObject({ n: 1, missing: 4, score: 100 });
    expect(ces(rows, { value: read })).toMatchObject({ n: 1, missing: 4, score: 5 });
    expect(csat(Float64Array.from([4, Number.NaN, 1]))).toMatchObject({ n: 2, missing: 1, score: 50 });
    expect(ces(Float32Array.from([Number.NaN, 7]))).toMatchObject({ n: 1, missing: 1, score: 7 });
    // A sparse array hole is undefined: missing on both NPS paths.
    expect(nps([9, , 3] as number[])).toMatchObject({ n: 2, missing: 1 });
  });
});

describe("empty input is not an error (DESIGN 4)", () => {
  const empties: [string, Iterable<unknown> | ArrayLike<number>][] = [
    ["an empty array", []],
    ["an empty typed array", new Float64Array(0)],
    ["an empty iterable", new Set()],
    ["only missing answers", [null, undefined, Number.NaN]],
  ];

  it.each(empties)("%s: n 0, score null, ci null for every metric", (_, xs) => {
    for (const r of [nps(xs as number[]), csat(xs as number[]), csat(xs as number[], { scale: "binary" }), ces(xs as number[])]) {
      expect(r).toMatchObject({ n: 0, score: null, ci: null });
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    }
    expect(ces(xs as number[])).toMatchObject({ netEasy: null, netEasyCi: null, standardError: null, easy: { share: null, ci: null }, difficult: { share: null, ci: null } });
    expect(csat(xs as number[])).toMatchObject({ mean: null, standardDeviation: null });
    expect(nps(xs as number[], { value: (x) => x, weight: () => 1 })).toMatchObject({ n: 0, score: null, ci: null, effectiveN: 0, standardError: null });
  });

  it("only invalid answers under onInvalid 'count': n 0, score null, every record reported", () => {
    const xs = ["a", 11, 2.5];
    for (const r of [nps(xs as unknown[], { onInvalid: "count" }), csat(xs as unknown[], { onInvalid: "count" }), ces(xs as unknown[], { onInvalid: "count" })]) {
      expect(r).toMatchObject({ n: 0, score: null, ci: null, missing: 0 });
      expect(r.invalid!.count).toBe(3);
      expect(r.invalid!.examples.map((e) => e.index)).toEqual([0, 1, 2]);
    }
  });

  it("weights that are all zero give n answers but no score (no effective sample), never NaN", () => {
    const r = nps([{ s: 9, w: 0 }, { s: 3, w: 0 }], { value: (x) => x.s, weight: (x) => x.w });
    expect(r).toMatchObject({ n: 2, score: null, ci: null, shares: null, effectiveN: 0, standardError: null });
  });

  it("a breakdown of nothing has no rows and an empty total", () => {
    const r = breakdown(npsAggregator<{ s: number }>({ value: (x) => x.s }), [], { by: { c: () => "x" } });
    expect(r.rows).toEqual([]);
    expect(r.total).toMatchObject({ n: 0, score: null, ci: null });
  });
});

describe("InvalidRecordError: index, field, value, reason and a message a person can act on", () => {
  const caught = (f: () => unknown): InvalidRecordError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidRecordError);
      return e as InvalidRecordError;
    }
    throw new Error("expected an InvalidRecordError");
  };

  it("for each metric and field", () => {
    const cases: [InvalidRecordError, string, number, string, unknown][] = [
      [caught(() => nps([9, 9, "10"] as unknown[])), 'nps: record 2 field "score" is "10", expected an integer from 0 to 10', 2, "score", "10"],
      [caught(() => csat([8], { scale: { min: 1, max: 7 } })), 'csat: record 0 field "score" is 8, expected an integer from 1 to 7', 0, "score", 8],
      [caught(() => csat(["yes", "maybe"], { scale: "binary" })), 'csat: record 1 field "score" is "maybe", expected yes or no (true/false, "yes"/"no", 1/0)', 1, "score", "maybe"],
      [caught(() => ces([4, 0.5])), 'ces: record 1 field "score" is 0.5, expected an integer from 1 to 7', 1, "score", 0.5],
      [caught(() => nps([{ s: 9, w: 1 }, { s: 9, w: -2 }], { value: (x) => x.s, weight: (x) => x.w })), "", 1, "weight", -2],
    ];
    for (const [e, message, index, field, value] of cases) {
      expect(e.code).toBe("INVALID_RECORD");
      if (message) expect(e.message).toBe(message);
      expect([e.index, e.field, e.value]).toEqual([index, field, value]);
      expect(e.reason).toMatch(/^expected /);
      expect(e.message).toContain(e.reason);
      expect(e.message).toMatch(new RegExp(`^[a-z]+: record ${index} field "${field}" is `));
    }
  });

  it("the aggregator numbers records it is given without an index by their position in the state", () => {
    const agg = cesAggregator<unknown>();
    let s = agg.empty();
    for (const v of [1, null, 2]) s = agg.add(s, v);
    expect(() => agg.add(s, 9)).toThrow(/record 3 field "score" is 9/);
  });
});

describe("onInvalid 'count': invalid = { count, examples: first 10 by index }, whatever the order of merges", () => {
  const entry = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 2, arbitrary: fc.constantFrom<unknown>(0, 6, 2.5, "3", null) });

  it("property: count is every invalid record; examples are the 10 lowest indexes with their values", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 80 }), fc.array(fc.nat({ max: 80 }), { maxLength: 6 }), fc.boolean(), (xs, cuts, reverse) => {
        const agg = csatAggregator<unknown>({ onInvalid: "count" });
        const bounds = [0, ...[...new Set(cuts)].map((c) => Math.min(c, xs.length)).sort((a, b) => a - b), xs.length];
        const states = bounds.slice(1).map((end, k) => {
          let s = agg.empty();
          for (let i = bounds[k]!; i < end; i++) s = agg.add(s, xs[i], i);
          return s;
        });
        if (reverse) states.reverse();
        const r = agg.result(states.reduce((a, b) => agg.merge(a, b), agg.empty()));
        const bad = xs.map((v, i) => [i, v] as const).filter(([, v]) => v !== null && !(typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5));
        expect(r.invalid!.count).toBe(bad.length);
        expect(r.invalid!.examples.map((e) => [e.index, e.value])).toEqual(bad.slice(0, 10).map(([i, v]) => [i, v]));
        expect(r.n + r.missing + r.invalid!.count).toBe(xs.length);
      }),
      fcOptions,
    );
  });
});

describe("more properties (issue 3, point 10)", () => {
  const score = fc.integer({ min: 0, max: 10 });
  const weight = fc.oneof(fc.constantFrom(0, 1e-150, 1e150, 1e-12, 1e12, 1), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));

  it("weighted NPS: in [-100, 100]; the interval contains the adjusted estimate on n_eff (DESIGN 6.1); n_eff <= n", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(score, weight), { minLength: 1, maxLength: 100 }), (rows) => {
        const r = nps(rows, { value: (x) => x[0], weight: (x) => x[1] });
        expect(r.effectiveN).toBeLessThanOrEqual(r.n * (1 + 1e-12));
        if (r.score === null) {
          expect(rows.every(([, w]) => w === 0)).toBe(true);
          return;
        }
        expect(r.score).toBeGreaterThanOrEqual(-100 - 1e-9);
        expect(r.score).toBeLessThanOrEqual(100 + 1e-9);
        const m = r.effectiveN;
        const adjusted = 100 * ((r.shares!.promoters * m + 0.75) / (m + 3) - (r.shares!.detractors * m + 0.75) / (m + 3));
        expect(r.ci!.lower).toBeLessThanOrEqual(adjusted + 1e-9);
        expect(r.ci!.upper).toBeGreaterThanOrEqual(adjusted - 1e-9);
        const wald = nps(rows, { value: (x) => x[0], weight: (x) => x[1], interval: "wald" });
        expect(wald.ci!.lower).toBeLessThanOrEqual(r.score + 1e-9);
        expect(wald.ci!.upper).toBeGreaterThanOrEqual(r.score - 1e-9);
      }),
      fcOptions,
    );
  });

  it("equal weights, including 1e-150 and 1e150, give the unweighted result (score, n_eff, SE and both bounds)", () => {
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 100 }), fc.constantFrom(1e-150, 1e-12, 0.3, 1, 7, 1e12, 1e150), (xs, w) => {
        const plain = nps(xs);
        const eq = nps(xs, { value: (x) => x, weight: () => w });
        expect(eq.score!).toBeCloseTo(plain.score!, 9);
        expect(eq.effectiveN).toBeCloseTo(plain.n, 9);
        expect(eq.standardError!).toBeCloseTo(plain.standardError!, 9);
        expect(eq.ci!.lower).toBeCloseTo(plain.ci!.lower, 9);
        expect(eq.ci!.upper).toBeCloseTo(plain.ci!.upper, 9);
      }),
      fcOptions,
    );
  });

  it("weighted: one more promoter never lowers NPS, one more detractor never raises it", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(score, weight), { minLength: 1, maxLength: 60 }), fc.integer({ min: 9, max: 10 }), fc.integer({ min: 0, max: 6 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (rows, p, d, w) => {
        const opts = { value: (x: [number, number]) => x[0], weight: (x: [number, number]) => x[1] };
        const base = nps(rows, opts).score;
        if (base === null) return;
        expect(nps([...rows, [p, w]], opts).score!).toBeGreaterThanOrEqual(base - 1e-9);
        expect(nps([...rows, [d, w]], opts).score!).toBeLessThanOrEqual(base + 1e-9);
      }),
      fcOptions,
    );
  });

  it("order never matters for CSAT, CES and weighted NPS", () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), weight), { maxLength: 80 });
    fc.assert(
      fc.property(rows.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([xs, ys]) => {
        const seven = { scale: { min: 1, max: 7 } } as const;
        expect(csat(ys.map((x) => x[0]), seven)).toEqual(csat(xs.map((x) => x[0]), seven));
        expect(ces(ys.map((x) => x[0]))).toEqual(ces(xs.map((x) => x[0])));
        const w = { value: (x: [number, number]) => x[0], weight: (x: [number, number]) => x[1], interval: "wald" as const };
        const a = nps(xs, w);
        const b = nps(ys, w);
        expect(b.n).toBe(a.n);
        if (a.score !== null) expect(b.score!).toBeCloseTo(a.score, 9);
        else expect(b.score).toBeNull();
      }),
      fcOptions,
    );
  });

  it("CSAT is unchanged by shifting a 7-point or custom scale and its threshold together, even far from zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 11 }).chain((points) => fc.tuple(fc.constant(points), fc.array(fc.integer({ min: 0, max: points - 1 }), { maxLength: 80 }), fc.integer({ min: 1, max: points - 1 }))),
        fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constantFrom(-1e12, 1e12, 2 ** 40, -(2 ** 40))),
        ([points, xs, sat], shift) => {
          const a = csat(xs, { scale: { min: 0, max: points - 1 }, satisfiedMin: sat });
          const b = csat(xs.map((x) => x + shift), { scale: { min: shift, max: shift + points - 1 }, satisfiedMin: sat + shift });
          expect([b.score, b.n, b.satisfied, b.ci]).toEqual([a.score, a.n, a.satisfied, a.ci]);
          for (let i = 0; i < points; i++) expect(b.distribution[String(shift + i)]).toBe(a.distribution[String(i)]);
          if (a.mean !== null) expect(Math.abs(b.mean! - shift - a.mean)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(shift)));
        },
      ),
      fcOptions,
    );
  });

  it("CES: share intervals contain their shares, net easy's interval contains its adjusted estimate, mean in the scale", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 100 }), fc.boolean(), (xs, lower) => {
        const r = ces(xs, { direction: lower ? "lower-is-easier" : "higher-is-easier" });
        for (const s of [r.easy, r.difficult]) {
          expect(s.ci!.lower).toBeLessThanOrEqual(s.share! + 1e-9);
          expect(s.ci!.upper).toBeGreaterThanOrEqual(s.share! - 1e-9);
        }
        const n = r.n;
        const adjusted = 100 * ((r.easy.count + 0.75) / (n + 3) - (r.difficult.count + 0.75) / (n + 3));
        expect(r.netEasyCi!.lower).toBeLessThanOrEqual(adjusted + 1e-9);
        expect(r.netEasyCi!.upper).toBeGreaterThanOrEqual(adjusted - 1e-9);
        expect(r.netEasy!).toBeGreaterThanOrEqual(-100);
        expect(r.netEasy!).toBeLessThanOrEqual(100);
        if (r.ci) {
          expect(r.ci.lower).toBeGreaterThanOrEqual(1);
          expect(r.ci.upper).toBeLessThanOrEqual(7);
        }
        // The direction swaps the default easy and difficult ranges: 5-7 vs 1-3.
        const high = xs.filter((x) => x >= 5).length;
        const low = xs.filter((x) => x <= 3).length;
        expect([r.easy.count, r.difficult.count]).toEqual(lower ? [low, high] : [high, low]);
      }),
      fcOptions,
    );
  });

  it("CSAT binary: score and interval equal those of the same answers on a 0-1 scale with satisfiedMin 1", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 100 }), (bs) => {
        const b = csat(bs, { scale: "binary" });
        const c = csat(bs.map(Number), { scale: { min: 0, max: 1 }, satisfiedMin: 1 });
        expect([b.score, b.ci, b.n, b.satisfied]).toEqual([c.score, c.ci, c.n, c.satisfied]);
      }),
      fcOptions,
    );
  });
});
