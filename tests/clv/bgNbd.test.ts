/**
 * BG/NBD and MBG/NBD on CDNOW (../shared/data/cdnow/cdnow_customers_summary.csv, 2,357 customers, weeks).
 *
 * Published values used:
 * - BG/NBD MLE r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4: Fader, Hardie & Lee (2005),
 *   "Counting your customers the easy way", Marketing Science 24(2), section 5 (also DESIGN 6.6, the data README).
 * - E[X(t)] at t = 0.1429, 1, 3, 31.8571, 32, 78 = 0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576, and the
 *   conditional expectation 1.226 for x = 2, t_x = 30.43, T = 38.86, t = 39: Hardie's Excel note
 *   "Implementing the BG/NBD model for customer base analysis in Excel", as tested in lifetimes
 *   (tests/test_estimation.py: test_expectation_returns_same_value_Hardie_excel_sheet, decimal=3, and
 *   test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet, within 0.001).
 * - MBG/NBD MLE r = 0.525, alpha = 6.183, a = 0.891, b = 1.614: BTYDplus, as tested in lifetimes
 *   (test_params_out_is_close_to_BTYDplus, decimal=3).
 * The likelihood check uses a direct product-form implementation of eq. 6 written here, not the code under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, expectedPurchases, fitBgNbd, fitMbgNbd, probabilityAlive, probabilityOfPurchases, type BetaGeoParams } from "../../src/index.ts";
import { readNumberCsv } from "./cdnowFiles.ts";

const rows = readNumberCsv("cdnow_customers_summary.csv");
const cdnow = {
  frequency: rows.map((r) => r.frequency!),
  recency: rows.map((r) => r.recency!),
  T: rows.map((r) => r.T!),
  timeUnit: "weeks" as const,
};
const PUBLISHED: BetaGeoParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SEED = { seed: 20260606, numRuns: 200 };

/** Eq. 6 of FHL (2005) as printed, without logs: Gamma ratios as products, B ratios as products. */
function directLikelihood(p: BetaGeoParams, x: number, tx: number, T: number, s = 0): number {
  const { r, alpha, a, b } = p;
  let gammaRatio = 1; // Gamma(r + x) / Gamma(r)
  for (let j = 0; j < x; j++) gammaRatio *= r + j;
  let betaRatio = 1; // B(a, b + x + s) / B(a, b) = prod_{j < x + s} (b + j) / (a + b + j)
  for (let j = 0; j < x + s; j++) betaRatio *= (b + j) / (a + b + j);
  const alive = Math.pow(alpha + T, -(r + x));
  const dead = x > 0 || s === 1 ? (a / (b + x - 1 + s)) * Math.pow(alpha + tx, -(r + x)) : 0;
  return gammaRatio * Math.pow(alpha, r) * betaRatio * (alive + dead);
}

function directLogLikelihood(p: BetaGeoParams, s = 0): number {
  let ll = 0;
  for (let i = 0; i < rows.length; i++) ll += Math.log(directLikelihood(p, cdnow.frequency[i]!, cdnow.recency[i]!, cdnow.T[i]!, s));
  return ll;
}

const fit = fitBgNbd(cdnow);
const mbg = fitMbgNbd(cdnow);

