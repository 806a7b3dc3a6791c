import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csat } from "../../src/survey/csat.ts";
import { ces } from "../../src/survey/ces.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

const fcOptions = { seed: 777, numRuns: 300 };
const repeat = (v: number, k: number): number[] => Array(k).fill(v);

describe("csat: DESIGN 6.2 worked values (Wilson 1927, computed by hand)", () => {
  it("70 satisfied of 100 -> 70 % with Wilson interval [60.4, 78.1]", () => {
    const r = csat([...repeat(5, 40), ...repeat(4, 30), ...repeat(3, 20), ...repeat(1, 10)]);
    expect(r.score).toBe(70);
    expect(r.ci!.lower).toBeCloseTo(60.4, 1);
    expect(r.ci!.upper).toBeCloseTo(78.1, 1);
    expect(r.ci!.method).toBe("wilson");
    expect(r.distribution).toEqual({ "1": 10, "2": 0, "3": 20, "4": 30, "5": 40 });
    // mean = (10*1 + 20*3 + 30*4 + 40*5) / 100 = 3.9
    expect(r.mean).toBeCloseTo(3.9, 12);
  });

  it("0 of 10 -> [0, 27.8]; 1 of 1 -> [20.7, 100]", () => {
    const none = csat(repeat(2, 10));
    expect(none.score).toBe(0);
    expect(none.ci!.lower).toBe(0);
    expect(none.ci!.upper).toBeCloseTo(27.8, 1);
    const one = csat([5]);
    expect(one.ci!.lower).toBeCloseTo(20.7, 1);
    expect(one.ci!.upper).toBe(100);
    expect(one.standardDeviation).toBeNull();
  });

  it("7-point scale: top-two box is 6-7; satisfiedMin moves the threshold", () => {
    expect(csat([7, 6, 5, 1], { scale: { min: 1, max: 7 } }).score).toBe(50);
    expect(csat([7, 6, 5, 1], { scale: { min: 1, max: 7 }, satisfiedMin: 5 }).score).toBe(75);
  });

  it("binary: booleans, yes/no in any case, 1/0; anything else is invalid", () => {
    const r = csat<unknown>([true, "yes", "No", 0, 1, "YES", "maybe", 2, null], { scale: "binary", onInvalid: "count" });
    expect([r.n, r.satisfied, r.score, r.missing, r.invalid!.count]).toEqual([6, 4, (400 / 6), 1, 2]);
    expect(r.distribution).toEqual({ no: 2, yes: 4 });
    expect(() => csat(["maybe"], { scale: "binary" })).toThrow(InvalidRecordError);
  });

  it("invalid answers: out of scale, fractional and strings; missing are counted apart", () => {
    expect(() => csat([6])).toThrow('csat: record 0 field "score" is 6, expected an integer from 1 to 5');
    const r = csat<unknown>([5, 4.5, "5", 0, null, Number.NaN], { onInvalid: "count" });
    expect([r.n, r.missing, r.invalid!.count]).toEqual([1, 2, 3]);
  });

  it("empty input: score, mean and ci null", () => {
    expect(csat([])).toMatchObject({ score: null, n: 0, mean: null, ci: null, missing: 0, invalid: null });
  });

  it("options are validated", () => {
    expect(() => csat([1], { scale: { min: 5, max: 1 } })).toThrow(InvalidOptionError);
    expect(() => csat([1], { satisfiedMin: 1 })).toThrow(/satisfiedMin/);
    expect(() => csat([true], { scale: "binary", satisfiedMin: 1 })).toThrow(/binary/);
  });

  it("property: shifting the scale and the threshold together leaves CSAT unchanged", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 100 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 2, max: 5 }), (xs, shift, sat) => {
        const a = csat(xs, { satisfiedMin: sat });
        const b = csat(xs.map((x) => x + shift), { scale: { min: 1 + shift, max: 5 + shift }, satisfiedMin: sat + shift });
        expect(b.score).toEqual(a.score);
        expect(b.ci).toEqual(a.ci);
        if (a.mean !== null) expect(b.mean!).toBeCloseTo(a.mean + shift, 9);
      }),
      fcOptions,
    );
  });

  it("property: score in [0, 100] and inside its interval", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 100 }), (xs) => {
        const r = csat(xs, { scale: { min: 1, max: 7 } });
        expect(r.score!).toBeGreaterThanOrEqual(0);
        expect(r.score!).toBeLessThanOrEqual(100);
        expect(r.ci!.lower).toBeLessThanOrEqual(r.score! + 1e-9);
        expect(r.ci!.upper).toBeGreaterThanOrEqual(r.score! - 1e-9);
      }),
      fcOptions,
    );
  });
});

