import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simpleClv } from "../../src/clv/simpleClv.ts";
import { InvalidOptionError } from "../../src/errors.ts";

describe("simpleClv: published examples", () => {
  it("churn form: ARPA $250, gross margin 65%, churn 4% -> LTV $4,062.50 (a1calculator.com SaaS LTV worked example; Skok's LTV = ARPA x GM / churn)", () => {
    const r = simpleClv({ method: "churn", arpu: 250, grossMargin: 0.65, churnRate: 0.04 });
    expect(r.clv).toBeCloseTo(4062.5, 9);
    expect(r.expectedLifetime).toBeCloseTo(25, 12);
  });

  it("lifespan form: 3 orders a year x $70 x 3 years = $630, x 30% margin = $189 (FeverBee, 'Calculating customer lifetime value')", () => {
    expect(simpleClv({ method: "lifespan", averageOrderValue: 70, purchaseFrequency: 3, lifespan: 3 }).clv).toBeCloseTo(630, 9);
    expect(simpleClv({ method: "lifespan", averageOrderValue: 70, purchaseFrequency: 3, lifespan: 3, grossMargin: 0.3 }).clv).toBeCloseTo(189, 9);
  });

  it("discounted form: retention 80%, discount 10% -> margin multiple r / (1 + d - r) = 2.67 (Gupta & Lehmann 2003, table of margin multiples; Marketing Metrics ch. 5), plus the margin received now", () => {
    const r = simpleClv({ method: "discounted", margin: 1, retentionRate: 0.8, discountRate: 0.1 });
    expect(Math.round((r.marginMultiple - 1) * 100) / 100).toBe(2.67);
    expect(r.clv).toBeCloseTo(1.1 / 0.3, 12);
    expect(r.expectedLifetime).toBeCloseTo(5, 12);
  });
});

describe("simpleClv: properties", () => {
  it("the discounted form is the sum of the discounted, retained margins m r^t / (1 + d)^t", () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), (m, r, d) => {
        let sum = 0;
        for (let t = 0; t < 2000; t++) sum += (m * r ** t) / (1 + d) ** t;
        expect(simpleClv({ method: "discounted", margin: m, retentionRate: r, discountRate: d }).clv).toBeCloseTo(sum, 6);
      }),
      { seed: 20261201, numRuns: 100 },
    );
  });

  it("the churn form falls as churn rises", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.99, noNaN: true }), fc.double({ min: 0.001, max: 0.009, noNaN: true }), (c, dc) => {
        const at = (churnRate: number): number => simpleClv({ method: "churn", arpu: 100, grossMargin: 0.8, churnRate }).clv;
        expect(at(c + dc)).toBeLessThan(at(c));
      }),
      { seed: 20261201, numRuns: 100 },
    );
  });
});

describe("simpleClv: invalid inputs are errors, never Infinity or NaN", () => {
  it.each([
    [{ method: "churn", arpu: 100, grossMargin: 0.8, churnRate: 0 }, "churnRate"],
    [{ method: "churn", arpu: 100, grossMargin: 0.8, churnRate: 1.2 }, "churnRate"],
    [{ method: "churn", arpu: 100, grossMargin: 80, churnRate: 0.05 }, "grossMargin"],
    [{ method: "churn", arpu: -1, grossMargin: 0.8, churnRate: 0.05 }, "arpu"],
    [{ method: "churn", arpu: NaN, grossMargin: 0.8, churnRate: 0.05 }, "arpu"],
    [{ method: "lifespan", averageOrderValue: 10, purchaseFrequency: Infinity, lifespan: 2 }, "purchaseFrequency"],
    [{ method: "discounted", margin: 10, retentionRate: 1, discountRate: 0 }, "discountRate"],
    [{ method: "discounted", margin: 10, retentionRate: 1.1, discountRate: 0.1 }, "retentionRate"],
    [{ method: "discounted", margin: 10, retentionRate: 0.5, discountRate: -0.1 }, "discountRate"],
    [{ method: "ltv" }, "method"],
  ])("%j -> option %s", (input, option) => {
    let err: unknown;
    try {
      simpleClv(input as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect((err as InvalidOptionError).option).toBe(option);
  });

  it("retention 1 with a positive discount is a finite perpetuity m (1 + d) / d", () => {
    const r = simpleClv({ method: "discounted", margin: 10, retentionRate: 1, discountRate: 0.25 });
    expect(r.clv).toBeCloseTo(50, 12);
    expect(r.expectedLifetime).toBeNull();
  });
});
