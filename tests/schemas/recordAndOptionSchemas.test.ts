/**
 * Record and option schemas of cx-metrics/schemas: the seeded sample parses, instants are read as parseInstant reads
 * them, and each option schema accepts exactly the option objects its aggregator accepts (seeded fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { InvalidOptionError } from "../../src/errors.ts";
import { generateSurveySample } from "../../src/sample/generateSurveySample.ts";
import { cesAggregator } from "../../src/survey/ces.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { npsAggregator } from "../../src/survey/nps.ts";
import { parseInstant } from "../../src/time/parseInstant.ts";
import {
  breakdownOptionsSchema,
  cesOptionsSchema,
  csatOptionsSchema,
  npsOptionsSchema,
  periodSpecSchema,
  surveyAnswerSchema,
  surveyRecordSchema,
} from "../../src/schemas/index.ts";

const SEED = 424242;

describe("surveyAnswerSchema", () => {
  it("accepts every answer of the seeded sample and returns it unchanged", () => {
    const sample = generateSurveySample({ seed: 7, count: 3000 });
    for (const answer of sample) expect(surveyAnswerSchema().parse(answer)).toEqual(answer);
  });

  it.each([
    ["nps 11", { nps: 11 }],
    ["csat 0", { csat: 0 }],
    ["ces 7.5", { ces: 7.5 }],
    ["nps NaN (skipped is null)", { nps: Number.NaN }],
    ["an instant without Z", { at: "2025-01-01T10:00:00" }],
    ["month 13", { at: "2025-13-01T00:00:00.000Z" }],
    ["id 0", { id: 0 }],
    ["no channel", { channel: undefined }],
  ])("refuses %s", (_, change) => {
    const answer = { ...generateSurveySample({ seed: 1, count: 1 })[0]!, ...change };
    expect(surveyAnswerSchema().safeParse(answer).success).toBe(false);
  });
});

describe("surveyRecordSchema", () => {
  const base = { score: 9, answeredAt: "2024-01-05T10:00:00Z" };

  it("accepts a Date, epoch ms and ISO strings with or without an offset, keeps other columns", () => {
    for (const answeredAt of [new Date(Date.UTC(2024, 0, 5)), 1_704_412_800_000, 0, -1.5, "2024-03-31T02:30", "2024-01-05", "2024-01-05T10:00+0530", "2024-12-31T24:00"]) {
      expect(surveyRecordSchema().safeParse({ ...base, answeredAt }).success, String(answeredAt)).toBe(true);
    }
    const parsed = surveyRecordSchema().parse({ ...base, channel: "chat", agent: null, weight: 2, comment: "fast", id: 17 });
    expect(parsed).toEqual({ ...base, channel: "chat", agent: null, weight: 2, comment: "fast", id: 17 });
    expect(surveyRecordSchema().parse({ ...base, score: null }).score).toBeNull();
  });

  it("refuses what parseInstant cannot read, non-finite scores, negative weights and non-string segments", () => {
    for (const answeredAt of [new Date(Number.NaN), Number.NaN, Number.POSITIVE_INFINITY, "03/04/2024", "2024-02-30", "", null, undefined, {}]) {
      expect(surveyRecordSchema().safeParse({ ...base, answeredAt }).success, String(answeredAt)).toBe(false);
    }
    for (const change of [{ score: Number.NaN }, { score: "9" }, { score: undefined }, { weight: -1 }, { channel: 3 }, { region: {} }]) {
      expect(surveyRecordSchema().safeParse({ ...base, ...change }).success, JSON.stringify(change)).toBe(false);
    }
  });

  it("reads a string instant exactly when parseInstant does", () => {
    const isoLike = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom("", "Z", "+02:00", "-0930", "+24", " x"))
      .map(([y, mo, d, h, mi, off]) => `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}${off}`);
    fc.assert(
      fc.property(fc.oneof(isoLike, fc.string()), (s) => {
        expect(surveyRecordSchema().safeParse({ ...base, answeredAt: s }).success).toBe(parseInstant(s) !== null);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/** Whether the aggregator factory accepts these options; any refusal must be an InvalidOptionError. */
