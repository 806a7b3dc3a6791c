// Fixes of the independent review of the churn branch (/work/notes/review-churn.md); every expected value is worked
// out by hand in the comment next to it, or taken from the source named there.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { revenueChurn } from "../../src/churn/revenueChurn.ts";
import { churnRate } from "../../src/churn/churnRate.ts";
import { churnRateSeries } from "../../src/churn/churnRateSeries.ts";
import { churnByReason } from "../../src/churn/churnByReason.ts";
import { cohortRetention } from "../../src/churn/cohortRetention.ts";
import { survivalCurve } from "../../src/churn/survivalCurve.ts";

describe("M1: back-to-back spans of one customer are one customer lifetime", () => {
  // A plan change exported as "old subscription ended 2024-01-15, new one started 2024-01-15": the customer never left.
  const plan = [
    { customerId: 1, start: "2023-01-01", end: "2024-01-15", reason: "upgrade" },
    { customerId: 1, start: "2024-01-15" },
  ];
  it("churnRate: active all January, no churn and no new customer", () => {
    const r = churnRate(plan, { from: "2024-01-01", to: "2024-02-01" });
    expect(r).toMatchObject({ rate: 0, atStart: 1, new: 0, churned: 0, churnedFromStart: 0, atEnd: 1, n: 1 });
    expect(r.customerDays).toBe(31);
    // every method: 0 churn
    expect(churnRate(plan, { from: "2024-01-01", to: "2024-02-01", method: "start-plus-new" }).rate).toBe(0);
    expect(churnRate(plan, { from: "2024-01-01", to: "2024-02-01", method: "customer-days" }).rate).toBe(0);
  });
  it("a chain of three touching spans in any input order, ending in March: one churn, in March, with the last reason", () => {
    const chain = [
      { customerId: "x", start: "2024-01-20", end: "2024-03-10", reason: "price" },
      { customerId: "x", start: "2023-12-01", end: "2024-01-05", reason: "upgrade" },
      { customerId: "x", start: "2024-01-05", end: "2024-01-20", reason: "downgrade" },
    ];
    const s = churnRateSeries(chain, { from: "2024-01-01", to: "2024-04-01", unit: "month" });
    expect(s.rows.map((r) => [r.atStart, r.new, r.churned])).toEqual([[1, 0, 0], [1, 0, 0], [1, 0, 1]]);
    const byReason = churnByReason(chain, { from: "2024-01-01", to: "2024-04-01" });
    expect(byReason.rows.map((r) => [r.reason, r.churned])).toEqual([["price", 1]]);
  });
  it("a gap of 1 ms is still a churn and a return (only touching spans join)", () => {
    const gap = [
      { customerId: 1, start: "2023-01-01", end: "2024-01-15T00:00:00.000Z" },
      { customerId: 1, start: "2024-01-15T00:00:00.001Z" },
    ];
    expect(churnRate(gap, { from: "2024-01-01", to: "2024-02-01" })).toMatchObject({ atStart: 1, new: 1, churned: 1, rate: 1 });
  });
  it("survivalCurve: one censored lifetime of 425 days, no event", () => {
    // 2023-01-01 to asOf 2024-03-01: 365 + 60 days
    const r = survivalCurve(plan, { asOf: "2024-03-01" });
    expect(r.events).toBe(0);
    expect(r.n).toBe(1);
  });
  it("cohortRetention: the 2023-01 cohort keeps its customer at every age up to asOf", () => {
    const r = cohortRetention(plan, { asOf: "2024-03-01" });
    expect(r.cohorts.map((c) => c.cohort)).toEqual(["2023-01"]);
    const cells = r.cohorts[0]!.cells;
    // ages 0..14 (2023-01 .. 2024-03): retained 1 throughout; the join at 2024-01-15 is not a drop at age 13
    expect(cells.map((c) => c.retained)).toEqual(new Array(15).fill(1));
  });
});

