/**
 * goalProgress (issue 8, point 3): known values from R's lm on the cars data set, properties of the fit and of the
 * goal's direction, edge cases, and the validation of every option.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { goalProgress, type GoalPoint, type GoalProgress } from "../../src/goals/goalProgress.ts";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { comparePeriods } from "../../src/survey/comparePeriods.ts";
import { CxError, InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const fcOptions = { seed: 20261201, numRuns: 200 };

// R's datasets::cars (McNeil 1977): speed (mph) and stopping distance (ft) of 50 cars.
const speed = [4, 4, 7, 7, 8, 9, 10, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 16, 16, 17, 17, 17, 18, 18, 18, 18, 19, 19, 19, 20, 20, 20, 20, 20, 22, 23, 24, 24, 24, 24, 25];
const dist = [2, 10, 4, 22, 16, 10, 18, 26, 34, 17, 28, 14, 20, 24, 28, 26, 34, 34, 46, 26, 36, 60, 80, 20, 26, 54, 32, 40, 32, 40, 50, 42, 56, 76, 84, 36, 46, 68, 32, 48, 52, 56, 64, 66, 54, 70, 92, 93, 120, 85];
/** The cars as goal points: speed s is day s (the first point is day 4). */
const cars: GoalPoint[] = speed.map((s, i) => ({ at: T0 + s * DAY, score: dist[i]! }));
const carsGoal = (deadlineSpeed: number, target = 100): GoalProgress =>
  goalProgress({ series: cars, baseline: 0, target, deadline: T0 + deadlineSpeed * DAY });

function expectNear(actual: number | null | undefined, expected: number, tolerance: number): void {
  expect(actual).toBeTypeOf("number");
  if (!(Math.abs((actual as number) - expected) <= tolerance)) throw new Error(`${actual} is not within ${tolerance} of ${expected}`);
}

describe("known values: R, summary(lm(dist ~ speed, data = cars))", () => {
  // R 4.x, summary(lm(dist ~ speed, data = cars)): (Intercept) -17.5791, speed 3.9324, Residual standard error:
  // 15.38 on 48 degrees of freedom, Multiple R-squared: 0.6511 (the R documentation's own example, ?cars).
  it("slope, intercept, R^2 and residual standard error", () => {
    const g = carsGoal(24);
    expectNear(g.trend!.slopePerDay, 3.9324, 5e-5);
    // the intercept is at the first point (day 4): the line at day 0 is R's intercept
    expectNear(g.trend!.intercept - 4 * g.trend!.slopePerDay, -17.5791, 5e-5);
    expectNear(g.trend!.rSquared, 0.6511, 5e-5);
    expectNear(g.trend!.residualStandardError, 15.38, 5e-3);
    expect(g.trend!.n).toBe(50);
  });

  // Kassambara, "Predict in R: Model Predictions and Confidence Intervals", STHDA
  // (http://www.sthda.com/english/articles/40-regression-analysis/166-predict-in-r-model-predictions-and-confidence-intervals/):
  // predict(model, data.frame(speed = c(12, 19, 24)), interval = "confidence") prints 29.6 [24.4, 34.8],
  // 57.1 [51.8, 62.4], 76.8 [68.4, 85.2]; the text gives 51.83 and 62.44 for a speed of 19.
  it.each([
    [12, 29.6, 24.4, 34.8, 0.05],
    [19, 57.1, 51.83, 62.44, 0.005],
    [24, 76.8, 68.4, 85.2, 0.05],
  ])("at speed %d the trend's 95 percent confidence interval is R's predict(..., interval = 'confidence')", (s, fit, lwr, upr, tol) => {
    const p = carsGoal(s).projection!;
    expectNear(p.value, fit, 0.05);
    expectNear(p.ci!.lower, lwr, tol);
    expectNear(p.ci!.upper, upr, tol);
    expect(p.ci!.level).toBe(0.95);
    expect(p.at).toBe(new Date(T0 + s * DAY).toISOString());
  });

  it("status follows the interval at the deadline: on-track when all of it is through the target, off-track when none, else uncertain", () => {
    expect(carsGoal(24, 86).status).toBe("off-track");
    expect(carsGoal(30, 100).status).toBe("uncertain"); // the line at speed 30 is 100.4
    // 120 ft is in the data but not the latest point (85 ft at speed 25): not achieved
    expect(carsGoal(24, 100).achieved).toBe(false);
    // the latest point is 85: at speed 40 the line (139.7) has its whole interval above a target of 110
    const far = carsGoal(40, 110);
    expect(far.projection!.ci!.lower).toBeGreaterThan(110);
    expect(far.status).toBe("on-track");
  });
});

