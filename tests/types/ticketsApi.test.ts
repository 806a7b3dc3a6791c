/** Type tests of the ticket metrics' public API (tsc checks them; one runtime assertion keeps vitest happy). */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  breakdown,
  businessCalendar,
  firstResponseTime,
  slaAttainment,
  timeToResolution,
  timeToResolutionAggregator,
  type AggregatorStateOf,
  type BreakdownResult,
  type CensoredSummary,
  type FirstResponseTimeResult,
  type SlaAttainmentResult,
  type TimeToResolutionResult,
  type TimeToResolutionState,
} from "../../src/index.ts";

interface MyTicket {
  opened: string;
  closed: string | null;
  team: string;
}

describe("ticket types", () => {
  it("results are plain, nullable where empty input has no figure", () => {
    const tickets: MyTicket[] = [{ opened: "2024-01-02T09:00Z", closed: null, team: "a" }];
    const r = timeToResolution(tickets, { createdAt: (t) => t.opened, resolvedAt: (t) => t.closed, calendar: businessCalendar({ timeZone: "UTC", hours: { mon: [["09:00", "17:00"]] } }) });
    expectTypeOf(r).toEqualTypeOf<TimeToResolutionResult>();
    expectTypeOf(r.median).toEqualTypeOf<number | null>();
    expectTypeOf(r.censored).toEqualTypeOf<CensoredSummary | null>();
    expectTypeOf(r.resolution).toEqualTypeOf<"first" | "full">();
    expectTypeOf(r.metric).toEqualTypeOf<"time-to-resolution">();
    expectTypeOf(firstResponseTime(tickets)).toEqualTypeOf<FirstResponseTimeResult>();
    expectTypeOf(slaAttainment(tickets, { metric: "firstResponse", target: 3_600_000 }).rate).toEqualTypeOf<number | null>();
    expectTypeOf<AggregatorStateOf<ReturnType<typeof timeToResolutionAggregator<MyTicket>>>>().toEqualTypeOf<TimeToResolutionState>();
    const b = breakdown(timeToResolutionAggregator<MyTicket>(), tickets, { by: { team: (t) => t.team } });
    expectTypeOf(b).toEqualTypeOf<BreakdownResult<TimeToResolutionResult>>();
    expectTypeOf<SlaAttainmentResult["ci"]>().toEqualTypeOf<{ lower: number; upper: number; level: number; method: string } | null>();
    expect(r.open).toBe(1);
  });
});