describe("fitBgNbd on CDNOW", () => {
  it("reproduces the published estimates r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4 (FHL 2005)", () => {
    expect(fit.fitted).toBe(true);
    expect(fit.convergence.converged).toBe(true);
    expect(Math.abs(fit.r! - 0.243)).toBeLessThan(5e-4);
    expect(Math.abs(fit.alpha! - 4.414)).toBeLessThan(5e-4);
    expect(Math.abs(fit.a! - 0.793)).toBeLessThan(5e-4);
    expect(Math.abs(fit.b! - 2.426)).toBeLessThan(5e-4);
    expect(Math.abs(fit.logLikelihood! - -9582.4)).toBeLessThan(0.05);
    expect(fit.timeUnit).toBe("weeks");
    expect(fit.n).toBe(2357);
    expect(fit.patterns).toBeLessThan(2357);
  });

  it("its log-likelihood equals a direct (non-log, product-form) eq. 6, at the published values and at the estimate", () => {
    expect(Math.abs(directLogLikelihood(PUBLISHED) - -9582.4)).toBeLessThan(0.05);
    const at = { r: fit.r!, alpha: fit.alpha!, a: fit.a!, b: fit.b! };
    expect(Math.abs(fit.logLikelihood! - directLogLikelihood(at))).toBeLessThan(1e-8 * 9582);
    // and it is a maximum of the direct likelihood: nudging any parameter by 1% lowers it
    for (const name of ["r", "alpha", "a", "b"] as const) {
      for (const f of [0.99, 1.01]) expect(directLogLikelihood({ ...at, [name]: at[name] * f })).toBeLessThan(fit.logLikelihood!);
    }
  });

  it("standard errors agree with an independent Hessian of the direct likelihood in the natural parameters (within 2%)", () => {
    const at = [fit.r!, fit.alpha!, fit.a!, fit.b!];
    const f = (v: number[]): number => -directLogLikelihood({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! });
    const h = at.map((v) => v * 1e-3);
    const H = at.map((_, i) =>
      at.map((__, j) => {
        const e = (di: number, dj: number): number => f(at.map((v, k) => v + (k === i ? di * h[i]! : 0) + (k === j ? dj * h[j]! : 0)));
        return (e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h[i]! * h[j]!);
      }),
    );
    // invert the 4x4 by Gauss-Jordan here (no library)
    const n = 4;
    const A = H.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
    for (let c = 0; c < n; c++) {
      const p = A[c]![c]!;
      for (let j = 0; j < 2 * n; j++) A[c]![j]! /= p;
      for (let r = 0; r < n; r++) if (r !== c) { const m = A[r]![c]!; for (let j = 0; j < 2 * n; j++) A[r]![j]! -= m * A[c]![j]!; }
    }
    const se = A.map((row, i) => Math.sqrt(row[n + i]!));
    const ours = [fit.standardErrors!.r, fit.standardErrors!.alpha, fit.standardErrors!.a, fit.standardErrors!.b];
    ours.forEach((v, i) => expect(Math.abs(v / se[i]! - 1)).toBeLessThan(0.02));
    expect(fit.covariance![0]![0]).toBeCloseTo(ours[0]! ** 2, 12);
  });

  it("E[X(t)] matches Hardie's Excel values (lifetimes test, 3 decimals)", () => {
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(expectedPurchases(fit, t) - expected[i]!)).toBeLessThan(1.5e-3));
  });

  it("conditional expected purchases in 39 weeks for x = 2, t_x = 30.43, T = 38.86 is 1.226 (Hardie's Excel note)", () => {
    expect(Math.abs(conditionalExpectedPurchases(fit, { frequency: 2, recency: 30.43, T: 38.86 }, 39) - 1.226)).toBeLessThan(1e-3);
    expect(Math.abs(conditionalExpectedPurchases(PUBLISHED, { frequency: 2, recency: 30.43, T: 38.86 }, 39) - 1.226)).toBeLessThan(1e-3);
  });

  it("the L2 penalty shrinks every parameter, more with a larger coefficient (lifetimes test_penalizer_term_will_shrink_coefs_to_0)", () => {
    const p1 = fitBgNbd(cdnow, { penalty: 0.1 });
    const p2 = fitBgNbd(cdnow, { penalty: 10 });
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(p1[name]!).toBeLessThan(fit[name]!);
      expect(p2[name]!).toBeLessThan(p1[name]!);
    }
    expect(p1.penalty).toBe(0.1);
  });

  it("weights: pre-compressed patterns fit the same as the rows", () => {
    const counts = new Map<string, number>();
    rows.forEach((r) => counts.set(`${r.frequency},${r.recency},${r.T}`, (counts.get(`${r.frequency},${r.recency},${r.T}`) ?? 0) + 1));
    const keys = [...counts.keys()].map((k) => k.split(",").map(Number));
    const w = fitBgNbd({ frequency: keys.map((k) => k[0]!), recency: keys.map((k) => k[1]!), T: keys.map((k) => k[2]!) }, { weights: [...counts.values()] });
    expect(w.n).toBe(2357);
    expect(Math.abs(w.logLikelihood! - fit.logLikelihood!)).toBeLessThan(1e-6);
    expect(Math.abs(w.r! - fit.r!)).toBeLessThan(1e-5);
    expect(w.timeUnit).toBeNull();
  });

  it("scaling every time by 10 scales alpha by 10 and leaves P(alive) unchanged (lifetimes test_scaling_inputs)", () => {
    const big = fitBgNbd({ frequency: cdnow.frequency, recency: cdnow.recency.map((v) => v * 10), T: cdnow.T.map((v) => v * 10) });
    expect(Math.abs(big.alpha! / fit.alpha! - 10)).toBeLessThan(1e-3);
    expect(Math.abs(probabilityAlive(big, { frequency: 1, recency: 20, T: 100 }) - probabilityAlive(fit, { frequency: 1, recency: 2, T: 10 }))).toBeLessThan(1e-4);
  });

  it("a customer with frequency in the hundreds fits and evaluates without overflow", () => {
    const heavy = { frequency: [...cdnow.frequency, 300, 450], recency: [...cdnow.recency, 38, 20], T: [...cdnow.T, 38.86, 38.86] };
    const f = fitBgNbd(heavy);
    expect(f.convergence.converged).toBe(true);
    expect(Number.isFinite(f.logLikelihood!)).toBe(true);
    expect(f.n).toBe(2359);
    const e = conditionalExpectedPurchases(f, { frequency: 300, recency: 38, T: 38.86 }, 39);
    expect(e).toBeGreaterThan(50);
    expect(Number.isFinite(e)).toBe(true);
    // 450 purchases, the last 18.86 weeks ago: almost certainly gone, still a finite probability
    const pa = probabilityAlive(f, { frequency: 450, recency: 20, T: 38.86 });
    expect(pa).toBeGreaterThan(0);
    expect(pa).toBeLessThan(1e-6);
    expect(Number.isFinite(conditionalExpectedPurchases(f, { frequency: 450, recency: 20, T: 38.86 }, 39))).toBe(true);
    expect(Number.isFinite(probabilityAlive(f, { frequency: 300, recency: 38, T: 38.86 }, 52))).toBe(true);
  });

  it("a degenerate fit (no repeat buyer) says why it did not converge consistently with hessianPositiveDefinite", () => {
    for (const d of [{ frequency: [0, 0], recency: [0, 0], T: [0, 29 / 7] }, { frequency: [0, 0, 0], recency: [0, 0, 0], T: [5, 10, 20] }]) {
      for (const f of [fitBgNbd(d), fitMbgNbd(d)]) {
        expect(f.convergence.converged && f.standardErrors !== null).toBe(f.convergence.converged);
        if (f.convergence.hessianPositiveDefinite) expect(f.convergence.message).not.toMatch(/not positive definite/);
        if (!f.convergence.converged && f.covariance === null && f.convergence.hessianPositiveDefinite) expect(f.convergence.message).toMatch(/singular/);
      }
    }
  });

  it("empty data is not an error: fitted false, n 0, null figures, and predictions refuse it clearly", () => {
    const e = fitBgNbd({ frequency: [], recency: [], T: [] });
    expect(e.fitted).toBe(false);
    expect(e.n).toBe(0);
    expect(e.r).toBeNull();
    expect(e.logLikelihood).toBeNull();
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(() => expectedPurchases(e, 1)).toThrow(/fitted: false/);
  });

  it("refuses bad options and bad rows", () => {
    expect(() => fitBgNbd(cdnow, { penalty: -1 })).toThrow(/penalty/);
    expect(() => fitBgNbd({ frequency: [1], recency: [5], T: [3] })).toThrow(/recency/);
    expect(() => fitBgNbd(cdnow, { weights: [1, 2] })).toThrow(/weights/);
    expect(() => expectedPurchases({ ...PUBLISHED, r: -1 }, 1)).toThrow(/params.r/);
    expect(() => conditionalExpectedPurchases(PUBLISHED, { frequency: 0, recency: 1, T: 2 }, 1)).toThrow(/recency/);
    expect(() => probabilityOfPurchases(PUBLISHED, 1, 1.5)).toThrow(/"k"/);
  });

  it("the result is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });
});

