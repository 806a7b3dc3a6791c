/**
 * PeriodIndexer.slotOf (last period, then a table by UTC hour, then binary search + periodOf) must give the period
 * that periodOf computes for every instant, also where period boundaries do not fall on a UTC hour: Asia/Kathmandu
 * (+05:45), Australia/Lord_Howe (+10:30, with a 30-minute DST change), Asia/Kolkata (+05:30), Pacific/Chatham
 * (+12:45/+13:45), the DST zones Europe/Berlin and America/New_York, and zones whose clocks jump at midnight
 * (America/Santiago, America/Havana, Asia/Beirut, Africa/Cairo: the day then starts at 01:00).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PeriodIndexer, periodOf, type PeriodSpec, type PeriodUnit } from "../../src/time/periodIndexer.ts";

const MIDNIGHT_DST = ["America/Santiago", "America/Havana", "Asia/Beirut", "Africa/Cairo"];
const ZONES = ["Asia/Kathmandu", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "Europe/Berlin", "America/New_York", "UTC", ...MIDNIGHT_DST];
const UNITS: PeriodUnit[] = ["day", "isoWeek", "week", "month", "quarter", "year"];
const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2027, 0, 1);

/** Instants: uniform over 4 years, plus instants within two hours of a local midnight (where boundaries are). */
const instant = fc.oneof(
  fc.integer({ min: START, max: END }),
  fc.tuple(fc.integer({ min: 0, max: 4 * 366 }), fc.integer({ min: -2 * 3_600_000, max: 2 * 3_600_000 })).map(([d, off]) => START + d * 86_400_000 + off),
);

describe("PeriodIndexer.slotOf agrees with periodOf", () => {
  it("for random instants in zones with 30- and 45-minute offsets and DST, in any order, across repeated lookups", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...UNITS),
        fc.integer({ min: 0, max: 6 }),
        fc.array(instant, { minLength: 1, maxLength: 200 }),
        (timeZone, unit, weekStartsOn, instants) => {
          const spec: PeriodSpec = { unit, timeZone, weekStartsOn: weekStartsOn as PeriodSpec["weekStartsOn"] };
          const indexer = new PeriodIndexer(spec);
          // twice: the second pass is answered from the last period and the hour table
          for (const ms of [...instants, ...instants.slice().reverse()]) {
            const p = indexer.periods[indexer.slotOf(ms)]!;
            expect(p, `${new Date(ms).toISOString()} in ${timeZone}`).toEqual(periodOf(ms, spec));
            expect(ms >= p.start && ms < p.end).toBe(true);
          }
          // one slot per distinct period
          expect(new Set(indexer.periods.map((x) => x.label)).size).toBe(indexer.periods.length);
        },
      ),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it("every minute around Lord Howe's 30-minute DST changes and Kathmandu's midnight", () => {
    const cases: [string, number][] = [
      ["Australia/Lord_Howe", Date.UTC(2025, 3, 5, 14, 0)], // 2025-04-06 02:00 local (+11 -> +10:30)
      ["Australia/Lord_Howe", Date.UTC(2025, 9, 4, 15, 30)], // 2025-10-05 02:00 local (+10:30 -> +11)
      ["Asia/Kathmandu", Date.UTC(2025, 5, 30, 18, 15)], // 2025-07-01 00:00 local (+05:45)
    ];
    for (const [timeZone, around] of cases) {
      for (const unit of ["day", "month"] as const) {
        const spec: PeriodSpec = { unit, timeZone, weekStartsOn: 1 };
        const indexer = new PeriodIndexer(spec);
        for (let ms = around - 36 * 3_600_000; ms <= around + 36 * 3_600_000; ms += 60_000) {
          expect(indexer.periods[indexer.slotOf(ms)]).toEqual(periodOf(ms, spec));
        }
      }
    }
  });

  it("instants far apart (beyond the hour table's 30 years) still get their period", () => {
    const spec: PeriodSpec = { unit: "day", timeZone: "Asia/Kathmandu", weekStartsOn: 1 };
    const indexer = new PeriodIndexer(spec);
    for (const ms of [Date.UTC(1900, 0, 1, 5), Date.UTC(2100, 6, 1, 20), Date.UTC(2025, 0, 1), Date.UTC(1900, 0, 1, 6), Date.UTC(2100, 6, 1, 21)]) {
      expect(indexer.periods[indexer.slotOf(ms)]).toEqual(periodOf(ms, spec));
    }
  });
});

describe("periods tile time", () => {
  it("each period ends exactly where the next begins, also where the clocks jump at midnight (found in review)", () => {
    for (const timeZone of [...MIDNIGHT_DST, "Europe/Berlin", "Asia/Kathmandu"]) {
      for (const unit of UNITS) {
        const spec: PeriodSpec = { unit, timeZone, weekStartsOn: 0 };
        let p = periodOf(Date.UTC(2015, 0, 1), spec);
        while (p.start < Date.UTC(2026, 0, 1)) {
          const next = periodOf(p.end, spec);
          expect(next.start, `${timeZone} ${unit} after ${p.label}`).toBe(p.end);
          expect(next.label).not.toBe(p.label);
          p = next;
        }
      }
    }
  });

  it("America/Santiago, weeks from Sunday: the week of the 2020-09-06 midnight jump ends at the next Sunday 00:00", () => {
    const spec: PeriodSpec = { unit: "week", timeZone: "America/Santiago", weekStartsOn: 0 };
    // 2020-09-06 00:00 -04 does not exist: the day starts at 01:00 -03 (04:00Z); the next Sunday 00:00 -03 is 03:00Z
    expect(periodOf(Date.UTC(2020, 8, 8, 15), spec)).toEqual({ label: "2020-09-06", start: Date.UTC(2020, 8, 6, 4), end: Date.UTC(2020, 8, 13, 3) });
    expect(periodOf(Date.UTC(2020, 8, 13, 3, 30), spec).label).toBe("2020-09-13");
  });
});
