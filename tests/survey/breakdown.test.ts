import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakdown, breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { comparePeriods } from "../../src/survey/comparePeriods.ts";
import { npsAggregator } from "../../src/survey/nps.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { cesAggregator } from "../../src/survey/ces.ts";
import { generateSurveyColumns, SAMPLE_CHANNELS } from "../../src/sample/generateSurveyColumns.ts";
import { generateSurveySample } from "../../src/sample/generateSurveySample.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

type Row = { channel: string | null; score: number | null; at: unknown };
const npsOf = npsAggregator<Row>({ value: (r) => r.score });

describe("breakdown by key and period", () => {
  it("the machine zone is not UTC in this run (TZ is set by the test script)", () => {
    expect(new Date(2024, 0, 1).getTimezoneOffset()).not.toBe(0);
  });

  it("groups by channel and ISO week in Europe/Berlin, across the spring DST switch", () => {
    const rows: Row[] = [
      // Sunday 2024-03-31 23:30 Berlin (CEST, UTC+2) is 21:30Z: still week 13.
      { channel: "chat", score: 10, at: "2024-03-31T21:30:00Z" },
      // Monday 2024-04-01 00:30 Berlin is 2024-03-31T22:30Z: week 14 although the UTC date is Sunday.
      { channel: "chat", score: 0, at: "2024-03-31T22:30:00Z" },
      // A wall time without offset is read in Europe/Berlin, not in the machine zone.
      { channel: "email", score: 9, at: "2024-04-01T00:30" },
    ];
    const r = breakdown(npsOf, rows, { by: { channel: (x) => x.channel }, period: { at: (x) => x.at, unit: "isoWeek", timeZone: "Europe/Berlin" } });
    expect(r.rows.map((x) => [x.key.channel, x.period, x.result.score])).toEqual([
      ["chat", "2024-W13", 100],
      ["chat", "2024-W14", -100],
      ["email", "2024-W14", 100],
    ]);
    // Week 14 starts Monday 2024-04-01 00:00 CEST = 2024-03-31T22:00Z; week 13 started 2024-03-25 00:00 CET = 2024-03-24T23:00Z.
    expect(r.rows[0]!.periodStart).toBe("2024-03-24T23:00:00.000Z");
    expect(r.rows[1]!.periodStart).toBe("2024-03-31T22:00:00.000Z");
    expect(r.total.n).toBe(3);
  });

  it("America/New_York days around the fall-back switch (25-hour day) and ISO week 53", () => {
    const rows: Row[] = [
      { channel: "a", score: 9, at: "2024-11-03T04:30:00Z" }, // 00:30 EDT, Nov 3
      { channel: "a", score: 9, at: "2024-11-04T04:30:00Z" }, // 23:30 EST, still Nov 3 (25-hour day)
      { channel: "a", score: 9, at: "2024-11-04T05:30:00Z" }, // 00:30 EST, Nov 4
    ];
    const days = breakdown(npsOf, rows, { by: { channel: (x) => x.channel }, period: { at: (x) => x.at, unit: "day", timeZone: "America/New_York" } });
    expect(days.rows.map((x) => [x.period, x.result.n])).toEqual([["2024-11-03", 2], ["2024-11-04", 1]]);
    expect(Date.parse(days.rows[0]!.periodEnd!) - Date.parse(days.rows[0]!.periodStart!)).toBe(25 * 3_600_000);
    const w53 = breakdown(npsOf, [{ channel: "a", score: 10, at: "2021-01-03T12:00" }, { channel: "a", score: 10, at: "2020-12-28T00:00" }], {
      period: { at: (x) => x.at, unit: "isoWeek", timeZone: "Europe/Berlin" },
    });
    expect(w53.rows.map((x) => [x.period, x.result.n])).toEqual([["2020-W53", 2]]);
    const yearEnd = breakdown(npsOf, [{ channel: "a", score: 10, at: "2024-12-30T08:00" }], { period: { at: (x) => x.at, unit: "isoWeek", timeZone: "Europe/Berlin" } });
    expect(yearEnd.rows[0]!.period).toBe("2025-W01");
  });

  it("months, quarters and Sunday weeks; a group with only missing answers gives a null score", () => {
    const rows: Row[] = [
      { channel: "x", score: null, at: "2024-12-31T23:30:00+01:00" },
      { channel: "x", score: 3, at: "2025-01-01T00:30:00+01:00" },
    ];
    const months = breakdown(npsOf, rows, { by: { channel: (x) => x.channel }, period: { at: (x) => x.at, unit: "month", timeZone: "Europe/Berlin" } });
    expect(months.rows.map((x) => [x.period, x.result.score, x.result.missing])).toEqual([["2024-12", null, 1], ["2025-01", -100, 0]]);
    const q = breakdown(npsOf, rows, { period: { at: (x) => x.at, unit: "quarter", timeZone: "UTC" } });
    expect(q.rows.map((x) => x.period)).toEqual(["2024-Q4"]);
    const sundayWeeks = breakdown(npsOf, [{ channel: "x", score: 9, at: "2024-03-31T12:00" }], { period: { at: (x) => x.at, unit: "week", weekStartsOn: 0, timeZone: "UTC" } });
    expect(sundayWeeks.rows[0]!.period).toBe("2024-03-31");
  });

  it("complete: every key x every period from first to last, with null scores in empty cells", () => {
    const rows: Row[] = [
      { channel: "a", score: 10, at: "2024-01-15" },
      { channel: "b", score: 0, at: "2024-03-15" },
    ];
    const r = breakdown(npsOf, rows, { by: { channel: (x) => x.channel }, period: { at: (x) => x.at, unit: "month" }, complete: true });
    expect(r.rows.map((x) => [x.key.channel, x.period, x.result.score])).toEqual([
      ["a", "2024-01", 100],
      ["a", "2024-02", null],
      ["a", "2024-03", null],
      ["b", "2024-01", null],
      ["b", "2024-02", null],
      ["b", "2024-03", -100],
    ]);
  });

  it("keys named __proto__ and constructor stay plain data", () => {
    const r = breakdown(npsOf, [{ channel: "__proto__", score: 9, at: 0 }, { channel: "constructor", score: 0, at: 0 }], { by: { channel: (x) => x.channel } });
    expect(r.rows.map((x) => x.key.channel)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const byProto = breakdown(npsOf, [{ channel: "c", score: 9, at: 0 }], { by: { ["__proto__"]: (x) => x.channel } });
    expect(Object.keys(byProto.rows[0]!.key)).toEqual(["__proto__"]);
  });

  it("an unreadable time or key is an InvalidRecordError, or counted with onInvalid 'count'", () => {
    const rows: Row[] = [
      { channel: "a", score: 9, at: "yesterday" },
      { channel: "a", score: 9, at: null },
      { channel: "a", score: 9, at: "2024-01-01" },
    ];
    const period = { at: (x: Row) => x.at, unit: "day" as const };
    expect(() => breakdown(npsOf, rows, { period })).toThrow(InvalidRecordError);
    expect(() => breakdown(npsOf, rows, { period })).toThrow('breakdown: record 0 field "at" is "yesterday"');
    const r = breakdown(npsOf, rows, { period, onInvalid: "count" });
    expect(r.invalid!.count).toBe(2);
    expect(r.total.n).toBe(1);
    expect(() => breakdown(npsOf, rows, { period: { at: (x) => x.at, unit: "day", timeZone: "Mars/Olympus" } })).toThrow(InvalidOptionError);
  });

  it("comparePeriods marks significant changes: z for NPS, two-proportion for CSAT, Welch for CES", () => {
    const sample = generateSurveySample({ count: 20_000 });
    const by = { channel: (r: (typeof sample)[number]) => r.channel };
    const period = { at: (r: (typeof sample)[number]) => r.at, unit: "quarter" as const, timeZone: "Europe/Berlin" };
    const n = comparePeriods(breakdown(npsAggregator({ value: (r: (typeof sample)[number]) => r.nps }), sample, { by, period }));
    const chat = n.rows.filter((r) => r.key.channel === "chat");
    expect(chat[0]!.change).toBeNull();
    expect(chat[1]!.change!.previousPeriod).toBe("2025-Q1");
    expect(chat[1]!.change!.difference).toBeCloseTo(chat[1]!.result.score! - chat[0]!.result.score!, 12);
    // The generator makes chat improve by about 0.4 latent points a quarter: every quarter-on-quarter change is significant upward.
    expect(chat.slice(1).every((r) => r.change!.significant && r.change!.difference > 0)).toBe(true);
    const c = comparePeriods(breakdown(csatAggregator({ value: (r: (typeof sample)[number]) => r.csat }), sample, { by, period }));
    expect(c.rows.find((r) => r.change)!.change!.test).toBe("two-proportion-z");
    const e = comparePeriods(breakdown(cesAggregator({ value: (r: (typeof sample)[number]) => r.ces }), sample, { by, period }));
    expect(e.rows.find((r) => r.change)!.change!.test).toBe("welch-t");
  });
});

describe("breakdown: columnar path", () => {
  it("addColumns gives exactly the record path's result on the seeded sample", () => {
    const cols = generateSurveyColumns({ count: 5000, seed: 9 });
    const records = Array.from({ length: cols.length }, (_, i) => ({ channel: SAMPLE_CHANNELS[cols.channel[i]!]!, score: Number.isNaN(cols.nps[i]!) ? null : cols.nps[i]!, at: cols.at[i]! }));
    const options = { by: { channel: (r: Row) => r.channel }, period: { at: (r: Row) => r.at, unit: "isoWeek" as const, timeZone: "Europe/Berlin" } };
    const expected = breakdown(npsOf, records, options);
    const agg = breakdownAggregator(npsAggregator<Row>(), options);
    const state = agg.addColumns(agg.empty(), { values: cols.nps, keys: { channel: { codes: cols.channel, labels: SAMPLE_CHANNELS } }, at: cols.at });
    expect(agg.result(state)).toEqual(expected);
  });

  it("property: columns in random order and random chunks merge to the one-pass result", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ code: fc.integer({ min: 0, max: 2 }), v: fc.integer({ min: 0, max: 10 }), t: fc.integer({ min: 1.7e12, max: 1.74e12 }) }), { maxLength: 200 }),
        fc.nat({ max: 200 }),
        (rows, cut) => {
          const labels = ["a", "b", null];
          const agg = breakdownAggregator(npsAggregator<number>(), { by: { k: () => null }, period: { at: () => 0, unit: "isoWeek", timeZone: "America/New_York" } });
          const table = (xs: typeof rows) => ({ values: xs.map((r) => r.v), keys: { k: { codes: xs.map((r) => r.code), labels } }, at: xs.map((r) => r.t) });
          const one = agg.addColumns(agg.empty(), table(rows));
          const a = agg.addColumns(agg.empty(), table(rows.slice(0, cut)), 0);
          const b = agg.addColumns(agg.empty(), table(rows.slice(cut)), Math.min(cut, rows.length));
          expect(agg.result(agg.merge(b, a))).toEqual(agg.result(one));
        },
      ),
      { seed: 99, numRuns: 100 },
    );
  });
});