/** Points on distinct days with scores; some generated scores are replaced by null. */
const days = fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength: 3, maxLength: 30 });
const coefficient = fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true });

describe("properties", () => {
  it("an exact line: R^2 1, residual standard error 0, the projection is the line at the deadline", () => {
    fc.assert(
      fc.property(days, coefficient, fc.double({ min: 0.01, max: 5, noNaN: true }), fc.boolean(), fc.integer({ min: 0, max: 500 }), (xs, a, b0, down, ahead) => {
        const b = down ? -b0 : b0;
        const series = xs.map((x) => ({ at: T0 + x * DAY, score: a + b * x }));
        const xmin = Math.min(...xs);
        const x0 = Math.max(...xs) + ahead;
        const g = goalProgress({ series, baseline: 0, target: 1000, deadline: T0 + x0 * DAY });
        expect(g.trend!.rSquared!).toBeCloseTo(1, 9);
        expect(g.trend!.residualStandardError!).toBeLessThan(1e-6 * (1 + Math.abs(a) + Math.abs(b) * 2500));
        expect(g.trend!.slopePerDay).toBeCloseTo(b, 6);
        expect(g.trend!.intercept).toBeCloseTo(a + b * xmin, 4);
        expect(g.projection!.value).toBeCloseTo(a + b * x0, 4);
        expect(g.projection!.ci!.upper - g.projection!.ci!.lower).toBeLessThan(1e-4);
      }),
      fcOptions,
    );
  });

  it("shifting every score by c shifts the projection and its interval by c, and leaves the slope", () => {
    fc.assert(
      fc.property(days, fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 30, maxLength: 30 }), fc.double({ min: -100, max: 100, noNaN: true }), (xs, ys, c) => {
        const deadline = T0 + (Math.max(...xs) + 90) * DAY;
        const series = xs.map((x, i) => ({ at: T0 + x * DAY, score: ys[i]! }));
        const a = goalProgress({ series, baseline: 0, target: 50, deadline });
        const b = goalProgress({ series: series.map((p) => ({ ...p, score: p.score + c })), baseline: c, target: 50 + c, deadline });
        expect(b.trend!.slopePerDay).toBeCloseTo(a.trend!.slopePerDay, 6);
        expect(b.projection!.value).toBeCloseTo(a.projection!.value + c, 6);
        expect(b.projection!.ci!.lower).toBeCloseTo(a.projection!.ci!.lower + c, 6);
        expect(b.projection!.ci!.upper).toBeCloseTo(a.projection!.ci!.upper + c, 6);
        expect(b.projection!.probability!).toBeCloseTo(a.projection!.probability!, 6);
        expect(b.status).toBe(a.status);
      }),
      fcOptions,
    );
  });

  it("a fall is the mirror of a rise: negating scores, baseline and target gives the same progress, probability and status", () => {
    fc.assert(
      fc.property(days, fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { freq: 5 }), { minLength: 30, maxLength: 30 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 50, noNaN: true }), (xs, ys, baseline, gap) => {
        const deadline = T0 + (Math.max(...xs) + 60) * DAY;
        const series = xs.map((x, i) => ({ at: T0 + x * DAY, score: ys[i] ?? null }));
        const up = goalProgress({ series, baseline, target: baseline + gap, deadline });
        const down = goalProgress({ series: series.map((p) => ({ ...p, score: p.score === null ? null : -p.score })), baseline: -baseline, target: -baseline - gap, deadline });
        expect(up.direction).toBe("increase");
        expect(down.direction).toBe("decrease");
        expect(down.status).toBe(up.status);
        expect(down.achieved).toBe(up.achieved);
        expect(down.missing).toBe(up.missing);
        if (up.progress === null) expect(down.progress).toBeNull();
        else expect(down.progress!).toBeCloseTo(up.progress, 9);
        if (up.projection === null) expect(down.projection).toBeNull();
        else {
          expect(down.projection!.value).toBeCloseTo(-up.projection.value, 6);
          expect(down.projection!.reachesTarget).toBe(up.projection.reachesTarget);
          if (up.projection.ci === null) expect(down.projection!.ci).toBeNull();
          else {
            expect(down.projection!.ci!.lower).toBeCloseTo(-up.projection.ci.upper, 6);
            expect(down.projection!.probability!).toBeCloseTo(up.projection.probability!, 6);
          }
        }
      }),
      fcOptions,
    );
  });

  it("probability is 1 - (1 - level) / 2 when the target sits on the interval's lower end, 1/2 on the projection", () => {
    fc.assert(
      fc.property(days, fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 30, maxLength: 30 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (xs, ys, level) => {
        const deadline = T0 + (Math.max(...xs) + 30) * DAY;
        const series = xs.map((x, i) => ({ at: T0 + x * DAY, score: ys[i]! }));
        const probe = goalProgress({ series, baseline: -1000, target: 1000, deadline, level }).projection!;
        fc.pre(probe.ci!.upper - probe.ci!.lower > 1e-6);
        const atLower = goalProgress({ series, baseline: -1000, target: probe.ci!.lower, deadline, level }).projection!;
        expect(atLower.probability!).toBeCloseTo(1 - (1 - level) / 2, 6);
        const atValue = goalProgress({ series, baseline: -1000, target: probe.value, deadline, level }).projection!;
        expect(atValue.probability!).toBeCloseTo(0.5, 6);
      }),
      fcOptions,
    );
  });
});

