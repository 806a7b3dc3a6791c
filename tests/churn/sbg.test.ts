import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sbgSurvival } from "../../src/churn/sbgSurvival.ts";
import { sbgRetention } from "../../src/churn/sbgRetention.ts";
import { sbgProjection } from "../../src/churn/sbgProjection.ts";
import { sbgDerl } from "../../src/churn/sbgDerl.ts";
import { InvalidOptionError } from "../../src/errors.ts";

const regular = { alpha: 0.704, beta: 1.182 };
const highEnd = { alpha: 0.668, beta: 3.806 };

describe("sBG curves (Fader & Hardie 2007)", () => {
  it("retention r_t = (beta + t - 1) / (alpha + beta + t - 1), written out by hand", () => {
    expect(sbgRetention(regular, 1)).toBeCloseTo(1.182 / 1.886, 15);
    expect(sbgRetention(highEnd, 8)).toBeCloseTo(10.806 / 11.474, 15);
  });

  it("S(t) is the product of the retention rates; alpha = beta = 1 gives 1 / (t + 1)", () => {
    for (let t = 0; t <= 20; t++) expect(sbgSurvival({ alpha: 1, beta: 1 }, t)).toBeCloseTo(1 / (t + 1), 14);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), fc.integer({ min: 1, max: 40 }), (alpha, beta, t) => {
        const p = { alpha, beta };
        expect(sbgSurvival(p, t)).toBeCloseTo(sbgSurvival(p, t - 1) * sbgRetention(p, t), 12);
        expect(sbgSurvival(p, t)).toBeLessThanOrEqual(sbgSurvival(p, t - 1));
        if (t > 1) expect(sbgRetention(p, t)).toBeGreaterThan(sbgRetention(p, t - 1));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("projection of years 8-12, high end: the closed-form product by hand, and lifetimes' published sBG README figures", () => {
    const rows = sbgProjection(highEnd, { from: 8, to: 12, cohortSize: 1000 });
    // S(7) = prod_{i=1..7} (3.806 + i - 1) / (4.474 + i - 1), then one retention rate per year
    let s = 1;
    for (let i = 1; i <= 7; i++) s *= (3.806 + i - 1) / (4.474 + i - 1);
    const byHand = [8, 9, 10, 11, 12].map((t) => (s *= (3.806 + t - 1) / (4.474 + t - 1)) * 1000);
    rows.forEach((r, i) => expect(r.survivors).toBeCloseTo(byHand[i]!, 9));
    // "shifted_beta_geometric" Python package README (fit to the high-end data): future = [0.460, 0.436, 0.414, 0.395, 0.378]
    expect(rows.map((r) => Math.round(r.survival * 1000) / 1000)).toEqual([0.46, 0.436, 0.414, 0.395, 0.378]);
  });

  it("projection rows: churned = survivors(t - 1) - survivors(t)", () => {
    const rows = sbgProjection(regular, { from: 0, to: 12, cohortSize: 1000 });
    expect(rows[0]).toEqual({ t: 0, survival: 1, survivors: 1000, retention: null, churned: null });
    for (let t = 1; t <= 12; t++) expect(rows[t]!.churned).toBeCloseTo(rows[t - 1]!.survivors - rows[t]!.survivors, 10);
  });

  it("DERL by the 2F1 formula equals the discounted survival series, and alpha = beta = 1 in closed form", () => {
    // alpha = beta = 1, n = 0: sum_k x^k / (k + 2) with x = 1 / (1 + d) = (-ln(1 - x) - x) / x^2
    const x = 1 / 1.1;
    expect(sbgDerl({ alpha: 1, beta: 1 }, { discountRate: 0.1 })).toBeCloseTo((-Math.log(1 - x) - x) / (x * x), 13);
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.02, max: 1, noNaN: true }), fc.integer({ min: 0, max: 30 }), (alpha, beta, d, n) => {
        const p = { alpha, beta };
        // sum_{k >= 0} S(n + 1 + k) / S(n) / (1 + d)^k, written out from the survival products
        let sum = 0;
        let ratio = 1; // S(n + 1 + k) / S(n)
        for (let k = 0; k < 20000; k++) {
          ratio *= (beta + n + k) / (alpha + beta + n + k);
          const term = ratio / (1 + d) ** k;
          sum += term;
          if (term < 1e-17 * sum) break;
        }
        expect(sbgDerl(p, { discountRate: d, renewals: n })).toBeCloseTo(sum, 9);
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("DERL grows with the renewals made (survivors are the loyal ones), CLV = margin x DERL", () => {
    const derls = [0, 1, 2, 5, 10].map((n) => sbgDerl(highEnd, { discountRate: 0.1, renewals: n }));
    for (let i = 1; i < derls.length; i++) expect(derls[i]!).toBeGreaterThan(derls[i - 1]!);
  });

  it("refuses bad parameters up front", () => {
    expect(() => sbgSurvival({ alpha: 0, beta: 1 }, 1)).toThrow(InvalidOptionError);
    expect(() => sbgSurvival(regular, 1.5)).toThrow(InvalidOptionError);
    expect(() => sbgRetention(regular, 0)).toThrow(InvalidOptionError);
    expect(() => sbgDerl(regular, { discountRate: 0 })).toThrow(InvalidOptionError);
    expect(() => sbgProjection(regular, { from: 5, to: 4 })).toThrow(InvalidOptionError);
  });
});
