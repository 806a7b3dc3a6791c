import { gammaln } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { expectedAverageSpend } from "../../src/clv/expectedAverageSpend.ts";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";
import { readCdnowSample, readNumberCsv } from "./cdnowFiles.ts";

const summary = rfmSummary(readCdnowSample(), { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "1997-09-30" });
const csv = readNumberCsv("cdnow_customers_summary_with_transactions.csv");
const csvColumns = { frequency: csv.map((r) => r["x"]!), recency: csv.map((r) => r["t_x"]!), T: csv.map((r) => r["T"]!), monetaryValue: csv.map((r) => r["zbar"]!) };

describe("fitGammaGamma on CDNOW (Fader, Hardie & Lee 2005b; DESIGN 6.6)", () => {
  const fit = fitGammaGamma(summary);

  it("reproduces p = 6.25, q = 3.74, gamma = 15.44 as printed, and the maximum-likelihood gamma 15.448 within 0.01", () => {
    if (!fit.fitted) throw new Error("not fitted");
    expect(fit.customers).toBe(946);
    expect(fit.excluded).toBe(2357 - 946);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.p - 6.25)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(fit.q - 3.74)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(fit.gamma - 15.448)).toBeLessThanOrEqual(0.01);
    expect(fit.standardErrors).not.toBeNull();
    expect(fit.populationMean).toBeCloseTo((fit.p * fit.gamma) / (fit.q - 1), 12);
  });

  it("on lifetimes' CSV (x, zbar printed to cents) gives lifetimes' fit p 6.25, q 3.74, v 15.45 and its conditional expected average profits", () => {
    // lifetimes README (Quickstart, "Estimating customer lifetime value using the Gamma-Gamma model of monetary value"):
    // GammaGammaFitter(penalizer_coef=0) on the 946 returning customers: p: 6.25, q: 3.74, v: 15.45; then
    // conditional_expected_average_profit for customers 1..10: 24.658619, 18.911489, 35.170981 (x = 0), 35.170981,
    // 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981; and the correlation of frequency and
    // monetary value among returning customers, 0.113884.
    const f = fitGammaGamma(csvColumns);
    if (!f.fitted) throw new Error("not fitted");
    expect([f.p, f.q, f.gamma].map((v) => Math.round(v * 100) / 100)).toEqual([6.25, 3.74, 15.45]);
    const published = [24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981, 27.282408, 35.170981];
    published.forEach((e, i) => expect(Math.abs(expectedAverageSpend(f, csvColumns.frequency[i]!, csvColumns.monetaryValue[i]!) - e), `customer ${i + 1}`).toBeLessThan(1e-3));
    expect(Math.abs(f.frequencySpendCorrelation! - 0.113884)).toBeLessThan(5e-7);
  });

  it("the log-likelihood equals an independent numerical integration of the individual-level model", () => {
    // m | nu ~ Gamma(shape p x, rate nu x) (the mean of x Gamma(p, nu) spends), nu ~ Gamma(q, gamma): integrate over nu.
    if (!fit.fitted) throw new Error("not fitted");
    const { p, q, gamma } = fit;
    const marginal = (x: number, m: number): number => {
      // log f(m | nu) + log g(nu), with the gammaln constants taken out of the loop; trapezoid rule in u = log nu
      const a = p * x;
      const c = a * Math.log(x) - gammaln(a) + (a - 1) * Math.log(m) + q * Math.log(gamma) - gammaln(q);
      const lo = -12;
      const hi = 6;
      const steps = 3000;
      const h = (hi - lo) / steps;
      let s = 0;
      for (let k = 0; k <= steps; k++) {
        const u = lo + k * h;
        const nu = Math.exp(u);
        s += (k === 0 || k === steps ? 0.5 : 1) * Math.exp(c + a * u - nu * x * m + (q - 1) * u - gamma * nu + u);
      }
      return Math.log(s * h);
    };
    const repeat = summary.rows.filter((r) => r.frequency > 0);
    const ll = repeat.reduce((acc, r) => acc + marginal(r.frequency, r.monetaryValue!), 0);
    expect(fit.logLikelihood).toBeCloseTo(ll, 4);
  });

  it("reports the frequency-spend correlation of the repeat customers (the independence check)", () => {
    const repeat = summary.rows.filter((r) => r.frequency > 0);
    const xs = repeat.map((r) => r.frequency);
    const ms = repeat.map((r) => r.monetaryValue!);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const mm = ms.reduce((a, b) => a + b, 0) / ms.length;
    const cov = xs.reduce((a, x, i) => a + (x - mx) * (ms[i]! - mm), 0);
    const r = cov / Math.sqrt(xs.reduce((a, x) => a + (x - mx) ** 2, 0) * ms.reduce((a, m) => a + (m - mm) ** 2, 0));
    expect(fit.frequencySpendCorrelation).toBeCloseTo(r, 12);
    expect(Math.abs(r - 0.113884)).toBeLessThan(0.001); // lifetimes' 0.113884 was on zbar rounded to cents
  });

  it("returns logCovariance, the covariance of (ln p, ln q, ln gamma): equal to an independent inverse Hessian and to the natural SEs by the delta method", () => {
    if (!fit.fitted || fit.logCovariance === null || fit.standardErrors === null) throw new Error("no covariance");
    const C = fit.logCovariance;
    // Independent: the Gamma-Gamma log-likelihood written here from Fader & Hardie (2013) eq. 3, a 5-point-stencil
    // Hessian in the log parameters with its own step, inverted by cofactors.
    const repeat = summary.rows.filter((r) => r.frequency > 0);
    const nll = (t: readonly number[]): number => {
      const [p, q, g] = t.map(Math.exp) as [number, number, number];
      let s = 0;
      for (const r of repeat) {
        const x = r.frequency;
        const m = r.monetaryValue!;
        s -= gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(g) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(g + m * x);
      }
      return s;
    };
    const t0 = [Math.log(fit.p), Math.log(fit.q), Math.log(fit.gamma)];
    const h = 2e-3;
    const shifted = (i: number, di: number, j: number, dj: number): number => {
      const t = t0.slice();
      t[i]! += di * h;
      t[j]! += dj * h;
      return nll(t);
    };
    const H = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (shifted(i, 1, j, 1) - shifted(i, 1, j, -1) - shifted(i, -1, j, 1) + shifted(i, -1, j, -1)) / (4 * h * h)));
    const [[a, b, c], [d, e, f], [g, k, l]] = H as [[number, number, number], [number, number, number], [number, number, number]];
    const det = a * (e * l - f * k) - b * (d * l - f * g) + c * (d * k - e * g);
    const inverse = [
      [(e * l - f * k) / det, (c * k - b * l) / det, (b * f - c * e) / det],
      [(f * g - d * l) / det, (a * l - c * g) / det, (c * d - a * f) / det],
      [(d * k - e * g) / det, (b * g - a * k) / det, (a * e - b * d) / det],
    ];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(C[i]![j]! - inverse[i]![j]!), `C[${i}][${j}]`).toBeLessThan(0.02 * Math.sqrt(inverse[i]![i]! * inverse[j]![j]!));
    // Delta method back to the natural scale: Var(p) = p^2 Var(ln p), against the natural-parameter Hessian's SEs.
    const natural = [fit.p, fit.q, fit.gamma];
    const se = [fit.standardErrors.p, fit.standardErrors.q, fit.standardErrors.gamma];
    for (let i = 0; i < 3; i++) expect(Math.abs((natural[i]! * Math.sqrt(C[i]![i]!)) / se[i]! - 1), `se ${i}`).toBeLessThan(0.02);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it("a penalty shrinks the parameters, as lifetimes' penalizer_coef does", () => {
    const penalised = fitGammaGamma(summary, { penalty: 0.01 });
    if (!fit.fitted || !penalised.fitted) throw new Error("not fitted");
    expect(penalised.p ** 2 + penalised.q ** 2 + penalised.gamma ** 2).toBeLessThan(fit.p ** 2 + fit.q ** 2 + fit.gamma ** 2);
    expect(penalised.logLikelihood).toBeLessThan(fit.logLikelihood);
  });
});