describe("edge cases", () => {
  const base = { baseline: 60, target: 70, deadline: "2025-12-31" };

  it("no points: nothing to fit, insufficient data, no throw", () => {
    const g = goalProgress({ ...base, series: [] });
    expect(g).toMatchObject({ points: [], missing: 0, current: null, progress: null, achieved: false, trend: null, projection: null, status: "insufficient-data", deadline: "2025-12-31T00:00:00.000Z" });
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });

  it("one point: current and progress, no trend", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-01-15", score: 62 }] });
    expect(g.current).toEqual({ period: null, at: "2025-01-15T00:00:00.000Z", score: 62 });
    expect(g.progress).toBeCloseTo(0.2, 12);
    expect(g.trend).toBeNull();
    expect(g.status).toBe("insufficient-data");
  });

  it("two points: a line and its value at the deadline, but no interval", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-01-01", score: 60 }, { at: "2025-01-11", score: 61 }], deadline: "2025-04-11" });
    expect(g.trend).toMatchObject({ n: 2, rSquared: 1, residualStandardError: null });
    expect(g.trend!.slopePerDay).toBeCloseTo(0.1, 12);
    expect(g.projection).toMatchObject({ at: "2025-04-11T00:00:00.000Z", ci: null, probability: null, reachesTarget: true });
    expect(g.projection!.value).toBeCloseTo(70, 9); // 100 days at 0.1 a day
    expect(g.status).toBe("insufficient-data");
  });

  it("two points at the same instant: no trend", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-01-01", score: 60 }, { at: "2025-01-01", score: 64 }] });
    expect(g.trend).toBeNull();
    expect(g.current!.score).toBe(64); // the later of the two in input order
  });

  it("every score null: all kept in points, counted as missing, none fitted", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-02-01", score: null }, { at: "2025-01-01", score: Number.NaN }, { at: "2025-03-01", score: undefined as unknown as null }] });
    expect(g.points.map((p) => [p.at.slice(0, 10), p.score])).toEqual([["2025-01-01", null], ["2025-02-01", null], ["2025-03-01", null]]);
    expect(g).toMatchObject({ missing: 3, current: null, progress: null, trend: null, status: "insufficient-data" });
  });

  it("null scores are counted, not fitted and not read as zero", () => {
    const series = [
      { at: "2025-01-01", score: 60 },
      { at: "2025-02-01", score: null },
      { at: "2025-03-01", score: 62 },
      { at: "2025-04-01", score: 63 },
    ];
    const g = goalProgress({ ...base, series });
    const without = goalProgress({ ...base, series: series.filter((p) => p.score !== null) });
    expect(g.missing).toBe(1);
    expect(g.points).toHaveLength(4);
    expect(g.trend).toEqual(without.trend);
    expect(g.projection).toEqual(without.projection);
  });

  it("achieved already: status achieved whatever the trend says; progress 1 or more", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-01-01", score: 80 }, { at: "2025-02-01", score: 75 }, { at: "2025-03-01", score: 71 }] });
    expect(g.achieved).toBe(true);
    expect(g.status).toBe("achieved");
    expect(g.progress).toBeCloseTo(1.1, 12);
    expect(g.projection!.reachesTarget).toBe(false); // falling fast: by December the line is far below 70
    const lower = goalProgress({ baseline: 5, target: 3, deadline: "2025-12-31", series: [{ at: "2025-01-01", score: 4 }, { at: "2025-02-01", score: 3 }] });
    expect(lower).toMatchObject({ direction: "decrease", achieved: true, status: "achieved", progress: 1 });
  });

  it("a deadline before the latest point is read back on the line", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-01-01", score: 60 }, { at: "2025-01-21", score: 62 }, { at: "2025-01-31", score: 63 }], deadline: "2025-01-11" });
    expect(g.projection!.value).toBeCloseTo(61, 9);
  });

  it("points come out in time order, periods and instants as ISO strings", () => {
    const g = goalProgress({ ...base, series: [{ period: "2025-02", at: new Date("2025-02-14T12:00:00Z"), score: 61 }, { period: "2025-01", at: Date.UTC(2025, 0, 16, 12), score: 60 }] });
    expect(g.points).toEqual([
      { period: "2025-01", at: "2025-01-16T12:00:00.000Z", score: 60 },
      { period: "2025-02", at: "2025-02-14T12:00:00.000Z", score: 61 },
    ]);
  });

  it("instants without an offset are read in timeZone", () => {
    const g = goalProgress({ ...base, series: [{ at: "2025-01-01T00:00", score: 60 }], deadline: "2025-12-31T00:00", timeZone: "Europe/Berlin" });
    expect(g.points[0]!.at).toBe("2024-12-31T23:00:00.000Z");
    expect(g.deadline).toBe("2025-12-30T23:00:00.000Z");
  });
});

