import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { churnRate } from "../../src/churn/churnRate.ts";
import { churnRateSeries } from "../../src/churn/churnRateSeries.ts";
import { convertChurnRate } from "../../src/churn/convertChurnRate.ts";
import { churnByReason } from "../../src/churn/churnByReason.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

// A hand-made month, January 2024 (UTC), every count worked out by hand from DESIGN 6.7:
//  a: active before, ends Jan 20      -> at start, churned (from start)
//  b: active before, still active     -> at start
//  c: starts Jan 5, still active      -> new
//  d: starts Jan 10, ends Jan 25      -> new, churned (not from start)
//  e: ended Dec 31 (before Jan)       -> not counted in January
//  f: ends exactly at from            -> at start (not ended before from) and churned in January
//  g: starts exactly at to            -> not in January
const subs = [
  { customerId: "a", start: "2023-01-01", end: "2024-01-20", reason: "price" },
  { customerId: "b", start: "2023-03-01" },
  { customerId: "c", start: "2024-01-05" },
  { customerId: "d", start: "2024-01-10", end: "2024-01-25", reason: "price" },
  { customerId: "e", start: "2023-05-01", end: "2023-12-31", reason: "support" },
  { customerId: "f", start: "2023-05-01", end: "2024-01-01T00:00:00Z", reason: null },
  { customerId: "g", start: "2024-02-01" },
];
const jan = { from: "2024-01-01", to: "2024-02-01" };

