// Fixes of the independent review of the churn branch (/work/notes/review-churn.md); every expected value is worked
// out by hand in the comment next to it, or taken from the source named there.
import { describe, expect, it } from "vitest";
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
