/**
 * Known values from sources independent of this library (issue 3, point 10). Each expected value comes from R
 * (stats::qnorm, stats::qt, binom::binom.wilson, prop.test, t.test) and was recomputed independently at 50-60
 * significant digits with mpmath (bisection on erfc and on the regularized incomplete beta function) and with
 * scipy 1.17 (stats.norm.ppf, stats.t.ppf, stats.ttest_ind); the digits below are those shared by the three.
 * None of them was produced by cx-metrics.
 */
import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/stats/normalCdf.ts";
import { normalQuantile } from "../../src/stats/normalQuantile.ts";
import { normalUpperTail } from "../../src/stats/normalUpperTail.ts";
import { zForLevel } from "../../src/stats/zForLevel.ts";
import { studentTQuantile } from "../../src/stats/studentTQuantile.ts";
import { studentTUpperTail } from "../../src/stats/studentTUpperTail.ts";
import { tForLevel } from "../../src/stats/tForLevel.ts";
import { wilsonInterval } from "../../src/stats/wilsonInterval.ts";
import { twoProportionTest } from "../../src/stats/twoProportionTest.ts";
import { welchTTest } from "../../src/stats/welchTTest.ts";
import { nps } from "../../src/survey/nps.ts";
import { csat } from "../../src/survey/csat.ts";
import { ces } from "../../src/survey/ces.ts";

/** |actual - expected| <= rel * |expected|. */
function expectRelative(actual: number | null | undefined, expected: number, rel: number): void {
  expect(actual).toBeTypeOf("number");
  const err = Math.abs((actual as number) - expected);
  if (!(err <= rel * Math.abs(expected))) throw new Error(`${actual} differs from ${expected} by ${err}, more than ${rel} relative`);
}

const repeat = (v: number, k: number): number[] => Array<number>(k).fill(v);

