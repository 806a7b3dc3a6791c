import { describe, expect, it } from "vitest";
import { gammaln } from "simple-statistics";
import { fitSbg } from "../../src/churn/fitSbg.ts";
import { sbgProjection } from "../../src/churn/sbgProjection.ts";
import { sbgDerl } from "../../src/churn/sbgDerl.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";

// Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. J. Interactive Marketing 21(1), 76-90:
// survivors of 1000 customers over years 0-7, and the maximum-likelihood estimates they print (DESIGN 6.5).
const regular = [1000, 631, 468, 382, 326, 289, 262, 241];
const highEnd = [1000, 869, 743, 653, 593, 551, 517, 491];

/** The sBG log-likelihood written with Beta functions (F&H 2007, eq. 5-6), independent of the code under test. */
function logLik(alpha: number, beta: number, n: readonly number[]): number {
  const lnB = (a: number, b: number): number => gammaln(a) + gammaln(b) - gammaln(a + b);
  let ll = 0;
  for (let t = 1; t < n.length; t++) ll += (n[t - 1]! - n[t]!) * (lnB(alpha + 1, beta + t - 1) - lnB(alpha, beta)); // P(T = t)
  const T = n.length - 1;
  return ll + n[T]! * (lnB(alpha, beta + T) - lnB(alpha, beta)); // S(T)
}

describe("fitSbg reproduces Fader & Hardie (2007)", () => {
  it("regular customers: alpha 0.704, beta 1.182 (to the 3 printed decimals)", () => {
    const f = fitSbg(regular);
    expect(f.converged).toBe(true);
    expect(Math.abs(f.alpha - 0.704)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(f.beta - 1.182)).toBeLessThanOrEqual(0.0005);
    expect(f.logLikelihood).toBeCloseTo(logLik(f.alpha, f.beta, regular), 8);
  });

  it("high-end customers: alpha 0.668, beta 3.806", () => {
    const f = fitSbg(highEnd);
    expect(f.converged).toBe(true);
    expect(Math.abs(f.alpha - 0.668)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(f.beta - 3.806)).toBeLessThanOrEqual(0.0005);
    expect(f.periods).toBe(7);
    expect(f.cohortSize).toBe(1000);
  });

  it("the fit is a maximum: every nearby (alpha, beta) has a lower likelihood", () => {
    for (const data of [regular, highEnd]) {
      const f = fitSbg(data);
      for (const [da, db] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3], [1e-3, 1e-3], [-1e-3, -1e-3]] as const) {
        expect(logLik(f.alpha + da, f.beta + db, data)).toBeLessThan(f.logLikelihood);
      }
    }
  });

  it("standard errors from the Hessian are positive and shrink with 10x the data", () => {
    const f = fitSbg(highEnd);
    const big = fitSbg(highEnd.map((x) => x * 10));
    expect(f.standardErrors!.alpha).toBeGreaterThan(0);
    expect(big.standardErrors!.alpha).toBeCloseTo(f.standardErrors!.alpha / Math.sqrt(10), 3);
    expect(big.alpha).toBeCloseTo(f.alpha, 5);
  });

  it("projects years 8-12 from the fit; matches the hand product of retention rates with the fitted parameters", () => {
    const f = fitSbg(regular);
    const rows = sbgProjection(f, { from: 8, to: 12, cohortSize: 1000 });
    let s = 1;
    for (let t = 1; t <= 12; t++) {
      s *= (f.beta + t - 1) / (f.alpha + f.beta + t - 1);
      if (t >= 8) expect(rows[t - 8]!.survivors).toBeCloseTo(1000 * s, 9);
    }
    // with the printed parameters 0.704 / 1.182, by hand: S(12) = prod_{t=1..12} (0.182 + t) / (0.886 + t)
    let printed = 1;
    for (let t = 1; t <= 12; t++) printed *= (0.182 + t) / (0.886 + t);
    expect(Math.abs(rows[4]!.survivors - 1000 * printed)).toBeLessThan(1);
  });

  it("projects years 8-12 as an independent fit does, and gives the published DERL (found in review)", () => {
    // An independent sBG fit (Python standard library: lgamma Beta functions, a 601 x 601 grid over log alpha, log beta,
    // then compass search) projects, per 1000: regular 220.085, 204.411, 191.190, 179.865, 170.037; high end
    // 460.440, 435.780, 414.172, 395.055, 377.999.
    const expected: [number[], number[]][] = [
      [regular, [220.085, 204.411, 191.19, 179.865, 170.037]],
      [highEnd, [460.44, 435.78, 414.172, 395.055, 377.999]],
    ];
    for (const [data, survivors] of expected) {
      const rows = sbgProjection(fitSbg(data), { from: 8, to: 12, cohortSize: 1000 });
      rows.forEach((row, i) => expect(Math.abs(row.survivors - (survivors[i] as number))).toBeLessThan(0.01));
    }
    // The shifted_beta_geometric Python package's README fits the high-end data and prints derl(alpha, beta, 0.10, 7) = 7.530.
    expect(sbgDerl(fitSbg(highEnd), { discountRate: 0.1, renewals: 7 })).toBeCloseTo(7.53, 3);
  });

  it("degenerate cohorts end at the boundary, flagged, with finite JSON numbers", () => {
    // halving every period is a geometric lifetime: no heterogeneity, so alpha and beta grow together (ratio 1)
    const geometric = fitSbg([1000, 500, 250, 125, 62.5]);
    expect(geometric.atBoundary).toBe(true);
    expect(geometric.alpha / (geometric.alpha + geometric.beta)).toBeCloseTo(0.5, 4);
    for (const data of [[100, 100, 100], [100, 0]]) {
      const f = fitSbg(data);
      expect(f.atBoundary).toBe(true);
      expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    }
    expect(fitSbg(regular).atBoundary).toBe(false);
  });

  it("refuses survivors that rise, are negative or too few", () => {
    expect(() => fitSbg([1000])).toThrow(InvalidOptionError);
    expect(() => fitSbg([1000, 900, 950])).toThrow(InvalidRecordError);
    expect(() => fitSbg([1000, -1])).toThrow(/record 1 field "survivors"/);
    expect(() => fitSbg([0, 0])).toThrow(/cohort size/);
  });
});

describe("sbgDerl at tiny discount rates (found in review)", () => {
  it("matches a quadrature over theta ~ Beta(alpha, beta) instead of truncating its series", () => {
    // DERL(d | alpha, beta, 0) = E[(1 - theta)(1 + d) / (d + theta)] over theta ~ Beta(0.001, 1): by quadrature
    // (independent reviewer) 9,840,128 at d = 1e-7 and 979,491,598 at d = 1e-9; a plain series cut at 1e8 terms
    // gave 93,467,651 for the latter.
    expect(sbgDerl({ alpha: 0.001, beta: 1 }, { discountRate: 1e-7 }) / 9_840_128).toBeCloseTo(1, 6);
    expect(sbgDerl({ alpha: 0.001, beta: 1 }, { discountRate: 1e-9 }) / 979_491_598).toBeCloseTo(1, 6);
  });
});
