import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeToResolution, timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { firstResponseTime } from "../../src/tickets/firstResponseTime.ts";
import { averageResponseTime } from "../../src/tickets/averageResponseTime.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (h: number): number => T0 + h * H;

describe("timeToResolution: hand-worked figures", () => {
  // Five resolved tickets (1, 2, 3, 10, 30 h) and one open for 5 h at asOf = 100 h.
  // mean = (1 + 2 + 3 + 10 + 30) / 5 = 9.2 h; median = 3 h; R type 7 p90: h = 4 * 0.9 = 3.6 -> 10 + 0.6 * 20 = 22 h,
  // p95: h = 3.8 -> 10 + 0.8 * 20 = 26 h. Buckets: 1-8 h holds 1, 2, 3; 8-24 h holds 10; 1-7 d holds 30.
  // Kaplan-Meier (events 1, 2, 3, 10, 30; censored at 5): S(1) = 5/6, S(2) = 5/6 * 4/5 = 2/3, S(3) = 2/3 * 3/4 = 1/2,
  // flat at exactly 1/2 until the next event at 10, so the median is the midpoint (3 + 10) / 2 = 6.5 h (R quantile.survfit).
  const tickets = [
    { createdAt: at(0), resolvedAt: at(1) },
    { createdAt: at(0), resolvedAt: at(2) },
    { createdAt: at(0), resolvedAt: at(3) },
    { createdAt: at(0), resolvedAt: at(10) },
    { createdAt: at(0), resolvedAt: at(30) },
    { createdAt: at(95) },
    { createdAt: null },
    { createdAt: at(101) },
  ];
  const r = timeToResolution(tickets, { asOf: at(100), unit: "hours" });

  it("counts resolved, open, missing and not-yet-created tickets", () => {
    expect([r.n, r.resolved, r.open, r.missing, r.notYetCreated]).toEqual([6, 5, 1, 1, 1]);
    expect([r.resolution, r.basis, r.unit, r.asOf]).toEqual(["full", "calendar", "hours", "2024-01-05T04:00:00.000Z"]);
  });

  it("gives median, percentiles, mean, min, max", () => {
    expect(r.median).toBe(3);
    expect(r.percentiles["p50"]).toBe(3);
    expect(r.percentiles["p90"]).toBeCloseTo(22, 12);
    expect(r.percentiles["p95"]).toBeCloseTo(26, 12);
    expect(r.mean).toBeCloseTo(9.2, 12);
    expect([r.min, r.max, r.exact, r.relativeError]).toEqual([1, 30, true, 0]);
  });

  it("gives the bucketed distribution with default buckets", () => {
    expect(r.distribution.map((b) => [b.label, b.from, b.to, b.count])).toEqual([
      ["<1h", 0, 1, 0],
      ["1h-8h", 1, 8, 3],
      ["8h-24h", 8, 24, 1],
      ["24h-7d", 24, 168, 1],
      [">=7d", 168, null, 0],
    ]);
    expect(r.distribution[1]!.share).toBeCloseTo(60, 12);
  });

  it("gives the Kaplan-Meier median with the open ticket censored", () => {
    expect(r.censored).toMatchObject({ median: 6.5, events: 5, censored: 1, level: 0.95, interval: "log", relativeError: 0 });
  });

  it("is empty-safe: n 0 and null figures", () => {
    const e = timeToResolution([], { asOf: at(1) });
    expect([e.n, e.median, e.mean, e.min, e.max, e.percentiles["p90"], e.censored]).toEqual([0, null, null, null, null, null, null]);
    expect(timeToResolution([]).censored).toBeNull();
  });
});

describe("timeToResolution: Kaplan-Meier against R", () => {
  // R: survfit(Surv(time, status) ~ 1, data = aml, subset = x == "Maintained") prints n = 11, events = 7,
  // median = 31, 0.95LCL = 18, 0.95UCL = NA (survival package documentation data set `aml`).
  // As tickets: each event a ticket resolved after `time` hours, each censoring a ticket open `time` hours at asOf.
  const times = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];
  const status = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
  const asOf = at(1000);
  const tickets = times.map((t, i) => (status[i] ? { createdAt: at(0), resolvedAt: at(t) } : { createdAt: asOf - t * H }));

  it("reproduces R's median and its 95% interval", () => {
    const r = timeToResolution(tickets, { asOf, unit: "hours" });
    expect(r.censored).toMatchObject({ median: 31, lower: 18, upper: null, events: 7, censored: 4 });
    // The naive median of the resolved tickets alone (9, 13, 18, 23, 31, 34, 48) is 23: it ignores the slow open ones.
    expect(r.median).toBe(23);
  });

  it("stays within the stated relative error once past the exact limit", () => {
    const r = timeToResolution(tickets, { asOf, unit: "hours", exactLimit: 4, relativeAccuracy: 0.01 });
    expect(r.censored!.relativeError).toBe(0.01);
    expect(Math.abs(r.censored!.median! - 31) / 31).toBeLessThanOrEqual(0.01);
    expect(Math.abs(r.censored!.lower! - 18) / 18).toBeLessThanOrEqual(0.01);
  });
});