describe("fitMbgNbd on CDNOW", () => {
  it("reproduces BTYDplus' estimates r 0.525, alpha 6.183, a 0.891, b 1.614 (lifetimes test, 3 decimals)", () => {
    expect(mbg.model).toBe("mbg-nbd");
    expect(mbg.convergence.converged).toBe(true);
    expect(Math.abs(mbg.r! - 0.525)).toBeLessThan(1.5e-3);
    expect(Math.abs(mbg.alpha! - 6.183)).toBeLessThan(1.5e-3);
    expect(Math.abs(mbg.a! - 0.891)).toBeLessThan(1.5e-3);
    expect(Math.abs(mbg.b! - 1.614)).toBeLessThan(1.5e-3);
    const at = { r: mbg.r!, alpha: mbg.alpha!, a: mbg.a!, b: mbg.b! };
    expect(Math.abs(mbg.logLikelihood! - directLogLikelihood(at, 1))).toBeLessThan(1e-8 * 9582);
  });

  it("a one-time buyer is not certainly alive, and E[X(t)] is close to BG/NBD's (lifetimes: within 5% of Hardie's values)", () => {
    expect(probabilityAlive(mbg, { frequency: 0, recency: 0, T: 1 })).toBeLessThan(1);
    expect(probabilityAlive(fit, { frequency: 0, recency: 0, T: 1 })).toBe(1);
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(expectedPurchases(mbg, t) / expected[i]! - 1)).toBeLessThan(0.05));
    expect(Math.abs(conditionalExpectedPurchases(mbg, { frequency: 2, recency: 30.43, T: 38.86 }, 39) - 1.226)).toBeLessThan(0.05);
  });
});

