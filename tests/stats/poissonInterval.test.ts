import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { poissonInterval } from "../../src/stats/poissonInterval.ts";

describe("poissonInterval: the exact (Garwood) interval", () => {
  it("reproduces R's poisson.test(x)$conf.int", () => {
    // R: poisson.test(0), (1), (10), (100); x = 5 at 90% from chi-square tables: qchisq(0.05, 10) / 2 = 3.940299 / 2,
    // qchisq(0.95, 12) / 2 = 21.026070 / 2.
    const cases: [number, number, number, number][] = [
      [0, 0.95, 0, 3.688879],
      [1, 0.95, 0.02531781, 5.571643],
      [10, 0.95, 4.795389, 18.390356],
      [100, 0.95, 81.36399, 121.62679],
      [5, 0.9, 1.9701495, 10.513035],
    ];
    for (const [x, level, lo, hi] of cases) {
      const c = poissonInterval(x, level);
      expect(c.lower).toBeCloseTo(lo, 5);
      expect(c.upper).toBeCloseTo(hi, 4);
      expect(c).toMatchObject({ level, method: "exact-poisson" });
    }
  });

  it("is the chi-square form: P(X >= x | lower) = P(X <= x | upper) = alpha / 2 for integer counts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (x) => {
        const { lower, upper } = poissonInterval(x);
        // Poisson tail sums written out directly (independent of the incomplete gamma code).
        const pmf = (k: number, m: number): number => Math.exp(-m + k * Math.log(m) - logFactorial(k));
        let below = 0;
        for (let k = 0; k < x; k++) below += pmf(k, lower);
        let upTo = 0;
        for (let k = 0; k <= x; k++) upTo += pmf(k, upper);
        expect(1 - below).toBeCloseTo(0.025, 9);
        expect(upTo).toBeCloseTo(0.025, 9);
      }),
      { seed: 20261201, numRuns: 60 },
    );
  });
});

function logFactorial(k: number): number {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
}
