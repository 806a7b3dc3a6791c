/**
 * Accuracy of the Gauss hypergeometric function 2F1 (src/stats/hyp2f1.ts).
 *
 * References, none computed by the code under test:
 * - the defining series, summed naively in this file (|z| <= 1/2);
 * - closed forms from Abramowitz & Stegun (1964), chapter 15: 15.1.3 (-ln(1 - z) / z), 15.1.4 (atanh), 15.1.5
 *   (atan), 15.1.6 (asin), 15.1.8 ((1 - z)^-a), 15.1.9, 15.1.11;
 * - complete elliptic integral K(m) = (pi / 2) 2F1(1/2, 1/2; 1; m) (A&S 17.3.9), computed here by the
 *   arithmetic-geometric mean K(m) = pi / (2 AGM(1, sqrt(1 - m))) (A&S 17.6); the case c - a - b = 0;
 * - mpmath values printed in scipy's test suite (scipy/special/tests/test_hyp2f1.py, test_special_case_z_near_minus_1
 *   and test_unital_argument).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hyp2f1 } from "../../src/index.ts";

const rel = (x: number, y: number): number => (x === y ? 0 : Math.abs(x - y) / Math.abs(y));
const SEED = { seed: 20260601, numRuns: 400 };

/** The defining series, term by term, without any of the implementation's tricks. */
function naiveSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 20000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
  }
  return sum;
}

function agm(x: number, y: number): number {
  for (let i = 0; i < 40; i++) [x, y] = [(x + y) / 2, Math.sqrt(x * y)];
  return x;
}