describe("normal distribution: R qnorm / pnorm", () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.95, 1.6448536269514722],
    [0.9, 1.2815515655446004],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612], // qnorm(1e-300) = -37.047096299361199 (mpmath)
  ])("qnorm(%s) = %s to 1e-9 relative", (p, q) => {
    expectRelative(normalQuantile(p), q, 1e-9);
  });

  it("zForLevel gives qnorm(1 - (1 - level) / 2)", () => {
    expectRelative(zForLevel(0.95), 1.959963984540054, 1e-12);
    expectRelative(zForLevel(0.99), 2.5758293035489004, 1e-12);
    expectRelative(zForLevel(0.9), 1.6448536269514722, 1e-12);
  });

  it.each([
    [5, 2.866515718791939e-7], // pnorm(-5)
    [10, 7.619853024160527e-24], // pnorm(-10)
    [20, 2.753624118606234e-89], // pnorm(-20)
    [37, 5.725571222524577e-300], // pnorm(-37)
  ])("upper tail Q(%s) = pnorm(-%s) = %s keeps its relative accuracy in the far tail", (x, q) => {
    expectRelative(normalUpperTail(x), q, 1e-12);
    expectRelative(normalCdf(-x), q, 1e-12);
  });

  it("pnorm(2) = 0.9772498680518208, pnorm(0) = 0.5; quantile limits", () => {
    expectRelative(normalCdf(2), 0.9772498680518208, 1e-14);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(Math.abs(normalQuantile(0.5))).toBeLessThan(1e-15);
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe("Student t: R qt / pt", () => {
  it.each([
    [0.975, 1, 12.706204736174698],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.182446305283708],
    [0.975, 10, 2.228138851986274],
    [0.975, 29, 2.045229642132704],
    [0.975, 30, 2.042272456301238],
    [0.975, 100, 1.983971518523552],
    [0.975, 1000, 1.962339080826408],
    [0.995, 1, 63.656741162871526],
    [0.995, 5, 4.032142983555227],
    [0.95, 2.5, 2.558218614135935], // non-integer df, as in Welch's test
    [0.975, 17.776, 2.102821310380221],
  ])("qt(%s, %s) = %s to 1e-12 relative", (p, df, q) => {
    expectRelative(studentTQuantile(p, df), q, 1e-12);
    expectRelative(studentTQuantile(1 - p, df), -q, 1e-12);
    expectRelative(studentTUpperTail(q, df), 1 - p, 1e-10);
  });

  it("qt(0.975, 1e6) = 1.959966356814107 within 1e-9 relative; tForLevel is two-sided", () => {
    expectRelative(studentTQuantile(0.975, 1e6), 1.959966356814107, 1e-9);
    expectRelative(tForLevel(0.95, 10), 2.228138851986274, 1e-12);
    expectRelative(tForLevel(0.99, 5), 4.032142983555227, 1e-12);
  });
});

describe("Wilson score interval: binom::binom.wilson and prop.test(x, n, correct = FALSE)$conf.int", () => {
  it.each([
    [70, 100, 0.604151453666533, 0.781051147050672],
    [0, 10, 0, 0.277532799862889],
    [1, 1, 0.206549314377237, 1],
    [3, 4, 0.300641842582402, 0.954412739190299],
    [1, 25, 0.00709623350198726, 0.195440637361937],
    [95, 100, 0.888249530768081, 0.978456320845632],
  ])("%s of %s -> [%s, %s]", (x, n, lo, hi) => {
    const w = wilsonInterval(x, n)!;
    if (lo === 0) expect(w.lower).toBe(0);
    else expectRelative(w.lower, lo, 1e-12);
    if (hi === 1) expect(w.upper).toBe(1);
    else expectRelative(w.upper, hi, 1e-12);
  });

  it("90 %: binom.wilson(7, 20, conf.level = 0.9) = [0.2022600, 0.5334873]", () => {
    const w = wilsonInterval(7, 20, 0.9)!;
    expectRelative(w.lower, 0.202260040056761, 1e-12);
    expectRelative(w.upper, 0.533487311151528, 1e-12);
  });

  it("n = 0 gives null", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("csat reports the same intervals in percent (DESIGN 6.2: 70 of 100 -> [60.4, 78.1], 0 of 10 -> [0, 27.8], 1 of 1 -> [20.7, 100])", () => {
    const seventy = csat([...repeat(5, 70), ...repeat(2, 30)]);
    expectRelative(seventy.ci!.lower, 60.4151453666533, 1e-12);
    expectRelative(seventy.ci!.upper, 78.1051147050672, 1e-12);
    expect(Number(seventy.ci!.lower.toFixed(1))).toBe(60.4);
    expect(Number(seventy.ci!.upper.toFixed(1))).toBe(78.1);
    const none = csat(repeat(1, 10));
    expect([none.ci!.lower, Number(none.ci!.upper.toFixed(1))]).toEqual([0, 27.8]);
    const one = csat([4]);
    expect([Number(one.ci!.lower.toFixed(1)), one.ci!.upper]).toEqual([20.7, 100]);
    const binary = csat([true, true, true, false], { scale: "binary" });
    expectRelative(binary.ci!.lower, 30.0641842582402, 1e-12);
    expectRelative(binary.ci!.upper, 95.4412739190299, 1e-12);
  });
});

describe("two-proportion test: prop.test(c(60, 45), c(100, 100), correct = FALSE)", () => {
  it("X-squared = 4.511278195488721, p-value = 0.033672068856345896 (scipy chi2_contingency, correction=False)", () => {
    const t = twoProportionTest(60, 100, 45, 100);
    expectRelative(t.z! ** 2, 4.511278195488721, 1e-12);
    expectRelative(t.pValue!, 0.033672068856345896, 1e-10);
    expectRelative(t.difference, 0.15, 1e-14);
  });
});

describe("Welch's t-test: R t.test(extra ~ group, data = sleep)", () => {
  // R prints: t = -1.8608, df = 17.776, p-value = 0.07939; 95 percent CI -3.3654832 0.2054832.
  const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const summary = (xs: number[]): { mean: number; standardDeviation: number; n: number } => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
    return { mean, standardDeviation: Math.sqrt(ss / (xs.length - 1)), n: xs.length };
  };

  it("t = -1.8608134674868526, df = 17.776473516178488, p = 0.0793941401873583, CI [-3.3654832307117104, 0.20548323071171137]", () => {
    const t = welchTTest(summary(g1), summary(g2));
    expectRelative(t.t!, -1.8608134674868526, 1e-12);
    expectRelative(t.df, 17.776473516178488, 1e-12);
    expectRelative(t.pValue!, 0.0793941401873583, 1e-10);
    expectRelative(t.ci.lower, -3.3654832307117104, 1e-11);
    expectRelative(t.ci.upper, 0.20548323071171137, 1e-10);
    expectRelative(t.difference, -1.58, 1e-12);
  });

  it("one-sided p-values split the two-sided one", () => {
    const less = welchTTest(summary(g1), summary(g2), 0.95, "less");
    const greater = welchTTest(summary(g1), summary(g2), 0.95, "greater");
    expectRelative(less.pValue!, 0.0793941401873583 / 2, 1e-10);
    expectRelative(greater.pValue!, 1 - 0.0793941401873583 / 2, 1e-12);
  });
});

describe("NPS worked values of DESIGN 6.1 at full precision (hand formulas evaluated with mpmath)", () => {
  const answers = (d: number, pas: number, p: number): number[] => [...repeat(0, d), ...repeat(8, pas), ...repeat(9, p)];

  it("(2, 0, 9): Wald lower 18.051011759803357, upper clipped to 100", () => {
    const r = nps(answers(2, 0, 9), { interval: "wald" });
    expectRelative(r.score!, 700 / 11, 1e-14);
    expectRelative(r.ci!.lower, 18.051011759803357, 1e-12);
    expect(r.ci!.upper).toBe(100);
  });

  it("(2, 0, 9): adjusted Wald [8.000771759855991, 91.99922824014401], centre 50", () => {
    const r = nps(answers(2, 0, 9));
    expectRelative(r.ci!.lower, 8.000771759855991, 1e-12);
    expectRelative(r.ci!.upper, 91.99922824014401, 1e-12);
    expectRelative(r.score!, 700 / 11, 1e-14); // the raw score is reported, not the adjusted centre
  });

  it("one promoter: [-48.49864942025202, 98.49864942025202]", () => {
    const r = nps([9]);
    expectRelative(r.ci!.lower, -48.49864942025202, 1e-12);
    expectRelative(r.ci!.upper, 98.49864942025202, 1e-12);
  });

  it("(1, 2, 3): SE = 100 sqrt(5/54) = 30.429030972509228 points", () => {
    const r = nps(answers(1, 2, 3));
    expectRelative(r.standardError!, 30.429030972509228, 1e-13);
    expect(r.shares).toEqual({ promoters: 0.5, passives: 1 / 3, detractors: 1 / 6 });
  });
});

describe("CES Student-t interval with R's qt", () => {
  it("[7, 6, 5, 2] -> 5 -/+ qt(0.975, 3) sqrt(14/3) / 2", () => {
    const r = ces([7, 6, 5, 2]);
    expectRelative(r.ci!.lower, 5 - (3.182446305283708 * Math.sqrt(14 / 3)) / 2, 1e-12);
    expect(r.ci!.upper).toBe(7);
  });

  it("[3, 4, 5] x 5 at 99 %: 4 -/+ qt(0.995, 14) = 2.9768427343708344 * sqrt(10/14) / sqrt(15)", () => {
    const r = ces([3, 4, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5], { level: 0.99 });
    const half = (2.9768427343708344 * Math.sqrt(10 / 14)) / Math.sqrt(15);
    expectRelative(r.ci!.lower, 4 - half, 1e-12);
    expectRelative(r.ci!.upper, 4 + half, 1e-12);
  });
});
