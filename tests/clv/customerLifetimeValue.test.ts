/**
 * customerLifetimeValue and predictPurchases on CDNOW (cdnow_customers_summary_with_transactions.csv, weeks).
 *
 * Published values: lifetimes' README ("Estimating customer lifetime value using the Gamma-Gamma model"):
 * BG/NBD and Gamma-Gamma (penalizer 0) fitted on the CDNOW summary with monetary values, then
 * `ggf.customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01)` prints for customers 1..10
 * 140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574.
 * That call uses lifetimes' default freq="D", i.e. a "month" of 30 time units, on weekly data: reproduced here with
 * monthLength: 30 (and the default month of 30.4375 / 7 weeks is checked separately).
 * The delta-method intervals are checked against a seeded simulation of the estimates' normal distribution written
 * in this file.
 */
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, customerLifetimeValue, expectedAverageSpend, fitBgNbd, fitGammaGamma, predictPurchases, rfmSummary, seededRandom } from "../../src/index.ts";
import { readNumberCsv } from "./cdnowFiles.ts";

const rows = readNumberCsv("cdnow_customers_summary_with_transactions.csv");
const data = {
  customerId: rows.map((r) => r.ID!),
  frequency: rows.map((r) => r.x!),
  recency: rows.map((r) => r.t_x!),
  T: rows.map((r) => r.T!),
  monetaryValue: rows.map((r) => r.zbar!),
  timeUnit: "weeks" as const,
};
const bg = fitBgNbd(data);
const gg = fitGammaGamma(data);
if (!gg.fitted) throw new Error("Gamma-Gamma did not fit");