describe("hyp2f1", () => {
  it("equals its series for |z| <= 1/2 (c > 0, |a|, |b| <= 20) within 1e-12 relative", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        (a, b, c, z) => {
          const want = naiveSeries(a, b, c, z);
          // The series' own cancellation: sum |terms| / |sum| bounds the digits any summation keeps.
          const scale = naiveSeries(Math.abs(a), Math.abs(b), c, Math.abs(z)) / Math.abs(want);
          expect(rel(hyp2f1(a, b, c, z), want)).toBeLessThan(1e-12 * Math.max(1, scale));
        },
      ),
      SEED,
    );
  });

  it("equals its series for large c (30 to 300: the stiff case of BG/NBD's conditional expectations) and z in (1/2, 0.99]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 5, noNaN: true }),
        fc.double({ min: -1, max: 5, noNaN: true }),
        fc.double({ min: 30, max: 300, noNaN: true }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        (a, b, c, z) => {
          expect(rel(hyp2f1(a, b, c, z), naiveSeries(a, b, c, z))).toBeLessThan(1e-12);
        },
      ),
      SEED,
    );
  });

  it("2F1(1, 1; 2; z) = -ln(1 - z) / z (A&S 15.1.3), from z = -1e6 to 1 - 1e-12, within 1e-13", () => {
    for (const z of [-1e6, -1000, -10, -1, -0.7, -0.3, -1e-9, 1e-9, 0.1, 0.3, 0.5, 0.6, 0.9, 0.99, 0.999999, 1 - 1e-9, 1 - 1e-12]) {
      expect(rel(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
    }
  });

  it("2F1(a, b; b; z) = (1 - z)^-a (A&S 15.1.8) for a, b > 0 and z in [-1e4, 1 - 1e-12) within 1e-12", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: -4, max: 12, noNaN: true }),
        fc.boolean(),
        (a, b, e, positive) => {
          const z = positive ? 1 - 10 ** -Math.max(e, 0.31) : -(10 ** e);
          expect(rel(hyp2f1(a, b, b, z), Math.pow(1 - z, -a))).toBeLessThan(1e-12);
        },
      ),
      SEED,
    );
  });

  it("asin, atan and atanh forms (A&S 15.1.4-15.1.6) within 1e-13", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1 - 1e-12, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (s2, y) => {
        const s = Math.sqrt(s2);
        if (s2 > 0) {
          // asin(s) = atan2(s, sqrt(1 - s^2)), conditioned well also for s near 1 (1 - s2 is exact there).
          expect(rel(hyp2f1(0.5, 0.5, 1.5, s2), Math.atan2(s, Math.sqrt(1 - s2)) / s)).toBeLessThan(1e-13);
          // atanh(s) = (ln(1 + s) - ln(1 - s)) / 2 with 1 - s = (1 - s^2) / (1 + s), 1 - s^2 exact near 1
          expect(rel(hyp2f1(0.5, 1, 1.5, s2), (Math.log1p(s) - 0.5 * Math.log1p(-s2)) / s)).toBeLessThan(1e-13);
        }
        if (y > 0) expect(rel(hyp2f1(0.5, 1, 1.5, -y * y), Math.atan(y) / y)).toBeLessThan(1e-13);
      }),
      SEED,
    );
  });

  it("A&S 15.1.9 and 15.1.11 for a in (0, 10] within 1e-12", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }), (a, s, y) => {
        // 15.1.9: F(a, 1/2 + a; 1/2; s^2) = ((1 + s)^-2a + (1 - s)^-2a) / 2
        expect(rel(hyp2f1(a, 0.5 + a, 0.5, s * s), (Math.pow(1 + s, -2 * a) + Math.pow(1 - s, -2 * a)) / 2)).toBeLessThan(1e-12);
        // 15.1.11: F(a, -a; 1/2; -y^2) = ((sqrt(1 + y^2) + y)^2a + (sqrt(1 + y^2) - y)^2a) / 2
        const r = Math.hypot(1, y);
        expect(rel(hyp2f1(a, -a, 0.5, -y * y), (Math.pow(r + y, 2 * a) + Math.pow(1 / (r + y), 2 * a)) / 2)).toBeLessThan(1e-12);
      }),
      SEED,
    );
  });

  it("complete elliptic K(m) = (pi/2) 2F1(1/2, 1/2; 1; m) against the AGM (A&S 17.6), c - a - b = 0", () => {
    for (const m of [0.1, 0.5, 0.9, 0.99, 0.999999, 1 - 1e-10]) {
      expect(rel((Math.PI / 2) * hyp2f1(0.5, 0.5, 1, m), Math.PI / (2 * agm(1, Math.sqrt(1 - m))))).toBeLessThan(1e-13);
    }
    // A&S table 17.1 (K(m) for m = sin^2 alpha): K(0.5) = 1.85407 46773 01372
    expect(rel((Math.PI / 2) * hyp2f1(0.5, 0.5, 1, 0.5), 1.854074677301372)).toBeLessThan(1e-15);
  });

  it("scipy's mpmath values at z = -1 (test_special_case_z_near_minus_1)", () => {
    expect(rel(hyp2f1(0.5, 0.2, 1.3, -1), 0.9428846409614143)).toBeLessThan(1e-14);
    // a result 1e-6 the size of its terms: cancellation costs digits, 1e-12 is what remains
    expect(rel(hyp2f1(12.3, 8.0, 5.300000000000001, -1), -4.845809986595704e-6)).toBeLessThan(1e-12);
  });

  it("tends to Gauss's value at z = 1 (scipy test_unital_argument: 2F1(0.5, 0.2; 1.5; 1) = 1.1496439092239847)", () => {
    // The gap at 1 - eps is O(eps^(c - a - b)) = O(eps^0.8): 1e-12 at eps = 1e-15.
    expect(rel(hyp2f1(0.5, 0.2, 1.5, 1 - 1e-15), 1.1496439092239847)).toBeLessThan(2e-11);
  });

  it("Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) holds within 1e-12", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 1 - 1e-9, noNaN: true }),
        (a, b, c, z) => {
          const lhs = hyp2f1(a, b, c, z);
          const rhs = Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z);
          const scale = Math.max(Math.abs(lhs), Math.abs(rhs));
          expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * scale);
        },
      ),
      SEED,
    );
  });

  it("terminating series are polynomials, for any z < 1", () => {
    for (const [b, c, z] of [[2.5, 3.5, -50], [0.3, 0.7, 0.99], [-1.5, 4, 0.75]] as const) {
      const want = 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
      expect(rel(hyp2f1(-2, b, c, z), want)).toBeLessThan(1e-13);
      expect(rel(hyp2f1(b, -2, c, z), want)).toBeLessThan(1e-13);
    }
    expect(hyp2f1(-2, 1.2, -4, 0.5)).toBeCloseTo(1 - (2 * 1.2 * 0.5) / -4 + (1.2 * 2.2 * 0.25) / (-4 * -3), 14);
  });

  it("edge values: 1 at z = 0 or a zero numerator parameter, NaN at z >= 1, NaN input or a pole in c", () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1(0, 4, 5, 0.7)).toBe(1);
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, Number.NaN)).toBeNaN();
    expect(hyp2f1(Number.NaN, 1, 2, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, -3, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 0, 0.5)).toBeNaN();
  });
});