describe("M2: GRR and NRR over the customers paying at the start of the row, bounded", () => {
  // A pays 100 since 2023-06 and never changes; B1..B3 join 2024-01-10 at 100 and cancel 2024-02-10.
  const ev: { customerId: string; at: string; mrr: number }[] = [{ customerId: "A", at: "2023-06-01", mrr: 100 }];
  for (const c of ["B1", "B2", "B3"]) ev.push({ customerId: c, at: "2024-01-10", mrr: 100 }, { customerId: c, at: "2024-02-10", mrr: 0 });
  it("a quarter whose start MRR (A's 100) is fully retained: GRR = NRR = 1; ChartMogul's gross MRR churn rate stays 300/100", () => {
    const r = revenueChurn(ev, { from: "2024-01-01", to: "2024-04-01", period: { unit: "month" } });
    expect(r.total).toMatchObject({ mrrAtStart: 100, churned: 300, grossMrrChurn: 3, netMrrChurn: 3, grr: 1, nrr: 1 });
    // months: Jan start = A only (1, 1); Feb start = A + B1..B3 = 400, B's 300 churn: GRR = NRR = 100/400; Mar: A only
    expect(r.rows.map((x) => [x.grr, x.nrr])).toEqual([[1, 1], [0.25, 0.25], [1, 1]]);
  });
  it("expansion counts in NRR only, contraction and churn in both, of start customers; one customer's moves over a quarter net out", () => {
    // a: 100 -> 150 (Jan); b: 200 -> 120 (Jan); c: 50 -> 0 (Feb); d: new in Jan at 40, not a start customer
    // e: 100 -> 50 (Jan) -> 100 (Feb) -> 50 (Mar): at the quarter's end 50 of its 100
    const xs = [
      { customerId: "a", at: "2023-12-01", mrr: 100 }, { customerId: "a", at: "2024-01-05", mrr: 150 },
      { customerId: "b", at: "2023-12-01", mrr: 200 }, { customerId: "b", at: "2024-01-05", mrr: 120 },
      { customerId: "c", at: "2023-12-01", mrr: 50 }, { customerId: "c", at: "2024-02-05", mrr: 0 },
      { customerId: "d", at: "2024-01-07", mrr: 40 }, { customerId: "d", at: "2024-03-07", mrr: 0 },
      { customerId: "e", at: "2023-12-01", mrr: 100 }, { customerId: "e", at: "2024-01-05", mrr: 50 },
      { customerId: "e", at: "2024-02-05", mrr: 100 }, { customerId: "e", at: "2024-03-05", mrr: 50 },
    ];
    const t = revenueChurn(xs, { from: "2024-01-01", to: "2024-04-01" }).total;
    // start MRR 450 (a 100, b 200, c 50, e 100); at the end a 150, b 120, c 0, e 50
    // GRR = (min(150,100) + min(120,200) + 0 + min(50,100)) / 450 = 270 / 450; NRR = (150 + 120 + 0 + 50) / 450 = 320 / 450
    expect(t.mrrAtStart).toBe(450);
    expect(t.grr).toBeCloseTo(270 / 450, 14);
    expect(t.nrr).toBeCloseTo(320 / 450, 14);
    // ChartMogul-style rates over every movement of the range: churn 50 + 40 (d), contraction 80 + 50 + 50, expansion 50 + 50
    expect(t.grossMrrChurn).toBeCloseTo(270 / 450, 14);
    expect(t.netMrrChurn).toBeCloseTo(170 / 450, 14);
  });
  it("property: 0 <= GRR <= 1, GRR <= NRR, on every row and the total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: -40, max: 100 }), m: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 }),
        (xs) => {
          const day = 86_400_000;
          const t0 = Date.UTC(2024, 0, 1);
          const seen = new Set<string>();
          const events = xs.filter((x) => !seen.has(`${x.c}/${x.d}`) && seen.add(`${x.c}/${x.d}`)).map((x) => ({ customerId: x.c, at: t0 + x.d * day, mrr: x.m * 50 }));
          const r = revenueChurn(events, { from: t0, to: t0 + 91 * day, period: { unit: "month" } });
          for (const row of [...r.rows, r.total]) {
            if (row.mrrAtStart === 0) expect(row.grr).toBeNull();
            else {
              expect(row.grr!).toBeGreaterThanOrEqual(0);
              expect(row.grr!).toBeLessThanOrEqual(1 + 1e-12);
              expect(row.nrr!).toBeGreaterThanOrEqual(row.grr! - 1e-12);
            }
          }
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});

describe("L4: which overlapping duplicate is kept does not depend on input order", () => {
  it("equal starts: the active (later-ending) one is kept in both orders, and the message names it", () => {
    const A = { customerId: 1, start: "2024-01-01" };
    const B = { customerId: 1, start: "2024-01-01", end: "2024-02-10" };
    for (const xs of [[A, B], [B, A]]) {
      const r = churnRate(xs, { from: "2024-02-01", to: "2024-03-01", onInvalid: "count" });
      // A kept (active through February): at start 1, no churn
      expect(r).toMatchObject({ rate: 0, atStart: 1, churned: 0 });
      expect(r.invalid!.examples[0]!.reason).toMatch(/from 2024-01-01T00:00:00.000Z, still active/);
    }
  });
});

describe("churn-counts fromJSON refuses counts no input can give (found in review)", () => {
  it("rejects more churned from the start than at start, more churned than at start + new, and negative active time", async () => {
    const { churnCountsAggregator } = await import("../../src/churn/churnCounts.ts");
    const { InvalidStateError } = await import("../../src/errors.ts");
    const agg = churnCountsAggregator({ from: "2024-01-01", to: "2024-02-01" });
    const s = JSON.parse(JSON.stringify(agg.add(agg.empty(), { customerId: 1, start: "2023-01-01", end: "2024-01-10" })));
    expect(agg.result(agg.fromJSON(s)).rows[0]!.rate).toBe(1);
    for (const [field, value] of [["churnedFromStart", [5]], ["churned", [5]], ["activeMs", [[-1, 0]]]] as const) {
      expect(() => agg.fromJSON({ ...s, [field]: value }), field).toThrow(InvalidStateError);
    }
  });
});

describe("mrr-movements fromJSON refuses customer keys that are not the JSON of an id (found in review)", () => {
  it("rejects __proto__, constructor and non-JSON keys, and keeps quoted ids of those names", async () => {
    const { mrrMovementsAggregator } = await import("../../src/churn/revenueChurn.ts");
    const { InvalidStateError } = await import("../../src/errors.ts");
    const agg = mrrMovementsAggregator({ from: "2024-01-01", to: "2024-02-01" });
    const s = JSON.parse(JSON.stringify(agg.add(agg.add(agg.empty(), { customerId: "constructor", at: "2023-12-01", mrr: 50 }), { customerId: "__proto__", at: "2023-12-01", mrr: 25 })));
    expect(agg.result(agg.fromJSON(s)).total.mrrAtStart).toBe(75);
    const entry = s.customers['"constructor"'];
    for (const key of ["constructor", "__proto__", "not json"]) {
      const damaged = JSON.parse(JSON.stringify({ ...s, customers: {} }));
      Object.defineProperty(damaged.customers, key, { value: entry, enumerable: true, configurable: true, writable: true });
      expect(() => agg.fromJSON(damaged), key).toThrow(InvalidStateError);
    }
  });
});
