import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kaplanMeier } from "../../src/stats/kaplanMeier.ts";
import { kaplanMeierTable } from "../../src/stats/kaplanMeierTable.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

const SEED = 20261201;

describe("kaplanMeier: published values", () => {
  // Freireich et al. (1963) leukaemia remission times, 6-MP group (Gehan 1965). Survival and Greenwood standard
  // errors as printed in Klein and Moeschberger (2003), Survival Analysis, Table 4.1A; median 23 and its 95% log
  // interval (16, NA) as printed by R: survfit(Surv(time, status) ~ 1).
  const times = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
  const status = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
  const km = kaplanMeier(times, status);
  const at = (t: number): number => km.times.indexOf(t);

  it("reproduces the product-limit estimates and Greenwood standard errors (Klein and Moeschberger Table 4.1A)", () => {
    const published: [number, number, number, number][] = [
      // time, at risk, S(t), se
      [6, 21, 0.857, 0.0764],
      [7, 17, 0.807, 0.0869],
      [10, 15, 0.753, 0.0963],
      [13, 12, 0.69, 0.1068],
      [16, 11, 0.627, 0.1141],
      [22, 7, 0.538, 0.1282],
      [23, 6, 0.448, 0.1346],
    ];
    for (const [t, n, s, se] of published) {
      const i = at(t);
      expect(km.atRisk[i], `n at ${t}`).toBe(n);
      expect(km.survival[i], `S(${t})`).toBeCloseTo(s, 3);
      expect(km.standardError[i], `se(${t})`).toBeCloseTo(se, 4);
    }
    expect([km.n, km.events, km.censored]).toEqual([21, 9, 12]);
  });

  it("gives R's median 23 with 95% interval from 16 to NA", () => {
    expect(km.median).toBe(23);
    expect(km.medianInterval).toEqual({ lower: 16, upper: null });
  });

  // R documentation example: survfit(Surv(time, status) ~ 1, data = aml, subset = x == "Maintained").
  it("reproduces R's printed table for the aml maintained group, log intervals", () => {
    const aml = kaplanMeier([9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
    const printed: [number, number, number, number, number, number][] = [
      [9, 11, 0.909, 0.0867, 0.7541, 1.0],
      [13, 10, 0.818, 0.1163, 0.6192, 1.0],
      [18, 8, 0.716, 0.1397, 0.4884, 1.0],
      [23, 7, 0.614, 0.1526, 0.3769, 0.999],
      [31, 5, 0.491, 0.1642, 0.2549, 0.946],
      [34, 4, 0.368, 0.1627, 0.1549, 0.875],
      [48, 2, 0.184, 0.1535, 0.0359, 0.944],
    ];
    for (const [t, n, s, se, lo, hi] of printed) {
      const i = aml.times.indexOf(t);
      expect(aml.atRisk[i]).toBe(n);
      expect(aml.survival[i]).toBeCloseTo(s, 3);
      expect(aml.standardError[i]).toBeCloseTo(se, 4);
      expect(aml.lower[i]).toBeCloseTo(lo, 4);
      expect(aml.upper[i]).toBeCloseTo(hi, 3);
    }
    expect(aml.median).toBe(31);
    expect(aml.medianInterval).toEqual({ lower: 18, upper: null });
  });
});

describe("kaplanMeier: conventions (DESIGN 6.7)", () => {
  it("counts events before censorings at a tied time", () => {
    // At t = 6: 3 at risk, 2 events, 1 censored; the censored one is at risk at 6.
    const km = kaplanMeier([6, 6, 6, 7, 10], [true, true, false, true, false]);
    expect(km.times).toEqual([6, 7, 10]);
    expect(km.atRisk).toEqual([5, 2, 1]);
    expect(km.survival[0]).toBeCloseTo(3 / 5, 15);
    expect(km.survival[1]).toBeCloseTo((3 / 5) * (1 / 2), 15);
  });

  it("takes the midpoint of the flat stretch where S is exactly 0.5, as R's quantile.survfit", () => {
    expect(kaplanMeier([1, 2, 3, 4], [1, 1, 1, 1]).median).toBe(2.5);
    // The curve ends at 0.5 (only censorings after t = 2): midpoint to the last time observed, 4.
    expect(kaplanMeier([1, 2, 3, 4], [1, 1, 0, 0]).median).toBe(3);
    // Never reaches 0.5.
    expect(kaplanMeier([1, 2, 3], [1, 0, 0]).median).toBeNull();
  });

  it("reaches 0 when every one still at risk has the event, with undefined bounds there", () => {
    const km = kaplanMeier([1, 2], [1, 1]);
    expect(km.survival).toEqual([0.5, 0]);
    expect(km.standardError[1]).toBe(0);
    expect([km.lower[1], km.upper[1]]).toEqual([null, null]);
    expect(JSON.parse(JSON.stringify(km))).toEqual(km);
  });

  it("builds log-log and plain intervals by their formulas", () => {
    // 10 at risk, 2 events: S = 0.8, var(log S) = 2 / (10 * 8) = 0.025.
    const z = 1.959963984540054;
    const sigma = Math.sqrt(0.025);
    const loglog = kaplanMeier([1, 1, 2, 2, 2, 2, 2, 2, 2, 2], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], { interval: "log-log" });
    const w = (z * sigma) / Math.abs(Math.log(0.8));
    expect(loglog.lower[0]).toBeCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(0.8)) + w)), 12);
    expect(loglog.upper[0]).toBeCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(0.8)) - w)), 12);
    expect(loglog.lower[1]).toBeCloseTo(loglog.lower[0] as number, 15); // censorings leave the curve where it is
    const plain = kaplanMeier([1, 1, 2, 2, 2, 2, 2, 2, 2, 2], [1, 1, 0, 0, 0, 0, 0, 0, 0, 0], { interval: "plain" });
    expect(plain.lower[0]).toBeCloseTo(0.8 - z * 0.8 * sigma, 12);
    expect(plain.upper[0]).toBeCloseTo(Math.min(1, 0.8 + z * 0.8 * sigma), 12);
  });

  it("gives an empty curve for no observations", () => {
    const km = kaplanMeier([], []);
    expect(km).toMatchObject({ n: 0, events: 0, censored: 0, times: [], survival: [], median: null, medianInterval: { lower: null, upper: null } });
  });

  it("refuses bad observations and options with clear errors", () => {
    expect(() => kaplanMeier([1, -2], [1, 1])).toThrow(InvalidRecordError);
    expect(() => kaplanMeier([1, -2], [1, 1])).toThrow(/record 1 field "duration" is -2/);
    expect(() => kaplanMeier([1, NaN], [1, 1])).toThrow(InvalidRecordError);
    expect(() => kaplanMeier([1, 2], [1, 2])).toThrow(/field "observed" is 2/);
    expect(() => kaplanMeier([1, 2], [1])).toThrow(InvalidRecordError);
    expect(() => kaplanMeier([1], [1], { level: 1 })).toThrow(InvalidOptionError);
    expect(() => kaplanMeier([1], [1], { interval: "arcsin" as never })).toThrow(InvalidOptionError);
    expect(() => kaplanMeierTable({ times: [2, 1], events: [1, 1], censored: [0, 0] })).toThrow(/ascending/);
    expect(() => kaplanMeierTable({ times: [1], events: [-1], censored: [0] })).toThrow(InvalidOptionError);
  });
});

