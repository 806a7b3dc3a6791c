/**
 * Instants outside years 1000-9999 are invalid, never coerced (found in review: epoch ms beyond the Date range
 * were accepted and made result() throw a RangeError; "0024-06-01" was read as 1924 by Date.UTC).
 */
import { describe, expect, it } from "vitest";
import { parseInstant } from "../../src/time/parseInstant.ts";
import { breakdown, breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { npsAggregator } from "../../src/survey/nps.ts";

describe("the instant range", () => {
  it("parseInstant reads years 1000 to 9999 and nothing outside", () => {
    expect(parseInstant(Date.UTC(1000, 0, 1))).toBe(Date.UTC(1000, 0, 1));
    expect(parseInstant("9999-12-31T23:59:59.999Z")).toBe(Date.UTC(10000, 0, 1) - 1);
    expect(parseInstant("1000-01-01")).toBe(Date.UTC(1000, 0, 1));
    for (const v of [1e16, -1e16, 8.64e15, Date.UTC(1000, 0, 1) - 1, new Date(Date.UTC(10000, 0, 1)), "0024-06-01T00:00Z", "0999-12-31", "0000-02-29", "1000-01-01T00:30+01:00"]) {
      expect(parseInstant(v), String(v)).toBeNull();
    }
    // a wall time without an offset is checked after it is read in its zone, like one with an offset
    expect(parseInstant("1000-01-01T00:00", "Asia/Tokyo")).toBeNull();
    expect(parseInstant("9999-12-31T23:00", "America/New_York")).toBeNull();
    expect(parseInstant("1000-01-01T12:00", "Asia/Tokyo")).not.toBeNull();
  });

  it("a breakdown counts such a record as invalid and its result never throws", () => {
    const agg = npsAggregator<{ s: number; at: unknown }>({ value: (r) => r.s });
    const rows = [{ s: 10, at: 1e16 }, { s: 9, at: 8.64e15 }, { s: 0, at: "0024-06-01T00:00Z" }, { s: 7, at: "2025-01-01" }];
    for (const unit of ["day", "year"] as const) {
      const r = breakdown(agg, rows, { period: { at: (x) => x.at, unit }, onInvalid: "count" });
      expect(r.invalid?.count).toBe(3);
      expect(r.rows.map((x) => x.period)).toEqual([unit === "day" ? "2025-01-01" : "2025"]);
      expect(() => breakdown(agg, rows, { period: { at: (x) => x.at, unit } })).toThrow(/record 0 field "at" is 10000000000000000, expected a Date, epoch milliseconds or an ISO 8601 string, in years 1000 to 9999/);
    }
    const columns = breakdownAggregator(npsAggregator(), { period: { at: () => 0, unit: "day" }, onInvalid: "count" });
    const state = columns.addColumns(columns.empty(), { values: [10, 9], at: [1e16, Date.UTC(2025, 0, 1)] });
    const result = columns.result(state);
    expect(result.invalid).toMatchObject({ count: 1, examples: [{ index: 0, field: "at", reason: "expected epoch milliseconds in years 1000 to 9999" }] });
    expect(result.rows).toHaveLength(1);
  });
});

describe("parseInstant: repeated wall times (found in review)", () => {
  it("reads a wall time that occurs twice as its first occurrence in every zone (Temporal's compatible rule)", () => {
    // Berlin falls back at 03:00 CEST on 2024-10-27: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(parseInstant("2024-10-27T02:30", "Europe/Berlin")).toBe(Date.UTC(2024, 9, 27, 0, 30));
    // New York falls back at 02:00 EDT on 2024-11-03: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(parseInstant("2024-11-03T01:30", "America/New_York")).toBe(Date.UTC(2024, 10, 3, 5, 30));
    // Lord Howe falls back 30 minutes at 02:00 on 2024-04-07: 01:45 happens at +11:00 first, then at +10:30.
    expect(parseInstant("2024-04-07T01:45", "Australia/Lord_Howe")).toBe(Date.UTC(2024, 3, 6, 14, 45));
  });

  it("moves a wall time in a spring-forward gap forward by the gap, and gives null for an unknown zone", () => {
    expect(parseInstant("2024-03-31T02:30", "Europe/Berlin")).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(parseInstant("2024-03-10T02:30", "America/New_York")).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(parseInstant("2024-03-10T02:30", "Mars/Olympus_Mons")).toBeNull();
  });
});