describe("BG/NBD and MBG/NBD properties", () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.1, max: 50, noNaN: true }),
    a: fc.double({ min: 0.05, max: 5, noNaN: true }),
    b: fc.double({ min: 0.05, max: 10, noNaN: true }),
    model: fc.constantFrom("bg-nbd" as const, "mbg-nbd" as const),
  });
  const history = fc
    // recency at least T / 2: the odds stay below e^700, so P(alive) > 0 also in floating point (it underflows to 0
    // only when (r + x) ln((alpha + T) / (alpha + t_x)) passes about 708)
    .record({ x: fc.integer({ min: 0, max: 300 }), T: fc.double({ min: 0.5, max: 200, noNaN: true }), u: fc.double({ min: 0.5, max: 1, noNaN: true }) })
    .map(({ x, T, u }) => ({ frequency: x, recency: x === 0 ? 0 : u * T, T }));

  it("P(alive) is in (0, 1], equal to 1 with no repeat purchase under BG/NBD, and falls with time after T", () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.1, max: 500, noNaN: true }), (p, h, tau) => {
        const now = probabilityAlive(p, h);
        expect(now).toBeGreaterThan(0);
        expect(now).toBeLessThanOrEqual(1);
        if (p.model === "bg-nbd" && h.frequency === 0) expect(now).toBe(1);
        const later = probabilityAlive(p, h, tau);
        expect(later).toBeGreaterThanOrEqual(0);
        expect(later).toBeLessThanOrEqual(now * (1 + 1e-12));
      }),
      SEED,
    );
  });

  it("E[X(t)] increases with t", () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.01, max: 500, noNaN: true }), fc.double({ min: 1.001, max: 10, noNaN: true }), (p, t, f) => {
        const e1 = expectedPurchases(p, t);
        const e2 = expectedPurchases(p, t * f);
        expect(e1).toBeGreaterThan(0);
        expect(e2).toBeGreaterThan(e1);
      }),
      SEED,
    );
  });

  it("conditional expectation increases with frequency at fixed recency and T (recency near T)", () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 200 }), fc.double({ min: 5, max: 100, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), (p, x, T, t) => {
        const h = { recency: T, T };
        const e1 = conditionalExpectedPurchases(p, { ...h, frequency: x }, t);
        const e2 = conditionalExpectedPurchases(p, { ...h, frequency: x + 1 }, t);
        expect(Number.isFinite(e1) && Number.isFinite(e2)).toBe(true);
        expect(e2).toBeGreaterThan(e1);
      }),
      SEED,
    );
  });

  it("P(X(t) = k) sums to 1 and its mean is E[X(t)] (eq. 8 against eq. 9, two independent formulas)", () => {
    fc.assert(
      // t / alpha chosen so that the NBD tail ratio t / (alpha + t) stays below 0.96 (the sum needs a few hundred terms)
      fc.property(params, fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), (p0, t, u) => {
        const p = { ...p0, alpha: t / (u * Math.min(20, 20 * p0.r)) };
        let total = 0;
        let mean = 0;
        let k = 0;
        // sum until the tail is negligible
        for (; k < 5000; k++) {
          const q = probabilityOfPurchases(p, t, k);
          expect(q).toBeGreaterThanOrEqual(0);
          total += q;
          mean += k * q;
          if (k > 10 && q * k < 1e-14) break;
        }
        fc.pre(k < 5000);
        expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        const e = expectedPurchases(p, t);
        expect(Math.abs(mean - e)).toBeLessThan(1e-8 * Math.max(1, e));
      }),
      { ...SEED, numRuns: 100 },
    );
  });

  it("P(alive at T + tau) equals a numerical integral over the dropout probability p (lambda integrated analytically)", () => {
    // Numerator: int_0^1 (1 - p)^(x + s) Gamma(r + x) alpha^r / Gamma(r) (alpha + T + p tau)^-(r + x) Beta(a, b)(dp);
    // substitution p = u^(1/a) removes the p^(a - 1) singularity; midpoint rule on 200,000 points.
    const check = (p: BetaGeoParams, s: number, x: number, tx: number, T: number, tau: number): void => {
      const { r, alpha, a, b } = p;
      let gammaRatio = 1;
      for (let j = 0; j < x; j++) gammaRatio *= r + j;
      const m = 200_000;
      let integral = 0;
      for (let i = 0; i < m; i++) {
        const u = (i + 0.5) / m;
        const q = Math.pow(u, 1 / a);
        integral += Math.pow(1 - q, x + s + b - 1) * Math.pow(alpha + T + q * tau, -(r + x));
      }
      integral /= m * a; // du / a
      let betaFn = 0; // B(a, b) by the same rule, so the rule's error cancels in the ratio
      for (let i = 0; i < m; i++) betaFn += Math.pow(1 - Math.pow((i + 0.5) / m, 1 / a), b - 1);
      betaFn /= m * a;
      const numerator = (gammaRatio * Math.pow(alpha, r) * integral) / betaFn;
      const want = numerator / directLikelihood(p, x, tx, T, s);
      const got = probabilityAlive({ ...p, model: s === 0 ? "bg-nbd" : "mbg-nbd" }, { frequency: x, recency: tx, T }, tau);
      expect(Math.abs(got - want)).toBeLessThan(2e-4);
    };
    check(PUBLISHED, 0, 2, 30.43, 38.86, 26);
    check(PUBLISHED, 0, 0, 0, 38.86, 52);
    check(PUBLISHED, 0, 7, 35, 38.86, 104);
    check({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 1, 0, 0, 38.86, 52);
    check({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 1, 3, 12, 38.86, 10);
  });

  it("a far above r + x + 1 with a long horizon stays finite and equals a numerical integral over p (E[X] and P(alive at T + tau))", () => {
    // Given alive at T, lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x + s) independently, so
    //   E[X(T, T + t) | alive] = E_p[(1 - ((alpha + T) / (alpha + T + p t))^(r + x)) / p]
    //   P(alive at T + tau | alive at T) = E_p[((alpha + T) / (alpha + T + p tau))^(r + x)]
    // integrated in p by the midpoint rule on 200,000 points, the Beta density's weights taken in log space (it
    // peaks near 1 and is smooth there). Before, 2F1 overflowed here while its (1 - z) power underflowed, and both
    // came out NaN from a = 150 on.
    const posteriorMean = (a: number, B: number, f: (p: number) => number): number => {
      const m = 200_000;
      const mode = (a - 1) / (a + B - 2);
      const logPeak = (a - 1) * Math.log(mode) + (B - 1) * Math.log1p(-mode);
      let num = 0;
      let den = 0;
      for (let i = 0; i < m; i++) {
        const q = (i + 0.5) / m;
        const w = Math.exp((a - 1) * Math.log(q) + (B - 1) * Math.log1p(-q) - logPeak);
        num += w * f(q);
        den += w;
      }
      return num / den;
    };
    for (const [model, s] of [["bg-nbd", 0], ["mbg-nbd", 1]] as const) {
      for (const a of [40, 150, 400]) {
        for (const [x, tx, T, t] of [[0, 0, 1, 2000], [1, 0.5, 1, 2000], [3, 8, 10, 5000]] as const) {
          const p = { r: 0.3, alpha: 1, a, b: 1.5, model };
          const h = { frequency: x, recency: tx, T };
          const alive = probabilityAlive(p, h);
          const e = conditionalExpectedPurchases(p, h, t);
          const later = probabilityAlive(p, h, t);
          const wantE = posteriorMean(a, p.b + x + s, (q) => (1 - Math.pow((p.alpha + T) / (p.alpha + T + q * t), p.r + x)) / q);
          const wantLater = posteriorMean(a, p.b + x + s, (q) => Math.pow((p.alpha + T) / (p.alpha + T + q * t), p.r + x));
          const at = `${model} a ${a} x ${x} t ${t}`;
          expect(Number.isFinite(e) && Number.isFinite(later), at).toBe(true);
          expect(Math.abs(e / alive / wantE - 1), at).toBeLessThan(1e-6);
          expect(Math.abs(later / alive / wantLater - 1), at).toBeLessThan(1e-6);
        }
      }
    }
  });

  it("a = 1 (where the formulas are 0/0) gives the limit: continuous across it", () => {
    const h = { frequency: 3, recency: 20, T: 30 };
    const below = conditionalExpectedPurchases({ ...PUBLISHED, a: 1 - 2e-4 }, h, 20);
    const at = conditionalExpectedPurchases({ ...PUBLISHED, a: 1 }, h, 20);
    const above = conditionalExpectedPurchases({ ...PUBLISHED, a: 1 + 2e-4 }, h, 20);
    expect(Number.isFinite(at)).toBe(true);
    expect(Math.abs(at - (below + above) / 2)).toBeLessThan(1e-6 * at);
  });
});
