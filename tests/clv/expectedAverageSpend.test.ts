import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedAverageSpend } from "../../src/clv/expectedAverageSpend.ts";
import { InvalidOptionError } from "../../src/errors.ts";

describe("expectedAverageSpend (lifetimes conditional_expected_average_profit)", () => {
  const params = { p: 6.25, q: 3.74, gamma: 15.44 };

  it("x = 0 gives the population mean p gamma / (q - 1)", () => {
    expect(expectedAverageSpend(params, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
  });

  it("lies between the population mean and the customer's mean, nearer the customer's as x grows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 1e4, noNaN: true }), (x, m) => {
        const pop = expectedAverageSpend(params, 0, 0);
        const e = expectedAverageSpend(params, x, m);
        expect(e).toBeGreaterThanOrEqual(Math.min(pop, m) - 1e-9);
        expect(e).toBeLessThanOrEqual(Math.max(pop, m) + 1e-9);
        expect(Math.abs(expectedAverageSpend(params, x + 1, m) - m)).toBeLessThanOrEqual(Math.abs(e - m) + 1e-9);
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });

  it("refuses q <= 1 (infinite mean), bad parameters and bad inputs", () => {
    expect(() => expectedAverageSpend({ p: 1, q: 1, gamma: 1 }, 1, 10)).toThrow(/q > 1/);
    expect(() => expectedAverageSpend({ p: NaN, q: 2, gamma: 1 }, 1, 10)).toThrow(InvalidOptionError);
    expect(() => expectedAverageSpend(params, 1.5, 10)).toThrow(/frequency/);
    expect(() => expectedAverageSpend(params, 2, -1)).toThrow(/monetaryValue/);
  });
});