describe("timeToResolution: state round-trip at a fine accuracy", () => {
  it("bucket keys of a 1e-6 accuracy sketch (indices in the millions) read back", () => {
    const agg = timeToResolutionAggregator({ asOf: at(1000), exactLimit: 0, relativeAccuracy: 1e-6 });
    let s = agg.empty();
    [0, 1, 5, 200, 900].forEach((h, i) => (s = agg.add(s, h === 900 ? { createdAt: at(h) } : { createdAt: at(0), resolvedAt: at(h) }, i)));
    const back = agg.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(agg.result(back)).toEqual(agg.result(s));
    expect(Object.keys(back.survival.buckets!).some((k) => Math.abs(Number(k)) > 1e6)).toBe(true);
  });
});

describe("timeToResolution: resolution kinds, asOf and business time", () => {
  const reopened = {
    createdAt: at(0),
    statusHistory: [{ status: "solved", at: at(2) }, { status: "open", at: at(5) }, { status: "solved", at: at(9) }, { status: "closed", at: at(50) }],
  };

  it("first resolution takes the first solve, full the last; both are named in the result", () => {
    expect(timeToResolution([reopened], { resolution: "first", unit: "hours" })).toMatchObject({ resolution: "first", median: 2 });
    expect(timeToResolution([reopened], { unit: "hours" })).toMatchObject({ resolution: "full", median: 9 });
  });

  it("a ticket resolved after asOf, or reopened at asOf, is open at asOf", () => {
    expect(timeToResolution([reopened], { asOf: at(6), unit: "hours" })).toMatchObject({ open: 1, resolved: 0, censored: { censored: 1, median: null } });
    expect(timeToResolution([reopened], { asOf: at(6), resolution: "first", unit: "hours" })).toMatchObject({ resolved: 1, median: 2 });
    expect(timeToResolution([{ createdAt: at(0), resolvedAt: at(20) }], { asOf: at(10) })).toMatchObject({ open: 1, resolved: 0 });
  });

  it("a reopened ticket without firstResolvedAt or history has no first solve time: missing, not guessed", () => {
    expect(timeToResolution([{ createdAt: at(0), resolvedAt: at(9), reopens: 1 }], { resolution: "first" })).toMatchObject({ missing: 1, n: 0 });
    expect(timeToResolution([{ createdAt: at(0), resolvedAt: at(9), reopens: 1 }])).toMatchObject({ resolved: 1 });
  });

  it("a ticket whose status is unsolved is open even with an older resolvedAt (Zendesk keeps solved_at on reopen)", () => {
    expect(timeToResolution([{ createdAt: at(0), resolvedAt: at(3), status: "open" }])).toMatchObject({ open: 1, resolved: 0 });
    expect(timeToResolution([{ createdAt: at(0), status: "solved" }])).toMatchObject({ missing: 1 });
  });

  it("measures business time on a calendar and records its spec", () => {
    // Toy calendar: only 00:00-08:00 UTC of each day is open. Created day 0 at 06:00, resolved day 1 at 02:00:
    // 2 h on day 0 + 2 h on day 1 = 4 business hours (20 calendar hours).
    const toy = {
      spec: { toy: "00-08" },
      elapsed: (a: number, b: number): number => {
        const D = 24 * H;
        const open = (t: number): number => Math.floor(t / D) * 8 * H + Math.min(t % D, 8 * H);
        return open(b) - open(a);
      },
    };
    const r = timeToResolution([{ createdAt: at(6), resolvedAt: at(26) }], { calendar: toy, unit: "hours" });
    expect([r.basis, r.median]).toEqual(["business", 4]);
  });

  it("names the record, field and reason of an invalid ticket, or counts it", () => {
    expect(() => timeToResolution([{ createdAt: at(0) }, { createdAt: at(5), resolvedAt: at(1) }])).toThrow(InvalidRecordError);
    expect(() => timeToResolution([{ createdAt: at(5), resolvedAt: at(1) }])).toThrow(/^time-to-resolution: record 0 field "resolvedAt" is \d+, is before createdAt/);
    const r = timeToResolution([{ createdAt: at(5), resolvedAt: at(1) }, { createdAt: "soon" }], { onInvalid: "count" });
    expect(r.invalid).toMatchObject({ count: 2, examples: [{ index: 0, field: "resolvedAt" }, { index: 1, field: "createdAt" }] });
  });

  it("refuses options it cannot use", () => {
    expect(() => timeToResolution([], { resolution: "last" as "full" })).toThrow(InvalidOptionError);
    expect(() => timeToResolution([], { unit: "weeks" as "days" })).toThrow(InvalidOptionError);
    expect(() => timeToResolution([], { buckets: [5, 3] })).toThrow(InvalidOptionError);
    expect(() => timeToResolution([], { percentiles: [101] })).toThrow(InvalidOptionError);
    expect(() => timeToResolution([], { asOf: "tomorrow" })).toThrow(InvalidOptionError);
    expect(() => timeToResolution([], { calendar: {} as never })).toThrow(InvalidOptionError);
  });
});