describe("churnRate (DESIGN 6.7 conventions, counts by hand)", () => {
  it("method start: churned among those at start / at start", () => {
    const r = churnRate(subs, jan);
    expect(r).toMatchObject({ method: "start", atStart: 3, new: 2, churned: 3, churnedFromStart: 2, atEnd: 2, n: 7, missing: 0, invalid: null });
    expect(r.rate).toBeCloseTo(2 / 3, 15);
    // Wilson 2 of 3, z = 1.959964: centre (2/3 + z^2/6) / (1 + z^2/3), by hand: [0.2076, 0.9385]
    expect(r.ci!.lower).toBeCloseTo(0.2077, 3);
    expect(r.ci!.upper).toBeCloseTo(0.9385, 3);
  });

  it("method start-plus-new: every churn / (at start + new)", () => {
    expect(churnRate(subs, { ...jan, method: "start-plus-new" }).rate).toBeCloseTo(3 / 5, 15);
  });

  it("method customer-days: churns per 30 active customer-days", () => {
    // a: Jan 1-20 = 19 days, b: 31, c: Jan 5 - Feb 1 = 27, d: 15, f: 0 -> 92 customer-days
    const r = churnRate(subs, { ...jan, method: "customer-days" });
    expect(r.customerDays).toBe(92);
    expect(r.rate).toBeCloseTo((3 / 92) * 30, 14);
    // Poisson interval of 3 churns (Byar), per 30 of the 92 customer-days; exact (Garwood) 95% for 3 is [0.619, 8.767]
    expect(r.ci!.method).toBe("exact-poisson");
    expect((r.ci!.lower * 92) / 30).toBeCloseTo(0.619, 1);
    expect((r.ci!.upper * 92) / 30).toBeCloseTo(8.767, 1);
  });

  it("empty input: n 0 and null rate, never a throw", () => {
    expect(churnRate([], jan)).toMatchObject({ n: 0, rate: null, ci: null, atStart: 0 });
  });

  it("an end before the start and an overlapping duplicate are invalid; missing is counted", () => {
    expect(() => churnRate([{ customerId: 1, start: "2024-01-10", end: "2024-01-09" }], jan)).toThrow(InvalidRecordError);
    const dup = [
      { customerId: 1, start: "2023-01-01" },
      { customerId: 1, start: "2023-06-01", end: "2024-01-03" },
      { customerId: 2, start: "2023-01-01", end: "2023-06-01" },
      { customerId: 2, start: "2023-06-01" }, // back to back: fine, joined into one lifetime with the one before
      { customerId: null, start: "2023-01-01" },
    ];
    expect(() => churnRate(dup, jan)).toThrow(/record 1 field "start".*overlaps another subscription of customer 1/);
    const r = churnRate(dup, { ...jan, onInvalid: "count" });
    expect(r.invalid!.count).toBe(1);
    expect(r.invalid!.examples[0]!.index).toBe(1);
    expect(r).toMatchObject({ n: 2, missing: 1, atStart: 2, churned: 0 }); // n counts lifetimes: 1 and 2
  });

  it("options are validated up front", () => {
    expect(() => churnRate([], { from: "2024-02-01", to: "2024-01-01" })).toThrow(InvalidOptionError);
    expect(() => churnRate([], { ...jan, method: "x" as never })).toThrow(InvalidOptionError);
    expect(() => churnRate([], { from: "soon", to: "2024-01-01" })).toThrow(InvalidOptionError);
  });

  it("property: atEnd = active at `to`, and the start rate lies in its Wilson interval", () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2024, 0, 1);
    const sub = fc.record({ s: fc.integer({ min: -100, max: 100 }), len: fc.option(fc.integer({ min: 0, max: 150 })) });
    fc.assert(
      fc.property(fc.array(sub, { maxLength: 40 }), (xs) => {
        const records = xs.map((x, i) => ({ customerId: i, start: t0 + x.s * day, end: x.len === null ? null : t0 + (x.s + x.len) * day }));
        const r = churnRate(records, { from: t0, to: t0 + 31 * day });
        const activeAtTo = records.filter((x) => x.start < t0 + 31 * day && (x.end === null || x.end >= t0 + 31 * day)).length;
        expect(r.atEnd).toBe(activeAtTo);
        if (r.rate !== null) {
          expect(r.ci!.lower).toBeLessThanOrEqual(r.rate + 1e-12);
          expect(r.ci!.upper).toBeGreaterThanOrEqual(r.rate - 1e-12);
        }
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});

describe("churnRateSeries", () => {
  it("a subscription counts in every month it touches", () => {
    const r = churnRateSeries(subs, { from: "2023-12-01", to: "2024-02-01", unit: "month" });
    expect(r.rows.map((x) => x.period)).toEqual(["2023-12", "2024-01"]);
    // December: at start a, b, e, f (4); e ends Dec 31 -> 1 churned
    expect(r.rows[0]).toMatchObject({ atStart: 4, new: 0, churned: 1, atEnd: 3 });
    expect(r.rows[1]).toMatchObject({ atStart: 3, new: 2, churned: 3, atEnd: 2 });
    // each month's row equals churnRate over that month
    const dec = churnRate(subs, { from: "2023-12-01", to: "2024-01-01" });
    expect(r.rows[0]!.rate).toBe(dec.rate);
  });

  it("months in a time zone (Europe/Berlin)", () => {
    const r = churnRateSeries([{ customerId: 1, start: "2023-01-01", end: "2024-01-31T23:30:00Z" }], { from: "2024-01-01", to: "2024-03-01", unit: "month", timeZone: "Europe/Berlin" });
    // 23:30 UTC on Jan 31 is 00:30 on Feb 1 in Berlin
    expect(r.rows.map((x) => x.churned)).toEqual([0, 1]);
  });
});

describe("convertChurnRate", () => {
  it("annual = 1 - (1 - monthly)^12 and back", () => {
    expect(convertChurnRate(0.05, { from: "month", to: "year" })).toBeCloseTo(1 - 0.95 ** 12, 14);
    expect(convertChurnRate(1 - 0.95 ** 12, { from: "year", to: "month" })).toBeCloseTo(0.05, 14);
    expect(convertChurnRate(0.1, { from: "quarter", to: "year" })).toBeCloseTo(1 - 0.9 ** 4, 14);
    expect(convertChurnRate(0.01, { from: "week", to: "year" })).toBeCloseTo(1 - 0.99 ** (365.2425 / 7), 14);
    expect(convertChurnRate(0, { from: "month", to: "year" })).toBe(0);
    expect(convertChurnRate(1, { from: "month", to: "year" })).toBe(1);
  });
  it("round trips (property)", () => {
    fc.assert(
      // rates whose annual form stays away from 1 (there the inverse is ill-conditioned: 1 - 1e-16 has no digits left)
      fc.property(fc.double({ min: 0, max: 0.02, noNaN: true }), fc.constantFrom("week", "month", "quarter", "year" as const), fc.constantFrom("week", "month", "quarter", "year" as const), (r, a, b) => {
        const back = convertChurnRate(convertChurnRate(r, { from: a, to: b }), { from: b, to: a });
        expect(Math.abs(back - r)).toBeLessThan(1e-9);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
  it("refuses rates outside [0, 1] and unknown units", () => {
    expect(() => convertChurnRate(5, { from: "month", to: "year" })).toThrow(InvalidOptionError);
    expect(() => convertChurnRate(0.1, { from: "day" as never, to: "year" })).toThrow(InvalidOptionError);
  });
});

describe("churnByReason", () => {
  it("counts every churn of the period, missing reason keyed null", () => {
    const r = churnByReason(subs, jan);
    expect(r.churned).toBe(3);
    expect(r.rows.map((x) => [x.reason, x.churned])).toEqual([["price", 2], [null, 1]]);
    expect(r.rows[0]!.share).toBeCloseTo(2 / 3, 15);
  });
  it("compares two periods with a two-proportion test", () => {
    const r = churnByReason(subs, { ...jan, previous: { from: "2023-12-01", to: "2024-01-01" } });
    expect(r.previous).toMatchObject({ churned: 1 });
    const support = r.rows.find((x) => x.reason === "support")!;
    expect(support).toMatchObject({ churned: 0, share: 0, previous: { churned: 1, share: 1 } });
    // 0 of 3 vs 1 of 1: pooled p = 1/4, z = (0 - 1) / sqrt(0.25 * 0.75 * (1/3 + 1)) = -2
    expect(support.change!.z).toBeCloseTo(-2, 12);
  });
});

describe("churn by segment through breakdown (keys only: the churn aggregator brings its own periods)", () => {
  it("per-plan churn counts add up to the total", async () => {
    const { breakdownAggregator } = await import("../../src/aggregate/breakdown.ts");
    const { churnCountsAggregator } = await import("../../src/churn/churnCounts.ts");
    const plans = subs.map((s, i) => ({ ...s, plan: i % 2 === 0 ? "basic" : "pro" }));
    const agg = breakdownAggregator(churnCountsAggregator<(typeof plans)[number]>({ ...jan }), { by: { plan: (r) => r.plan } });
    let state = agg.empty();
    plans.forEach((r, i) => (state = agg.add(state, r, i)));
    const r = agg.result(state);
    expect(r.rows.map((x) => x.key.plan)).toEqual(["basic", "pro"]);
    const sum = (k: "atStart" | "churned" | "new") => r.rows.reduce((a, x) => a + x.result.rows[0]![k], 0);
    expect([sum("atStart"), sum("churned"), sum("new")]).toEqual([3, 3, 2]);
    expect(r.total.rows[0]).toMatchObject({ atStart: 3, churned: 3, new: 2 });
  });
});

describe("overlap check: the dense-integer-id path and the Map path agree", () => {
  it("same rejected records whether ids are small integers, large integers or strings", () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2024, 0, 1);
    const sub = fc.record({ c: fc.integer({ min: 0, max: 6 }), s: fc.integer({ min: -60, max: 60 }), len: fc.option(fc.integer({ min: 0, max: 90 })) });
    fc.assert(
      fc.property(fc.array(sub, { maxLength: 30 }), (xs) => {
        const run = (id: (c: number) => string | number) =>
          churnRate(
            xs.map((x) => ({ customerId: id(x.c), start: t0 + x.s * day, end: x.len === null ? null : t0 + (x.s + x.len) * day })),
            { from: t0, to: t0 + 31 * day, onInvalid: "count" },
          );
        const dense = run((c) => c);
        const sparse = run((c) => c * 1e9); // beyond 4n: the Map path
        const strings = run((c) => `c${c}`);
        expect(sparse.invalid!.examples.map((e) => e.index)).toEqual(dense.invalid!.examples.map((e) => e.index));
        expect(strings.invalid!.examples.map((e) => e.index)).toEqual(dense.invalid!.examples.map((e) => e.index));
        expect([sparse.atStart, sparse.churned, sparse.new]).toEqual([dense.atStart, dense.churned, dense.new]);
        // by hand: a record is rejected when it starts before the end of the customer's previous kept subscription
        const kept = new Map<number, number | null>();
        const expected: number[] = [];
        xs.map((x, i) => ({ ...x, i }))
          // ties at one start: the later (or null) end first, then input order (deterministic, review L4)
          .sort((a, b) => a.c - b.c || a.s - b.s || (b.len ?? Infinity) - (a.len ?? Infinity) || a.i - b.i)
          .forEach((x) => {
            if (kept.has(x.c) && (kept.get(x.c) === null || x.s < kept.get(x.c)!)) expected.push(x.i);
            else kept.set(x.c, x.len === null ? null : x.s + x.len);
          });
        expect(dense.invalid!.count).toBe(expected.length);
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
