/**
 * The BG/NBD sample generators: the fit recovers the parameters the data was drawn with (the generator and the
 * likelihood are independent codings of the model's story in FHL 2005 section 2), transactions and summaries agree,
 * and seeds reproduce.
 */
import { describe, expect, it } from "vitest";
import { expectedPurchases, fitBgNbd, fitMbgNbd, generateBetaGeoSummary, generateTransactions, rfmSummary } from "../../src/index.ts";

const TRUE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe("generateBetaGeoSummary", () => {
  it("a fit on 30,000 drawn customers recovers r, alpha, a, b within 3 standard errors (BG/NBD and MBG/NBD)", () => {
    for (const model of ["bg-nbd", "mbg-nbd"] as const) {
      const params = model === "bg-nbd" ? TRUE : { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, model };
      const s = generateBetaGeoSummary({ customers: 30_000, params, T: { min: 27, max: 39 }, seed: 11 });
      const fit = model === "bg-nbd" ? fitBgNbd(s) : fitMbgNbd(s);
      expect(fit.convergence.converged).toBe(true);
      for (const name of ["r", "alpha", "a", "b"] as const) {
        expect(Math.abs(fit[name]! - params[name]) / fit.standardErrors![name]).toBeLessThan(3);
      }
    }
  });

  it("the mean frequency at a fixed T is E[X(T)] within 3 standard errors of the mean", () => {
    const s = generateBetaGeoSummary({ customers: 50_000, params: TRUE, T: 39, seed: 5 });
    let sum = 0;
    let sq = 0;
    for (const x of s.frequency) {
      sum += x;
      sq += x * x;
    }
    const mean = sum / s.length;
    const se = Math.sqrt((sq / s.length - mean * mean) / s.length);
    expect(Math.abs(mean - expectedPurchases(TRUE, 39)) / se).toBeLessThan(3);
  });

  it("is reproducible by seed and refuses bad options", () => {
    const a = generateBetaGeoSummary({ customers: 50, params: TRUE, T: 10, seed: 2 });
    const b = generateBetaGeoSummary({ customers: 50, params: TRUE, T: 10, seed: 2 });
    expect(Array.from(a.recency)).toEqual(Array.from(b.recency));
    expect(() => generateBetaGeoSummary({ customers: -1, params: TRUE, T: 10 })).toThrow(/customers/);
    expect(() => generateBetaGeoSummary({ customers: 1, params: { ...TRUE, a: 0 }, T: 10 })).toThrow(/params.a/);
    expect(() => generateBetaGeoSummary({ customers: 1, params: TRUE, T: { min: 5, max: 1 } })).toThrow(/"T"/);
  });
});

describe("generateTransactions", () => {
  it("summarised by rfmSummary (days, weeks) it gives the summary generator's customers, with Gamma-Gamma spends", () => {
    const options = { customers: 300, params: TRUE, T: 52, seed: 9, resolution: 1 / 7, spend: { p: 6.25, q: 3.74, gamma: 15.44 } };
    const tx = generateTransactions(options);
    const direct = generateBetaGeoSummary(options);
    // the observation end is day 364 after 2024-01-01: 2024-12-30
    const s = rfmSummary(tx, { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "2024-12-30" });
    expect(s.customers).toBe(300);
    s.rows.forEach((r, i) => {
      expect(r.frequency).toBe(direct.frequency[i]);
      expect(Math.abs(r.recency - direct.recency[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(r.T - direct.T[i]!)).toBeLessThan(1e-9);
      if (r.frequency > 0) expect(Math.abs(r.monetaryValue! / direct.monetaryValue[i]! - 1)).toBeLessThan(1e-12);
    });
    expect(tx.every((t) => t.amount > 0)).toBe(true);
  });
});
