/**
 * The ticket duration aggregators on a real businessCalendar (its chunk cache, shared instances, DST days), under
 * the aggregator laws; the other ticket law suites use a toy clock. Added after review of issue 4 (finding 9).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAggregatorLaws } from "./lawSuite.ts";
import { businessCalendar } from "../../src/time/businessCalendar.ts";
import { timeToResolution, timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { slaAttainmentAggregator } from "../../src/tickets/slaAttainment.ts";

const H = 3_600_000;
const D = 24 * H;
/** Sunday 2024-03-31 00:00 in Berlin (CET, +01:00): the clocks go from 02:00 to 03:00 that night. */
const DST_SUNDAY = Date.UTC(2024, 2, 30, 23);
const spec = {
  timeZone: "Europe/Berlin",
  hours: { mon: [["09:00", "12:00"], ["13:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["22:00", "06:00"]], sun: [["01:00", "17:00"]] },
  holidays: ["2024-04-01", { date: "2024-10-28", hours: [["09:00", "12:00"]] }],
} as const;
const calendar = businessCalendar(spec as never);
const otherCalendar = businessCalendar({ ...spec, holidays: [] } as never);
const AS_OF = DST_SUNDAY + 240 * D;

type Row = { createdAt: unknown; resolvedAt?: unknown; status?: string; priority?: string };
/** Tickets created within a week of the spring change or the autumn change, open or solved within 10 days; a few invalid. */
const row: fc.Arbitrary<Row> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        base: fc.constantFrom(DST_SUNDAY, Date.UTC(2024, 9, 26, 22)),
        created: fc.integer({ min: -3 * D, max: 4 * D }),
        duration: fc.option(fc.integer({ min: 0, max: 10 * D }), { nil: null }),
        priority: fc.constantFrom("urgent", "low"),
      })
      .map((r): Row => ({ createdAt: r.base + r.created, resolvedAt: r.duration === null ? null : r.base + r.created + r.duration, priority: r.priority })),
  },
  { weight: 1, arbitrary: fc.constantFrom<Row>({ createdAt: DST_SUNDAY, resolvedAt: DST_SUNDAY - 1 }, { createdAt: null }, { createdAt: "not a date" }) },
);

checkAggregatorLaws("timeToResolution (business time on a real Berlin calendar across DST, asOf, exact limit 8, invalid counted)", {
  make: () => timeToResolutionAggregator<Row>({ calendar, asOf: AS_OF, exactLimit: 8, unit: "hours", onInvalid: "count" }),
  input: row,
  other: () => timeToResolutionAggregator<Row>({ calendar: otherCalendar, asOf: AS_OF, exactLimit: 8, onInvalid: "count" }),
  tolerance: 1e-9,
  numRuns: 60,
});

checkAggregatorLaws("slaAttainment (resolution, business time on a real Berlin calendar, per priority, invalid counted)", {
  make: () => slaAttainmentAggregator<Row>({ metric: "resolution", target: { urgent: 4 * H, low: 16 * H }, calendar, asOf: AS_OF, onInvalid: "count" }),
  input: row,
  other: () => slaAttainmentAggregator<Row>({ metric: "resolution", target: { urgent: 4 * H, low: 16 * H }, calendar: otherCalendar, asOf: AS_OF, onInvalid: "count" }),
  numRuns: 60,
});

describe("business time on the DST day itself (worked by hand)", () => {
  it("Sunday 2024-03-31 open 01:00-17:00 Berlin: 23 calendar hours that day hold 15 business hours", () => {
    // 01:00-02:00 CET is 1 h, 03:00-17:00 CEST is 14 h (02:00-03:00 does not exist): 15 h, not 16.
    const t = [{ createdAt: DST_SUNDAY, resolvedAt: DST_SUNDAY + 23 * H }];
    expect(timeToResolution(t, { calendar, unit: "hours" }).median).toBe(15);
    expect(timeToResolution(t, { unit: "hours" }).median).toBe(23);
  });
});
