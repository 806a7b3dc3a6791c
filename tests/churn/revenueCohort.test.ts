import { describe, expect, it } from "vitest";
import { revenueChurn } from "../../src/churn/revenueChurn.ts";
import { cohortRetention } from "../../src/churn/cohortRetention.ts";
import { InvalidRecordError } from "../../src/errors.ts";

// A worked month of MRR events, every movement classified by hand with ChartMogul's definitions
// (help.chartmogul.com/hc/en-us/articles/203299912):
//  a: 100 since Nov, -> 0 on Jan 15                       churn 100
//  b: 100 since Nov, -> 130 on Jan 20                      expansion 30
//  c: 200 since Nov, -> 150 on Jan 3, -> 180 on Jan 28     contraction 50, expansion 30
//  d: first paid on Jan 10 at 50                           new 50
//  e: paid 80 until Dec, 0 in Dec, back at 90 on Jan 12    reactivation 90
//  f: 0 -> 0 (a free account)                              nothing
const events = [
  { customerId: "a", at: "2023-11-01", mrr: 100 },
  { customerId: "a", at: "2024-01-15", mrr: 0 },
  { customerId: "b", at: "2023-11-01", mrr: 100 },
  { customerId: "b", at: "2024-01-20", mrr: 130 },
  { customerId: "c", at: "2023-11-01", mrr: 200 },
  { customerId: "c", at: "2024-01-03", mrr: 150 },
  { customerId: "c", at: "2024-01-28", mrr: 180 },
  { customerId: "d", at: "2024-01-10", mrr: 50 },
  { customerId: "e", at: "2023-10-01", mrr: 80 },
  { customerId: "e", at: "2023-12-01", mrr: 0 },
  { customerId: "e", at: "2024-01-12", mrr: 90 },
  { customerId: "f", at: "2024-01-02", mrr: 0 },
];

describe("revenueChurn", () => {
  it("classifies the five MRR movements and derives gross/net MRR churn, GRR, NRR", () => {
    const r = revenueChurn(events, { from: "2024-01-01", to: "2024-02-01" });
    expect(r.total).toMatchObject({ mrrAtStart: 400, new: 50, expansion: 60, contraction: 50, churned: 100, reactivation: 90, mrrAtEnd: 450, netNewMrr: 50 });
    expect(r.total.customers).toEqual({ atStart: 3, new: 1, expansion: 2, contraction: 1, churned: 1, reactivation: 1 });
    expect(r.total.grossMrrChurn).toBeCloseTo(150 / 400, 15);
    expect(r.total.netMrrChurn).toBeCloseTo(90 / 400, 15);
    // GRR/NRR over the customers paying at the start (a 100, b 100, c 200 = 400), their MRR at the end a 0, b 130, c 180:
    // GRR = (min(0,100) + min(130,100) + min(180,200)) / 400 = 280 / 400; NRR = (0 + 130 + 180) / 400 = 310 / 400
    expect(r.total.grr).toBeCloseTo(0.7, 15);
    expect(r.total.nrr).toBeCloseTo(0.775, 15);
    expect(r.total).toMatchObject({ grossRetainedMrr: 280, netRetainedMrr: 310 });
  });

  it("per-period rows chain: each month's end MRR is the next month's start", () => {
    const r = revenueChurn(events, { from: "2023-10-01", to: "2024-02-01", period: { unit: "month" } });
    expect(r.rows.map((x) => [x.period, x.mrrAtStart, x.mrrAtEnd])).toEqual([
      ["2023-10", 0, 80],
      ["2023-11", 80, 480],
      ["2023-12", 480, 400],
      ["2024-01", 400, 450],
    ]);
    expect(r.rows[2]).toMatchObject({ churned: 80 });
    // new: e 80 in Oct, a b c 400 in Nov, d 50 in Jan; 0 + 530 + 60 + 90 - 50 - 180 = 450
    expect(r.total).toMatchObject({ mrrAtStart: 0, new: 530, reactivation: 90, churned: 180, mrrAtEnd: 450 });
    expect(r.total.grr).toBeNull();
  });

  it("money sums are compensated: 1000 customers of 1 beside one of 1e16 are not lost (found in review)", () => {
    // A plain running sum in this order gives 1e16 (each 1 is below half an ulp of 1e16); Neumaier keeps them.
    const events = [{ customerId: 0, at: "2023-12-01", mrr: 1e16 }];
    for (let i = 1; i <= 1000; i++) events.push({ customerId: i, at: "2023-12-01", mrr: 1 });
    const r = revenueChurn(events, { from: "2024-01-01", to: "2024-02-01" });
    expect(r.total.mrrAtStart).toBe(1e16 + 1000);
    expect(r.total.mrrAtEnd).toBe(1e16 + 1000);
  });

  it("negative MRR and two MRRs of one customer at one instant are invalid", () => {
    expect(() => revenueChurn([{ customerId: 1, at: "2024-01-02", mrr: -5 }], { from: "2024-01-01", to: "2024-02-01" })).toThrow(InvalidRecordError);
    expect(() => revenueChurn([{ customerId: 1, at: "2024-01-02", mrr: -5 }], { from: "2024-01-01", to: "2024-02-01" })).toThrow(/^revenueChurn: record 0 field "mrr" is -5, expected a finite MRR of 0 or more/);
    const r = revenueChurn(
      [{ customerId: 1, at: "2024-01-02", mrr: 5 }, { customerId: 1, at: "2024-01-02", mrr: 7 }, { customerId: 1, at: null, mrr: 3 }],
      { from: "2024-01-01", to: "2024-02-01", onInvalid: "count" },
    );
    expect(r.invalid!.count).toBe(1);
    expect(r.missing).toBe(1);
    expect(r.total.new).toBe(5);
  });

  it("a repeated instant is found also for a customer with many events (past the short-list size)", () => {
    const day = 86_400_000;
    const evs = Array.from({ length: 30 }, (_, i) => ({ customerId: "big", at: Date.UTC(2024, 0, 1) + i * day, mrr: 10 + i }));
    evs.push({ customerId: "big", at: Date.UTC(2024, 0, 1) + 20 * day, mrr: 99 }, { customerId: "big", at: Date.UTC(2024, 0, 1) + 2 * day, mrr: 98 });
    const r = revenueChurn(evs, { from: "2024-01-01", to: "2024-03-01", onInvalid: "count" });
    expect(r.invalid!.examples.map((e) => e.index)).toEqual([30, 31]);
    // first event new 10, then 29 expansions of 1 each
    expect(r.total).toMatchObject({ new: 10, expansion: 29, mrrAtEnd: 39 });
  });

  it("empty input: null rates", () => {
    expect(revenueChurn([], { from: "2024-01-01", to: "2024-02-01" }).total).toMatchObject({ mrrAtStart: 0, grr: null, nrr: null });
  });
});

