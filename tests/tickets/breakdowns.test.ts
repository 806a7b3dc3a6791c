import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { generateTickets } from "../../src/sample/generateTickets.ts";
import { businessCalendar } from "../../src/time/businessCalendar.ts";
import { periodOf } from "../../src/time/periodIndexer.ts";
import { timeToResolution, timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { firstResponseTime, firstResponseTimeAggregator } from "../../src/tickets/firstResponseTime.ts";
import { slaAttainment, slaAttainmentAggregator } from "../../src/tickets/slaAttainment.ts";
import { reopenRate, reopenRateAggregator } from "../../src/tickets/reopenRate.ts";
import { oneTouchResolution, oneTouchResolutionAggregator } from "../../src/tickets/oneTouchResolution.ts";

const H = 3_600_000;
const tickets = generateTickets({ seed: 11, count: 1500, start: Date.UTC(2024, 0, 1), days: 120, timelines: true });
const asOf = Date.UTC(2024, 3, 30);
const calendar = businessCalendar({ timeZone: "Europe/Berlin", hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
type T = (typeof tickets)[number];

describe("breakdowns of the ticket metrics (each row = the metric over exactly that row's tickets)", () => {
  it("time to resolution by team x ISO week in Europe/Berlin, business basis", () => {
    const opts = { calendar, asOf, unit: "hours" as const };
    const b = breakdown(timeToResolutionAggregator<T>(opts), tickets, { by: { team: (t) => t.team }, period: { at: (t) => t.createdAt, unit: "isoWeek", timeZone: "Europe/Berlin" } });
    expect(b.total).toEqual(timeToResolution(tickets, opts));
    expect(b.rows.length).toBeGreaterThan(4 * 15);
    const week = tickets.map((t) => periodOf(Date.parse(t.createdAt as string), { unit: "isoWeek", timeZone: "Europe/Berlin", weekStartsOn: 1 }).label);
    for (const row of b.rows.filter((_, i) => i % 7 === 0)) {
      const mine = tickets.filter((t, i) => t.team === row.key["team"] && week[i] === row.period);
      expect(row.result).toEqual(timeToResolution(mine, opts));
    }
  });

  it("first response time by channel x month, and SLA attainment by priority", () => {
    const f = breakdown(firstResponseTimeAggregator<T>({ asOf }), tickets, { by: { channel: (t) => t.channel }, period: { at: (t) => t.createdAt, unit: "month" } });
    const emailFeb = f.rows.find((r) => r.key["channel"] === "email" && r.period === "2024-02")!;
    expect(emailFeb.result).toEqual(firstResponseTime(tickets.filter((t) => t.channel === "email" && (t.createdAt as string).startsWith("2024-02")), { asOf }));
    const slaOpts = { metric: "firstResponse" as const, target: { urgent: H, high: 4 * H, normal: 8 * H, low: 24 * H }, calendar, asOf };
    const s = breakdown(slaAttainmentAggregator<T>(slaOpts), tickets, { by: { priority: (t) => t.priority } });
    expect(s.rows.map((r) => r.key["priority"])).toEqual(["high", "low", "normal", "urgent"]);
    for (const row of s.rows) expect(row.result).toEqual(slaAttainment(tickets.filter((t) => t.priority === row.key["priority"]), slaOpts));
  });

  it("reopen rate by team and one-touch resolution by team x priority", () => {
    const r = breakdown(reopenRateAggregator<T>({ asOf }), tickets, { by: { team: (t) => t.team } });
    for (const row of r.rows) expect(row.result).toEqual(reopenRate(tickets.filter((t) => t.team === row.key["team"]), { asOf }));
    const o = breakdown(oneTouchResolutionAggregator<T>(), tickets, { by: { team: (t) => t.team, priority: (t) => t.priority } });
    expect(o.rows.length).toBe(16);
    const row = o.rows[5]!;
    expect(row.result).toEqual(oneTouchResolution(tickets.filter((t) => t.team === row.key["team"] && t.priority === row.key["priority"])));
  });
});

describe("business hours on a real calendar (hand-worked)", () => {
  it("a ticket from Friday 16:00 to Monday 10:00 Berlin time takes 2 business hours", () => {
    // Fri 2024-03-01 16:00 CET -> 17:00 = 1 h; weekend closed; Mon 2024-03-04 09:00 -> 10:00 = 1 h.
    const r = timeToResolution([{ createdAt: "2024-03-01T16:00", resolvedAt: "2024-03-04T10:00" }], { calendar, unit: "hours", timeZone: "Europe/Berlin" });
    expect(r.median).toBe(2);
    expect(r.basis).toBe("business");
  });

  it("a 09:00-17:00 day is 8 business hours on the Monday after the spring clock change", () => {
    // Clocks went forward on Sunday 2024-03-31 in Berlin; Monday 1 April 08:00 to 18:00 local holds 09:00-17:00.
    const r = timeToResolution([{ createdAt: "2024-04-01T08:00+02:00", resolvedAt: "2024-04-01T18:00+02:00" }], { calendar, unit: "hours" });
    expect(r.median).toBe(8);
  });

  it("states of different calendars never merge", () => {
    const a = timeToResolutionAggregator({ calendar });
    const b = timeToResolutionAggregator({ calendar: businessCalendar({ timeZone: "UTC", hours: { mon: [["09:00", "17:00"]] } }) });
    expect(() => a.merge(a.empty(), b.empty())).toThrow(/cannot merge/);
  });
});
