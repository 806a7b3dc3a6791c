import { describe, expect, it } from "vitest";
import { nps } from "../../src/survey/nps.ts";
import { compareNps } from "../../src/survey/compareNps.ts";
import { npsSampleSize } from "../../src/survey/npsSampleSize.ts";
import { twoProportionTest } from "../../src/stats/twoProportionTest.ts";
import { welchTTest } from "../../src/stats/welchTTest.ts";

const answers = (d: number, pas: number, p: number): number[] => [...Array(d).fill(2), ...Array(pas).fill(8), ...Array(p).fill(9)];

describe("compareNps", () => {
  it("two samples: difference, SE = sqrt(SE_a^2 + SE_b^2), z and p (hand computation)", () => {
    const a = nps(answers(20, 30, 50)); // NPS 30, Var = 0.7 - 0.09 = 0.61
    const b = nps(answers(30, 30, 40)); // NPS 10, Var = 0.7 - 0.01 = 0.69
    const c = compareNps(a, b);
    expect(c.difference).toBeCloseTo(20, 12);
    const se = 100 * Math.sqrt(0.61 / 100 + 0.69 / 100);
    expect(c.standardError).toBeCloseTo(se, 10);
    expect(c.z).toBeCloseTo(20 / se, 10);
    // z = 1.754116; two-sided p = 2 * (1 - pnorm(1.754116)) = 0.0794 (R: 2*pnorm(-20/sqrt(130)))
    expect(c.pValue).toBeCloseTo(0.07941, 4);
    expect(c.significant).toBe(false);
    expect(compareNps(a, b, { alternative: "greater" }).pValue).toBeCloseTo(0.07941 / 2, 4);
    expect(compareNps(a, b, { alternative: "less" }).pValue).toBeCloseTo(1 - 0.07941 / 2, 4);
  });

  it("against a benchmark: one-sided test of NPS > 20", () => {
    const a = nps(answers(20, 30, 50));
    const c = compareNps(a, 20, { alternative: "greater" });
    // z = 10 / (100 sqrt(0.61 / 100)) = 1.28037; p = 1 - pnorm(1.28037) = 0.10021
    expect(c.z).toBeCloseTo(10 / (100 * Math.sqrt(0.0061)), 10);
    expect(c.pValue).toBeCloseTo(0.10021, 4);
    expect(c.benchmark).toBe(20);
    // one-sided 95 % lower bound = lower end of the two-sided 90 % interval (adjusted Wald), shifted by the benchmark
    expect(c.ci!.lower).toBeCloseTo(nps(answers(20, 30, 50), { level: 0.9 }).ci!.lower - 20, 10);
    expect(c.ci!.upper).toBe(80);
  });

  it("empty samples give null statistics and zero variance a test on the adjusted SE, never NaN", () => {
    expect(compareNps(nps([]), nps([9]))).toMatchObject({ difference: null, pValue: null, significant: null });
    const c = compareNps(nps([10, 10]), nps([9, 9]));
    // Wald SE is 0 (all promoters in both): the test falls back to the adjusted-Wald SE, z = 0, p = 1
    expect(c).toMatchObject({ difference: 0, z: 0, pValue: 1, significant: false });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it("all promoters against all detractors is tested on the adjusted SE, not left untestable (found in review)", () => {
    // adjusted shares of 40 promoters: pP = 40.75 / 43, pD = 0.75 / 43; Var = pP + pD - (pP - pD)^2; same for 40 detractors
    const pP = 40.75 / 43;
    const pD = 0.75 / 43;
    const v = (pP + pD - (pP - pD) ** 2) / 43;
    const c = compareNps(nps(Array(40).fill(10)), nps(Array(40).fill(0)));
    expect(c.difference).toBe(200);
    expect(c.standardError).toBeCloseTo(100 * Math.sqrt(2 * v), 10);
    expect(c.z).toBeCloseTo(200 / (100 * Math.sqrt(2 * v)), 8);
    expect(c.significant).toBe(true);
    expect(c.pValue).toBeLessThan(1e-100);
    const bench = compareNps(nps(Array(200).fill(10)), 30, { alternative: "greater" });
    expect(bench.significant).toBe(true);
  });
});

describe("npsSampleSize", () => {
  it("worst case and expected shares (hand computation with z = 1.959964)", () => {
    expect(npsSampleSize({ marginOfError: 5 }).n).toBe(1537); // 1.959964^2 / 0.05^2 = 1536.6
    expect(npsSampleSize({ marginOfError: 5, expectedShares: { promoters: 0.5, passives: 0.3, detractors: 0.2 } }).n).toBe(938); // Var 0.61
    expect(npsSampleSize({ marginOfError: 10, expectedNps: 50 }).n).toBe(289); // Var 0.75 -> 288.1
    expect(() => npsSampleSize({ marginOfError: 0 })).toThrow(/marginOfError/);
  });
});

describe("two-proportion z-test and Welch's t-test (R reference values)", () => {
  it("prop.test(c(60, 45), c(100, 100), correct = FALSE): p = 0.03367", () => {
    const t = twoProportionTest(60, 100, 45, 100);
    expect(t.z! ** 2).toBeCloseTo(4.5113, 3); // X-squared
    expect(t.pValue).toBeCloseTo(0.03367, 5);
  });

  it("Welch from summaries: df = 64.297, p = 0.177947 (p by numerical integration of the t density, python)", () => {
    const t = welchTTest({ mean: 5.2, standardDeviation: 1.1, n: 40 }, { mean: 4.8, standardDeviation: 1.4, n: 35 });
    expect(t.df).toBeCloseTo(64.29700186339603, 9);
    expect(t.t).toBeCloseTo(1.3620104492139977, 9);
    expect(t.pValue).toBeCloseTo(0.17794745667109, 9);
  });
});