describe("timeToResolution: properties", () => {
  const ticket = fc.record({ created: fc.integer({ min: 0, max: 1000 }), ttr: fc.option(fc.integer({ min: 0, max: 500 }), { freq: 3 }) });
  const toTickets = (xs: { created: number; ttr: number | null }[]): object[] =>
    xs.map((x) => (x.ttr === null ? { createdAt: at(x.created) } : { createdAt: at(x.created), resolvedAt: at(x.created + x.ttr) }));

  it("the median lies between min and max", () => {
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 80 }), (xs) => {
        const r = timeToResolution(toTickets(xs), { unit: "hours" });
        if (r.median === null) return r.resolved === 0;
        return r.min! <= r.median && r.median <= r.max!;
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it("in exact mode the Kaplan-Meier median with open tickets is never below the median of resolved tickets alone", () => {
    // Censored observations only add to the risk sets, so S_KM(t) >= the resolved-only survival at every t.
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 80 }), (xs) => {
        const r = timeToResolution(toTickets(xs), { unit: "hours", asOf: at(2000) });
        if (r.median === null || r.censored?.median === null || r.censored === null) return true;
        return r.censored.median >= r.median - 1e-9;
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

describe("firstResponseTime and averageResponseTime", () => {
  it("counts no-reply tickets as open and censored, and solved-without-reply apart (hand-worked)", () => {
    // A answered after 30 min; B answered after 90 min (a bot at 1 min and a private note do not count);
    // C unsolved with no reply at asOf (waiting 2 h); D solved with no reply.
    const tickets = [
      { createdAt: at(0), firstResponseAt: at(0.5) },
      {
        createdAt: at(0),
        messages: [
          { at: at(0), author: "customer" },
          { at: at(1 / 60), author: "bot" },
          { at: at(0.25), author: "agent", public: false },
          { at: at(1.5), author: "agent" },
        ],
      },
      { createdAt: at(8) },
      { createdAt: at(0), resolvedAt: at(1) },
    ];
    const r = firstResponseTime(tickets, { asOf: at(10), unit: "minutes" });
    expect([r.n, r.responded, r.open, r.solvedWithoutReply]).toEqual([3, 2, 1, 1]);
    expect(r.median).toBeCloseTo(60, 9); // (30 + 90) / 2
    expect(r.mean).toBeCloseTo(60, 9);
    // KM: events 30, 90; censored 120. S(30) = 2/3, S(90) = 1/3 -> median 90.
    expect(r.censored).toMatchObject({ median: 90, events: 2, censored: 1 });
  });

  it("averages every agent reply, pooled over tickets", () => {
    // Ticket 1: replies after 10 and 30 min; ticket 2: one reply after 20 min; ticket 3 has no timeline.
    const m = (x: number): number => at(x / 60);
    const tickets = [
      { createdAt: m(0), messages: [{ at: m(0), author: "customer" }, { at: m(10), author: "agent" }, { at: m(15), author: "customer" }, { at: m(45), author: "agent" }] },
      { createdAt: m(0), messages: [{ at: m(0), author: "customer" }, { at: m(20), author: "agent" }, { at: m(50), author: "customer" }] },
      { createdAt: m(0) },
    ];
    const r = averageResponseTime(tickets, { unit: "minutes" });
    expect([r.responses, r.tickets, r.waiting, r.missing]).toEqual([3, 2, 1, 1]);
    expect(r.mean).toBeCloseTo(20, 9); // (10 + 30 + 20) / 3
    expect(r.median).toBeCloseTo(20, 9);
    expect(averageResponseTime(tickets, { unit: "minutes", include: "next" })).toMatchObject({ responses: 1, median: 30 });
  });
});