describe("cohortRetention", () => {
  const subs = [
    { customerId: 1, start: "2024-01-05", end: "2024-02-10" }, // Jan cohort: active at Feb 1, not at Mar 1
    { customerId: 2, start: "2024-01-20" }, // Jan cohort: active throughout
    { customerId: 3, start: "2024-01-31", end: "2024-03-01" }, // ends exactly at the start of March: still there (not ended before)
    { customerId: 4, start: "2024-02-14", end: "2024-02-20" }, // Feb cohort: gone by Mar 1
    { customerId: 5, start: "2024-03-02", end: "2024-05-01" }, // Mar cohort: the end is after asOf, so unknown: active
  ];
  it("counts by hand, censored cells null and flagged", () => {
    const r = cohortRetention(subs, { asOf: "2024-03-20" });
    expect(r.maxAge).toBe(2);
    expect(r.cohorts.map((c) => [c.cohort, c.size, c.cells.map((x) => x.retained)])).toEqual([
      ["2024-01", 3, [3, 3, 2]],
      ["2024-02", 1, [1, 0, null]],
      ["2024-03", 1, [1, null, null]],
    ]);
    expect(r.cohorts[2]!.cells[1]).toEqual({ age: 1, retained: null, rate: null, censored: true });
    expect(r.cohorts[0]!.cells[2]!.rate).toBeCloseTo(2 / 3, 15);
  });
  it("weeks in a time zone, and a start after asOf is invalid", () => {
    const r = cohortRetention([{ customerId: 1, start: "2024-03-25", end: "2024-04-02" }], { asOf: "2024-04-10", period: "isoWeek", timeZone: "Europe/Berlin" });
    // weeks of Mar 25 (DST change on Mar 31), Apr 1, Apr 8: active at the start of Apr 1, not of Apr 8
    expect(r.cohorts[0]!.cells.map((c) => c.retained)).toEqual([1, 1, 0]);
    expect(() => cohortRetention([{ customerId: 1, start: "2024-05-01" }], { asOf: "2024-04-10" })).toThrow(/after asOf/);
  });
});