describe("breakdown series", () => {
  type Answer = { at: string; csat: number | null; channel: string };
  const answers: Answer[] = [];
  // chat: January 3 of 4 satisfied, February 2 of 4, no March answer, April 4 of 4; email only in January
  const month = (m: string, scores: (number | null)[], channel = "chat"): void => {
    for (const s of scores) answers.push({ at: `2025-${m}-10`, csat: s, channel });
  };
  month("01", [5, 4, 4, 1]);
  month("02", [5, 4, 2, 1]);
  month("04", [5, 5, 4, 4]);
  month("01", [5, 5, null], "email");
  const period = { at: (a: Answer) => a.at, unit: "month" as const };
  const csat = csatAggregator<Answer>({ value: (a) => a.csat });

  it("rows sit at their period's midpoint; a complete grid's empty month is a missing point", () => {
    const grid = breakdown(csat, answers, { by: { channel: (a) => a.channel }, period, complete: true });
    const g = goalProgress({ series: grid, key: { channel: "chat" }, baseline: 75, target: 90, deadline: "2025-06-30" });
    expect(g.points).toEqual([
      { period: "2025-01", at: "2025-01-16T12:00:00.000Z", score: 75 },
      { period: "2025-02", at: "2025-02-15T00:00:00.000Z", score: 50 },
      { period: "2025-03", at: "2025-03-16T12:00:00.000Z", score: null },
      { period: "2025-04", at: "2025-04-16T00:00:00.000Z", score: 100 },
    ]);
    expect(g.missing).toBe(1);
    expect(g.current).toEqual({ period: "2025-04", at: "2025-04-16T00:00:00.000Z", score: 100 });
    expect(g.achieved).toBe(true);
    expect(g.progress).toBeCloseTo(25 / 15, 12);
  });

  it("a compared breakdown and a breakdown with one key need no key", () => {
    const one = breakdown(csat, answers.filter((a) => a.channel === "chat"), { period });
    const plain = goalProgress({ series: one, baseline: 75, target: 90, deadline: "2025-06-30" });
    const compared = goalProgress({ series: comparePeriods(one), baseline: 75, target: 90, deadline: "2025-06-30" });
    expect(compared).toEqual(plain);
    expect(plain.points.map((p) => p.period)).toEqual(["2025-01", "2025-02", "2025-04"]);
    expect(plain.trend!.n).toBe(3);
  });

  it("refuses a breakdown with several keys and no key, a key that is not the breakdown's, a key no row has, and no period", () => {
    const grid = breakdown(csat, answers, { by: { channel: (a) => a.channel }, period });
    const goal = { baseline: 75, target: 90, deadline: "2025-06-30" };
    expect(() => goalProgress({ ...goal, series: grid })).toThrow(/option "key" is missing: the breakdown has 2 keys \(channel\)/);
    expect(() => goalProgress({ ...goal, series: grid, key: { team: "a" } })).toThrow(/expected a value for each key of the breakdown \(channel\)/);
    expect(() => goalProgress({ ...goal, series: grid, key: { channel: "phone" } })).toThrow(/which no row of the breakdown has/);
    expect(() => goalProgress({ ...goal, series: breakdown(csat, answers, { by: { channel: (a) => a.channel } }), key: { channel: "chat" } })).toThrow(/breakdown without a period/);
    expect(() => goalProgress({ ...goal, series: [], key: { channel: "chat" } })).toThrow(InvalidOptionError);
    // an empty breakdown with a key is empty input, not an error
    expect(goalProgress({ ...goal, series: breakdown(csat, [], { by: { channel: (a) => a.channel }, period }), key: { channel: "chat" } }).status).toBe("insufficient-data");
  });

  it("refuses a baseline or target off the series' scale (CSAT 0..100); a fraction such as 0.6 is a valid CSAT and cannot be told from a mistake (found in review)", () => {
    const one = breakdown(csat, answers.filter((a) => a.channel === "chat"), { period });
    expect(() => goalProgress({ series: one, baseline: 0.6, target: 0.7, deadline: "2025-06-30" })).not.toThrow(); // 0.6% is a CSAT, if a low one
    expect(() => goalProgress({ series: one, baseline: 60, target: 170, deadline: "2025-06-30" })).toThrow(/option "target" is 170, outside the series' scale: CSAT scores are percentages 0\.\.100/);
    expect(() => goalProgress({ series: one, baseline: -5, target: 70, deadline: "2025-06-30" })).toThrow(/option "baseline" is -5/);
  });
});

describe("validation", () => {
  const series = [{ at: "2025-01-01", score: 60 }];
  const ok = { series, baseline: 60, target: 70, deadline: "2025-12-31" };
  it.each([
    [{ ...ok, target: 60 }, "target", /the same as the baseline/],
    [{ ...ok, target: Number.NaN }, "target", /expected a finite number/],
    [{ ...ok, baseline: Infinity }, "baseline", /expected a finite number/],
    [{ ...ok, deadline: "2025-13-01" }, "deadline", /expected a Date, epoch milliseconds or an ISO 8601 string/],
    [{ ...ok, deadline: null }, "deadline", /expected a Date/],
    [{ ...ok, deadline: "2024-12-31" }, "deadline", /before the first point \(2025-01-01T00:00:00.000Z\)/],
    [{ ...ok, level: 0 }, "level", /strictly between 0 and 1/],
    [{ ...ok, level: 1 }, "level", /strictly between 0 and 1/],
    [{ ...ok, level: 1.5 }, "level", /strictly between 0 and 1/],
    [{ ...ok, timeZone: "Mars/Olympus" }, "timeZone", /IANA time zone/],
    [{ ...ok, series: { rows: "x" } }, "series", /neither a breakdown result/],
  ])("refuses %j (option %s)", (input, option, message) => {
    let caught: unknown;
    try {
      goalProgress(input as Parameters<typeof goalProgress>[0]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidOptionError);
    expect((caught as InvalidOptionError).option).toBe(option);
    expect((caught as Error).message).toMatch(message);
    expect((caught as CxError).message).toMatch(/^goalProgress: option/);
  });

  it("refuses a point whose instant cannot be read or whose score is not a number, naming it", () => {
    expect(() => goalProgress({ ...ok, series: [...series, { at: "03/04/2025", score: 61 }] })).toThrow(InvalidRecordError);
    expect(() => goalProgress({ ...ok, series: [...series, { at: "03/04/2025", score: 61 }] })).toThrow('goalProgress: record 1 field "at" is "03/04/2025"');
    expect(() => goalProgress({ ...ok, series: [{ at: "2025-02-01", score: "61" as unknown as number }] })).toThrow('record 0 field "score" is "61", expected a finite number');
    expect(() => goalProgress({ ...ok, series: [{ at: "2025-02-01", score: Infinity }] })).toThrow(InvalidRecordError);
  });
});