function accepts(make: () => unknown): boolean {
  try {
    make();
    return true;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidOptionError);
    return false;
  }
}

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 3 });
const withoutUndefined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const smallInt = fc.integer({ min: -2, max: 12 });
const level = fc.oneof(fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.constantFrom(0, 1, 0.95));
const onInvalid = fc.constantFrom<unknown>("throw", "count", "skip");
const range = fc.record({ min: smallInt, max: smallInt });

describe("option schemas accept exactly what the aggregators accept", () => {
  const cases = [
    {
      name: "nps",
      schema: npsOptionsSchema,
      make: (o: any) => npsAggregator(o),
      options: fc.record({ bands: maybe(fc.record({ detractorMax: smallInt, promoterMin: smallInt })), level: maybe(level), interval: maybe(fc.constantFrom<unknown>("wald", "adjusted-wald", "exact")), onInvalid: maybe(onInvalid) }),
    },
    {
      name: "csat",
      schema: csatOptionsSchema,
      make: (o: any) => csatAggregator(o),
      options: fc.record({ scale: maybe(fc.oneof(fc.constant<unknown>("binary"), range)), satisfiedMin: maybe(smallInt), level: maybe(level), onInvalid: maybe(onInvalid) }),
    },
    {
      name: "ces",
      schema: cesOptionsSchema,
      make: (o: any) => cesAggregator(o),
      options: fc.record({
        scale: maybe(range),
        direction: maybe(fc.constantFrom<unknown>("higher-is-easier", "lower-is-easier", "up")),
        easy: maybe(range),
        difficult: maybe(range),
        level: maybe(level),
        onInvalid: maybe(onInvalid),
      }),
    },
    {
      name: "breakdown",
      schema: breakdownOptionsSchema,
      make: (o: any) => breakdownAggregator(npsAggregator(), o.period ? { ...o, period: { ...o.period, at: () => 0 } } : o),
      options: fc.record({
        period: maybe(
          fc.record({
            unit: fc.constantFrom<unknown>("day", "isoWeek", "week", "month", "quarter", "year", "decade"),
            timeZone: maybe(fc.constantFrom<unknown>("UTC", "Europe/Berlin", "Asia/Kathmandu", "Mars/Olympus", "")),
            weekStartsOn: maybe(fc.constantFrom<unknown>(0, 1, 6, 7, -1, 2.5)),
          }).map(withoutUndefined),
        ),
        complete: maybe(fc.boolean()),
        onInvalid: maybe(onInvalid),
      }),
    },
  ];

  it.each(cases)("$name", ({ schema, make, options }) => {
    let accepted = 0;
    fc.assert(
      fc.property(options.map(withoutUndefined), (o) => {
        const ok = schema().safeParse(o).success;
        expect(ok).toBe(accepts(() => make(o)));
        if (ok) accepted += 1;
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(accepted).toBeGreaterThanOrEqual(5); // both sides of the boundary are exercised
  });

  it("reports a cross-field rule at the option's path, with the core's message", () => {
    const r = cesOptionsSchema().safeParse({ easy: { min: 3, max: 7 } });
    expect(r.error?.issues[0]?.path).toEqual(["easy"]);
    expect(r.error?.issues[0]?.message).toMatch(/overlaps difficult/);
    const p = breakdownOptionsSchema().safeParse({ period: { unit: "day", timeZone: "Mars/Olympus" } });
    expect(p.error?.issues[0]?.path).toEqual(["period", "timeZone"]);
  });

  it("refuses unknown keys (typos in a config file) and accessor functions", () => {
    expect(npsOptionsSchema().safeParse({ band: { detractorMax: 6, promoterMin: 9 } }).success).toBe(false);
    expect(csatOptionsSchema().safeParse({ value: (r: { s: number }) => r.s }).success).toBe(false);
  });

  it("periodSpecSchema takes the complete spec that states and results carry", () => {
    expect(periodSpecSchema().safeParse({ unit: "week", timeZone: "America/New_York", weekStartsOn: 0 }).success).toBe(true);
    expect(periodSpecSchema().safeParse({ unit: "week", timeZone: "America/New_York" }).success).toBe(false);
    expect(periodSpecSchema().safeParse({ unit: "week", timeZone: "Nowhere/Land", weekStartsOn: 0 }).success).toBe(false);
  });
});
