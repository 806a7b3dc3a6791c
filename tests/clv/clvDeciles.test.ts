import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clvDeciles } from "../../src/clv/clvDeciles.ts";

const base = (values: number[]) => ({ customers: values.map((v, i) => ({ customerId: `c${String(i).padStart(3, "0")}`, clv: { value: v, lower: null, upper: null }, expectedPurchases: 0, expectedSpend: 0 })) });

describe("clvDeciles", () => {
  it("splits 20 customers into ten pairs, most valuable first", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20, total 210
    const d = clvDeciles(base(values));
    expect(d.map((r) => r.customers)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(d[0]).toEqual({ decile: 1, customers: 2, total: 39, mean: 19.5, min: 19, max: 20, share: 39 / 210 });
    expect(d[9]).toEqual({ decile: 10, customers: 2, total: 3, mean: 1.5, min: 1, max: 2, share: 3 / 210 });
  });

  it("13 customers: deciles of 1 or 2 by floor((d - 1) n / 10)", () => {
    // boundaries floor(1.3 d): 0 1 2 3 5 6 7 9 10 11 13 -> sizes 1 1 1 2 1 1 2 1 1 2
    expect(clvDeciles(base(Array.from({ length: 13 }, (_, i) => i))).map((r) => r.customers)).toEqual([1, 1, 1, 2, 1, 1, 2, 1, 1, 2]);
  });

  it("fewer than ten customers: empty deciles are left out; empty base gives []; zero total gives null shares", () => {
    expect(clvDeciles(base([30, 10])).map((r) => [r.decile, r.total, r.share])).toEqual([
      [5, 30, 0.75],
      [10, 10, 0.25],
    ]);
    expect(clvDeciles(base([]))).toEqual([]);
    expect(clvDeciles(base([0, 0, 0])).every((r) => r.share === null)).toBe(true);
  });

  it("ties are broken by customer id, so input order does not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), fc.integer(), (values, seed) => {
        const b = base(values);
        const shuffled = { customers: [...b.customers].sort((x, y) => ((x.customerId.charCodeAt(3) * 31 + seed) % 7) - ((y.customerId.charCodeAt(3) * 31 + seed) % 7)) };
        const d = clvDeciles(b);
        expect(clvDeciles(shuffled)).toEqual(d);
        expect(d.reduce((s, r) => s + r.customers, 0)).toBe(values.length);
        for (let i = 1; i < d.length; i++) expect(d[i - 1]!.min).toBeGreaterThanOrEqual(d[i]!.max);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