describe("fitGammaGamma: inputs", () => {
  it("rejects a non-positive spend with a clear error naming the customer", () => {
    const rows = summary.rows.map((r) => ({ ...r }));
    const i = rows.findIndex((r) => r.frequency > 0);
    rows[i]!.monetaryValue = -5;
    expect(() => fitGammaGamma(rows)).toThrow(InvalidRecordError);
    expect(() => fitGammaGamma(rows)).toThrow(new RegExp(`fitGammaGamma: record ${i} field "monetaryValue" is -5, expected a mean spend > 0`));
    rows[i]!.monetaryValue = 0;
    expect(() => fitGammaGamma(rows)).toThrow(/is 0, expected a mean spend > 0/);
  });

  it("refuses a summary whose monetary value includes the first purchase (the likelihood is for the mean of the x repeat spends)", () => {
    const withFirst = rfmSummary(readCdnowSample(), { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "1997-09-30", includeFirstPurchase: true });
    expect(() => fitGammaGamma(withFirst)).toThrow(InvalidOptionError);
    expect(() => fitGammaGamma(withFirst)).toThrow(/includeFirstPurchase/);
  });

  it("says to pass an amount accessor when the summary has no spends", () => {
    const noAmounts = rfmSummary(readCdnowSample(), { timeUnit: "weeks", observationEnd: "1997-09-30" });
    expect(() => fitGammaGamma(noAmounts)).toThrow(/build the summary with an `amount` accessor/);
  });

  it("no repeat customer gives fitted: false and null figures, never a throw", () => {
    const f = fitGammaGamma({ frequency: [0, 0], recency: [0, 0], T: [3, 4] });
    expect(f).toMatchObject({ fitted: false, p: null, q: null, gamma: null, logCovariance: null, customers: 0, excluded: 2, frequencySpendCorrelation: null });
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });

  it("validates options", () => {
    expect(() => fitGammaGamma(summary, { penalty: -1 })).toThrow(InvalidOptionError);
    expect(() => fitGammaGamma(summary, { initial: { p: 0, q: 1, gamma: 1 } })).toThrow(/initial\.p/);
  });
});

