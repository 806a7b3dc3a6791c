import { describe, expect, it } from "vitest";
import { survivalCurve } from "../../src/churn/survivalCurve.ts";

describe("survivalCurve", () => {
  // tenures in days with asOf 2024-04-10: a 10 (event), b 20 (event), c 30 (censored: ends after asOf),
  // d 40 (censored, active), e 20 (event); by hand (Kaplan-Meier, events before censorings at ties):
  // t=10: 5 at risk, 1 event -> 0.8; t=20: 4 at risk, 2 events -> 0.8 * 2/4 = 0.4; t=30, 40: censored
  const day = (d: number): string => new Date(Date.UTC(2024, 2, 1) + d * 86_400_000).toISOString();
  const asOf = day(40);
  const subs = [
    { customerId: "a", start: day(0), end: day(10) },
    { customerId: "b", start: day(0), end: day(20) },
    { customerId: "c", start: day(10), end: day(60) },
    { customerId: "d", start: day(0) },
    { customerId: "e", start: day(5), end: day(25) },
  ];
  it("active subscriptions are censored at asOf, not churned", () => {
    const r = survivalCurve(subs, { asOf });
    expect(r.times).toEqual([10, 20, 30, 40]);
    expect(r.eventsAt).toEqual([1, 2, 0, 0]);
    expect(r.censoredAt).toEqual([0, 0, 1, 1]);
    expect(r.survival[0]).toBeCloseTo(0.8, 15);
    expect(r.survival[1]).toBeCloseTo(0.4, 15);
    expect(r.median).toBe(20);
    expect(r).toMatchObject({ metric: "survival-curve", unit: "day", n: 5, events: 3, censored: 2, missing: 0, invalid: null });
  });
  it("months of 30.436875 days; a start after asOf is invalid (counted)", () => {
    const r = survivalCurve([...subs, { customerId: "z", start: day(50) }], { asOf, unit: "month", onInvalid: "count" });
    expect(r.times[0]).toBeCloseTo(10 / 30.436875, 12);
    expect(r.invalid!.count).toBe(1);
  });
  it("empty input: no curve, null median", () => {
    expect(survivalCurve([], { asOf })).toMatchObject({ n: 0, median: null, times: [] });
  });
});