describe("customerLifetimeValue", () => {
  it("reproduces lifetimes' README CLVs for customers 1-10 (12 months, 1% a month, its 30-unit month) within 1e-6 relative", () => {
    const v = customerLifetimeValue(bg, data, { spend: gg, months: 12, discountRate: 0.01, monthLength: 30 });
    const published = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
    published.forEach((want, i) => expect(Math.abs(v.customers[i]!.clv.value / want - 1)).toBeLessThan(1e-6));
    expect(v.monthLength).toBe(30);
  });

  it("by default a month is 30.4375 days = 4.348 weeks, and the formula is the discounted sum of monthly increments", () => {
    const v = customerLifetimeValue(bg, data, { spend: gg, months: 3, discountRate: 0.02, margin: 0.3 });
    expect(v.monthLength).toBeCloseTo(30.4375 / 7, 12);
    expect(v.timeUnit).toBe("weeks");
    const h = { frequency: 2, recency: 30.43, T: 38.86 };
    const L = 30.4375 / 7;
    const E = (t: number): number => conditionalExpectedPurchases(bg, h, t);
    const spend = expectedAverageSpend(gg, 2, 22.35);
    const want = 0.3 * spend * ((E(L) - 0) / 1.02 + (E(2 * L) - E(L)) / 1.02 ** 2 + (E(3 * L) - E(2 * L)) / 1.02 ** 3);
    expect(Math.abs(v.customers[0]!.clv.value / want - 1)).toBeLessThan(1e-12);
    expect(v.customers[0]!.expectedSpend).toBe(spend);
    expect(Math.abs(v.customers[0]!.expectedPurchases - E(3 * L))).toBeLessThan(1e-12);
  });

  it("takes spends as an array, sums the base, and has an interval that contains the value", () => {
    const spends = data.frequency.map(() => 10);
    const v = customerLifetimeValue(bg, data, { expectedSpend: spends, months: 12 });
    let sum = 0;
    for (const c of v.customers) {
      sum += c.clv.value;
      expect(c.clv.lower!).toBeLessThanOrEqual(c.clv.value);
      expect(c.clv.upper!).toBeGreaterThanOrEqual(c.clv.value);
    }
    expect(Math.abs(v.total.value / sum - 1)).toBeLessThan(1e-12);
    expect(v.interval).toBe("delta-method");
    expect(v.total.lower!).toBeLessThan(v.total.value);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it("a spend model with a log-parameter covariance widens the intervals by V^2 g' C g (g: analytic gradient of the spend)", () => {
    const C = [[0.004, 0.001, 0], [0.001, 0.006, 0.002], [0, 0.002, 0.009]]; // any covariance of (ln p, ln q, ln gamma)
    const without = customerLifetimeValue(bg, data, { spend: { p: gg.p, q: gg.q, gamma: gg.gamma }, months: 12 });
    const withSpend = customerLifetimeValue(bg, data, { spend: { p: gg.p, q: gg.q, gamma: gg.gamma, logCovariance: C }, months: 12 });
    expect(without.spendUncertainty).toBe(false);
    expect(withSpend.spendUncertainty).toBe(true);
    const z = 1.959963984540054;
    const variance = (e: { value: number; upper: number | null }): number => ((e.value * Math.log(e.upper! / e.value)) / z) ** 2;
    const { p, q, gamma } = gg;
    for (const i of [0, 2, 5]) {
      const x = data.frequency[i]!;
      const m = x > 0 ? data.monetaryValue[i]! : 0;
      const den = p * x + q - 1;
      const g = [p * ((gamma + x * m) * (q - 1)) / den ** 2, (q * -p * (gamma + x * m)) / den ** 2, (gamma * p) / den];
      let gCg = 0;
      for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) gCg += g[j]! * C[j]![k]! * g[k]!;
      const c0 = without.customers[i]!;
      const V = c0.clv.value / c0.expectedSpend;
      const want = variance(c0.clv) + V * V * gCg;
      expect(Math.abs(variance(withSpend.customers[i]!.clv) / want - 1)).toBeLessThan(1e-6);
    }
    expect(withSpend.total.upper!).toBeGreaterThan(without.total.upper!);
    expect(() => customerLifetimeValue(bg, data, { spend: { p, q, gamma, logCovariance: [[1]] } })).toThrow(/logCovariance/);
  });

  it("a fitGammaGamma result passed as spend carries its logCovariance into the intervals: every interval widens", () => {
    if (gg.logCovariance === null) throw new Error("no Gamma-Gamma covariance");
    const known = customerLifetimeValue(bg, data, { spend: { p: gg.p, q: gg.q, gamma: gg.gamma }, months: 12 });
    const fitted = customerLifetimeValue(bg, data, { spend: gg, months: 12 });
    const explicit = customerLifetimeValue(bg, data, { spend: { p: gg.p, q: gg.q, gamma: gg.gamma, logCovariance: gg.logCovariance }, months: 12 });
    expect(known.spendUncertainty).toBe(false);
    expect(fitted.spendUncertainty).toBe(true);
    expect(fitted.total).toEqual(explicit.total);
    expect(fitted.total.value).toBe(known.total.value);
    const width = (e: { lower: number | null; upper: number | null }): number => e.upper! - e.lower!;
    expect(width(fitted.total)).toBeGreaterThan(width(known.total) * 1.01);
    for (let i = 0; i < fitted.customers.length; i++) {
      const f = fitted.customers[i]!.clv;
      const k = known.customers[i]!.clv;
      if (k.value === 0) continue;
      expect(f.upper!, `customer ${i}`).toBeGreaterThan(k.upper!);
      expect(f.lower!, `customer ${i}`).toBeLessThan(k.lower!);
    }
  });

  it("refuses a Gamma-Gamma spend on a summary whose monetary value includes the first purchase; expectedSpend still works", () => {
    const tx = [{ customerId: 1, at: "2024-01-01", amount: 100 }, { customerId: 1, at: "2024-01-08", amount: 10 }, { customerId: 1, at: "2024-01-15", amount: 10 }];
    const s = rfmSummary(tx, { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "2024-02-01", includeFirstPurchase: true });
    expect(() => customerLifetimeValue(bg, s, { spend: gg })).toThrow(/includeFirstPurchase/);
    expect(customerLifetimeValue(bg, s, { expectedSpend: [10] }).customers).toHaveLength(1);
  });

  it("published parameters (no covariance) give values without intervals", () => {
    const v = customerLifetimeValue({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, data, { spend: { p: 6.25, q: 3.74, gamma: 15.44 } });
    expect(v.interval).toBeNull();
    expect(v.customers[0]!.clv.lower).toBeNull();
    expect(v.total.upper).toBeNull();
  });

  it("refuses what it cannot use: no spend or both, bad months, rates, margins, a unit-less month", () => {
    expect(() => customerLifetimeValue(bg, data, {})).toThrow(/spend/);
    expect(() => customerLifetimeValue(bg, data, { spend: gg, expectedSpend: [1] })).toThrow(/spend/);
    expect(() => customerLifetimeValue(bg, data, { spend: gg, months: 0 })).toThrow(/months/);
    expect(() => customerLifetimeValue(bg, data, { spend: gg, discountRate: -1 })).toThrow(/discountRate/);
    expect(() => customerLifetimeValue(bg, data, { spend: gg, margin: 1.5 })).toThrow(/margin/);
    expect(() => customerLifetimeValue(bg, data, { expectedSpend: [1, 2] })).toThrow(/expectedSpend/);
    const noUnit = { frequency: [1], recency: [1], T: [2] };
    expect(() => customerLifetimeValue({ r: 1, alpha: 1, a: 1, b: 1 }, noUnit, { expectedSpend: [1] })).toThrow(/monthLength/);
    expect(customerLifetimeValue({ r: 1, alpha: 1, a: 2, b: 1 }, noUnit, { expectedSpend: [1], monthLength: 4 }).customers).toHaveLength(1);
  });

  it("empty data gives no customers and a zero total", () => {
    const v = customerLifetimeValue(bg, { frequency: [], recency: [], T: [], timeUnit: "weeks" }, { expectedSpend: [] });
    expect(v.customers).toEqual([]);
    expect(v.total.value).toBe(0);
  });
});

describe("predictPurchases", () => {
  const pred = predictPurchases(bg, data, { horizon: 39 });

  it("gives each customer's conditional expectation and P(alive) now and at the horizon", () => {
    const c = pred.customers[0]!;
    expect(Math.abs(c.expectedPurchases.value - 1.226)).toBeLessThan(1e-3); // Hardie's Excel note
    expect(c.probabilityAliveAtHorizon).toBeLessThan(c.probabilityAlive);
    expect(pred.customers).toHaveLength(2357);
    expect(pred.timeUnit).toBe("weeks");
    let sum = 0;
    for (const p of pred.customers) sum += p.expectedPurchases.value;
    expect(Math.abs(pred.total.value / sum - 1)).toBeLessThan(1e-12);
  });

  it("delta-method standard errors agree with a seeded simulation of the estimates (within 10%)", () => {
    // theta ~ N(theta_hat, C) in the log parameters, C the fit's logCovariance; Cholesky by hand.
    const C = bg.logCovariance!;
    const L = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j <= i; j++) {
        let s = C[i]![j]!;
        for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
        L[i]![j] = i === j ? Math.sqrt(s) : s / L[j]![j]!;
      }
    }
    const rng = seededRandom(7);
    const theta = [bg.r!, bg.alpha!, bg.a!, bg.b!].map(Math.log);
    const draws = 4000;
    const picks = [0, 1, 5]; // customers 1, 2 and 6 (x = 2, 1, 14)
    const sums = picks.map(() => [0, 0]);
    const total = [0, 0];
    const subset = { ...data, frequency: picks.map((i) => data.frequency[i]!), recency: picks.map((i) => data.recency[i]!), T: picks.map((i) => data.T[i]!), customerId: picks, monetaryValue: picks.map(() => 0) };
    for (let d = 0; d < draws; d++) {
      const z = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
      const t = theta.map((v, i) => v + L[i]!.reduce((s, l, k) => s + l * z[k]!, 0)).map(Math.exp);
      const params = { r: t[0]!, alpha: t[1]!, a: t[2]!, b: t[3]! };
      let tot = 0;
      picks.forEach((i, j) => {
        const e = conditionalExpectedPurchases(params, { frequency: data.frequency[i]!, recency: data.recency[i]!, T: data.T[i]! }, 39);
        sums[j]![0]! += e;
        sums[j]![1]! += e * e;
        tot += e;
      });
      total[0]! += tot;
      total[1]! += tot * tot;
    }
    const sd = ([s, s2]: number[]): number => Math.sqrt(s2! / draws - (s! / draws) ** 2);
    const ours = predictPurchases(bg, subset, { horizon: 39, level: 0.95 });
    const z975 = 1.959963984540054;
    // log-scale interval: se = value * ln(upper / value) / z
    const seOf = (e: { value: number; upper: number | null }): number => (e.value * Math.log(e.upper! / e.value)) / z975;
    picks.forEach((_, j) => expect(Math.abs(seOf(ours.customers[j]!.expectedPurchases) / sd(sums[j]!) - 1)).toBeLessThan(0.1));
    expect(Math.abs(seOf(ours.total) / sd(total) - 1)).toBeLessThan(0.1);
  });

  it("refuses a missing horizon", () => {
    expect(() => predictPurchases(bg, data, { horizon: -1 })).toThrow(/horizon/);
  });
});
