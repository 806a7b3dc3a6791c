import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nelderMead } from "../../src/stats/nelderMead.ts";
import { numericalHessian } from "../../src/stats/numericalHessian.ts";
import { invertMatrix } from "../../src/stats/invertMatrix.ts";
import { InvalidOptionError } from "../../src/errors.ts";

const SEED = 20261201;

describe("nelderMead", () => {
  it("finds the minimum of Rosenbrock's function from the classic start (-1.2, 1)", () => {
    // Rosenbrock (1960): f = 100 (y - x^2)^2 + (1 - x)^2, minimum 0 at (1, 1).
    const r = nelderMead(([x = 0, y = 0]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.value).toBeLessThan(1e-12);
    expect(r.evaluations).toBeGreaterThan(r.iterations);
  });

  it("finds the centre of any positive-definite quadratic bowl in 1 to 4 dimensions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true })), { minLength: 1, maxLength: 4 }),
        (axes) => {
          const centre = axes.map(([c]) => c);
          const f = (x: readonly number[]): number => axes.reduce((s, [c, w], i) => s + w * ((x[i] as number) - c) ** 2, 0);
          const r = nelderMead(f, axes.map(() => 0));
          expect(r.converged).toBe(true);
          r.x.forEach((xi, i) => expect(Math.abs(xi - (centre[i] as number))).toBeLessThan(1e-5));
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("treats a non-finite value as +Infinity and stays where f is defined", () => {
    // -log-likelihood-like: undefined for x <= 0, minimum at x = 2.
    const r = nelderMead(([x = 0]) => (x > 0 ? x - 2 * Math.log(x) : NaN), [0.5], { initialStep: 1 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 6);
  });

  it("reports the iteration limit instead of claiming convergence", () => {
    const r = nelderMead(([x = 0, y = 0]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { maxIterations: 5 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(5);
    expect(r.message).toMatch(/iteration limit/);
  });

  it("refuses unusable options", () => {
    expect(() => nelderMead(() => 0, [])).toThrow(InvalidOptionError);
    expect(() => nelderMead(() => 0, [NaN])).toThrow(InvalidOptionError);
    expect(() => nelderMead(() => 0, [1], { maxIterations: 0 })).toThrow(InvalidOptionError);
    expect(() => nelderMead(() => 0, [1, 2], { initialStep: [1] })).toThrow(InvalidOptionError);
    expect(() => nelderMead(() => 0, [1], { initialStep: 0 })).toThrow(InvalidOptionError);
  });
});

describe("numericalHessian and invertMatrix", () => {
  it("gives the Hessian of a polynomial", () => {
    // f = x^2 y + 3 y^2: H = [[2y, 2x], [2x, 6]] = [[4, 2], [2, 6]] at (1, 2).
    const H = numericalHessian(([x = 0, y = 0]) => x * x * y + 3 * y * y, [1, 2]);
    expect(H[0]?.[0]).toBeCloseTo(4, 6);
    expect(H[0]?.[1]).toBeCloseTo(2, 6);
    expect(H[1]?.[0]).toBeCloseTo(2, 6);
    expect(H[1]?.[1]).toBeCloseTo(6, 6);
  });

  it("inverts a matrix, and returns null for a singular one", () => {
    const inv = invertMatrix([[4, 7], [2, 6]]) as number[][];
    // 1 / (4 * 6 - 7 * 2) * [[6, -7], [-2, 4]]
    expect(inv[0]?.[0]).toBeCloseTo(0.6, 14);
    expect(inv[0]?.[1]).toBeCloseTo(-0.7, 14);
    expect(inv[1]?.[0]).toBeCloseTo(-0.2, 14);
    expect(inv[1]?.[1]).toBeCloseTo(0.4, 14);
    expect(invertMatrix([[1, 2], [2, 4]])).toBeNull();
    expect(invertMatrix([[0, 0], [0, 0]])).toBeNull();
    expect(invertMatrix([[1, NaN], [0, 1]])).toBeNull();
  });

  it("gives A A^-1 = I for random well-conditioned matrices", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((n) => fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })), (m) => {
        const n = m.length;
        const a = m.map((row, i) => row.map((v, j) => (i === j ? v + 2 * n : v))); // diagonally dominant
        const inv = invertMatrix(a) as number[][];
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const dot = (a[i] as number[]).reduce((s, v, k) => s + v * ((inv[k] as number[])[j] as number), 0);
            expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
          }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("recovers the covariance of a normal likelihood: the inverse Hessian of -log L", () => {
    // n observations of N(mu, 1): -log L = sum (x - mu)^2 / 2, Hessian n, so var(mu) = 1 / n.
    const xs = [1.2, 0.7, 2.5, 1.9, 0.3, 1.1, 1.6, 2.2];
    const nll = ([mu = 0]: readonly number[]): number => xs.reduce((s, x) => s + (x - mu) ** 2 / 2, 0);
    const fit = nelderMead(nll, [0]);
    const cov = invertMatrix(numericalHessian(nll, fit.x)) as number[][];
    expect(fit.x[0]).toBeCloseTo(xs.reduce((s, x) => s + x, 0) / xs.length, 6);
    expect(cov[0]?.[0]).toBeCloseTo(1 / xs.length, 6);
  });
});

describe("isPositiveDefinite", () => {
  it("accepts positive-definite matrices and refuses indefinite, semi-definite and NaN ones", async () => {
    const { isPositiveDefinite } = await import("../../src/stats/isPositiveDefinite.ts");
    expect(isPositiveDefinite([[2, 1], [1, 2]])).toBe(true); // eigenvalues 1 and 3
    expect(isPositiveDefinite([[1, 2], [2, 1]])).toBe(false); // eigenvalues -1 and 3
    expect(isPositiveDefinite([[1, 1], [1, 1]])).toBe(false); // eigenvalues 0 and 2
    expect(isPositiveDefinite([[NaN]])).toBe(false);
  });
});