describe("ces", () => {
  it("known value: [7, 6, 5, 2] -> mean 5, sd 2.1602, t interval with qt(0.975, 3) = 3.182446305284263 (R), clipped to 7", () => {
    const r = ces([7, 6, 5, 2]);
    expect(r.score).toBe(5);
    // sd = sqrt(((7-5)^2 + (6-5)^2 + 0 + (2-5)^2) / 3) = sqrt(14/3)
    expect(r.standardDeviation).toBeCloseTo(Math.sqrt(14 / 3), 12);
    const half = 3.182446305284263 * Math.sqrt(14 / 3) / 2;
    expect(r.ci!.lower).toBeCloseTo(5 - half, 9);
    expect(r.ci!.upper).toBe(7);
    expect(r.ci!.method).toBe("student-t");
    expect([r.easy.count, r.difficult.count, r.easy.share, r.difficult.share, r.netEasy]).toEqual([3, 1, 75, 25, 50]);
  });

  it("a larger sample: interval with qt(0.975, 29) = 2.045229642132703 (R)", () => {
    const xs = [...repeat(7, 10), ...repeat(5, 10), ...repeat(3, 10)];
    const r = ces(xs);
    // mean 5, sd = sqrt((10*4 + 0 + 10*4) / 29)
    const sd = Math.sqrt(80 / 29);
    expect(r.ci!.lower).toBeCloseTo(5 - (2.045229642132703 * sd) / Math.sqrt(30), 9);
    expect(r.ci!.upper).toBeCloseTo(5 + (2.045229642132703 * sd) / Math.sqrt(30), 9);
  });

  it("lower-is-easier: easy and difficult swap sides; custom ranges", () => {
    const r = ces([1, 2, 7], { direction: "lower-is-easier" });
    expect([r.easy.count, r.difficult.count]).toEqual([2, 1]);
    const five = ces([1, 2, 3, 4, 5], { scale: { min: 1, max: 5 } });
    expect([five.easy.count, five.difficult.count]).toEqual([2, 2]);
    const custom = ces([7, 6, 5], { easy: { min: 6, max: 7 }, difficult: { min: 1, max: 4 } });
    expect(custom.easy.count).toBe(2);
    expect(() => ces([1], { easy: { min: 3, max: 7 }, difficult: { min: 1, max: 4 } })).toThrow(/overlaps/);
  });

  it("empty input and one answer never throw", () => {
    expect(ces([])).toMatchObject({ score: null, n: 0, ci: null, netEasy: null, easy: { count: 0, share: null, ci: null } });
    expect(ces([4])).toMatchObject({ score: 4, n: 1, ci: null, standardDeviation: null });
  });

  it("property: net easy = easy % - difficult %, interval contains the mean", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 2, maxLength: 100 }), (xs) => {
        const r = ces(xs);
        expect(r.netEasy!).toBeCloseTo(r.easy.share! - r.difficult.share!, 9);
        expect(r.ci!.lower).toBeLessThanOrEqual(r.score! + 1e-9);
        expect(r.ci!.upper).toBeGreaterThanOrEqual(r.score! - 1e-9);
        expect(r.score!).toBeGreaterThanOrEqual(1);
        expect(r.score!).toBeLessThanOrEqual(7);
      }),
      fcOptions,
    );
  });
});