describe("kaplanMeier: properties", () => {
  const observations = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { maxLength: 60 });

  it("is a non-increasing curve in [0, 1] inside its own interval, whatever the order of the input", () => {
    fc.assert(
      fc.property(observations, fc.integer(), (obs, shift) => {
        const km = kaplanMeier(obs.map(([t]) => t), obs.map(([, o]) => o));
        const rotated = obs.map((_, i) => obs[(i + Math.abs(shift)) % obs.length] as [number, boolean]);
        expect(kaplanMeier(rotated.map(([t]) => t), rotated.map(([, o]) => o))).toEqual(km);
        let previous = 1;
        km.survival.forEach((s, i) => {
          expect(s).toBeLessThanOrEqual(previous);
          expect(s).toBeGreaterThanOrEqual(0);
          previous = s;
          const lo = km.lower[i];
          const hi = km.upper[i];
          if (lo !== null && lo !== undefined) expect(lo).toBeLessThanOrEqual(s + 1e-15);
          if (hi !== null && hi !== undefined) expect(hi).toBeGreaterThanOrEqual(s - 1e-15);
        });
        expect(km.n).toBe(obs.length);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("equals the empirical survival function when nothing is censored", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 50 }), (ts) => {
        const km = kaplanMeier(ts, ts.map(() => true));
        km.times.forEach((t, i) => {
          const share = ts.filter((x) => x > t).length / ts.length;
          expect(km.survival[i]).toBeCloseTo(share, 12);
        });
        // With no censoring, the median is the usual sample median when n is odd.
        if (ts.length % 2 === 1) expect(km.median).toBe([...ts].sort((a, b) => a - b)[(ts.length - 1) / 2]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("from raw observations equals the table of their counts", () => {
    fc.assert(
      fc.property(observations, (obs) => {
        const times = [...new Set(obs.map(([t]) => t))].sort((a, b) => a - b);
        const events = times.map((t) => obs.filter(([u, o]) => u === t && o).length);
        const censored = times.map((t) => obs.filter(([u, o]) => u === t && !o).length);
        expect(kaplanMeierTable({ times, events, censored })).toEqual(kaplanMeier(obs.map(([t]) => t), obs.map(([, o]) => o)));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
