/**
 * Accuracy of the normal quantile (Abramowitz & Stegun 26.2.23 start, three Halley steps on the CDF).
 * Reference values: R 4.x `qnorm(p)` printed with `sprintf("%.16g")`; the requirement is 1e-9 relative, the
 * implementation reaches about 1e-13.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, normalUpperTail, zForLevel } from "../../src/index.ts";

const R_QNORM: [number, number][] = [
  [0.975, 1.959963984540054],
  [0.95, 1.644853626951472],
  [0.9, 1.281551565544601],
  [0.999, 3.090232306167813],
  [0.3, -0.5244005127080409],
  [1e-10, -6.361340902404056],
  [1e-20, -9.262340089798408],
  [1e-300, -37.0470962993612],
];

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("normalQuantile", () => {
  it.each(R_QNORM)("qnorm(%s) = %s within 1e-12 relative (R)", (p, x) => {
    expect(rel(normalQuantile(p), x)).toBeLessThan(1e-12);
  });

  it("has the exact edge values and symmetry", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(normalQuantile(0.75)).toBe(-normalQuantile(0.25));
    expect(rel(zForLevel(0.95), 1.959963984540054)).toBeLessThan(1e-12);
  });

  it("inverts the CDF to 1e-12 relative in the tail probability, for p from 1e-300 to 0.5 and 1 - p", () => {
    fc.assert(
      fc.property(fc.double({ min: -300, max: Math.log10(0.5), noNaN: true }), (e) => {
        const p = 10 ** e;
        expect(rel(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
        const q = 1 - p; // 1 - q is exactly representable (and not 0 for p > 1e-15)
        if (p > 1e-15) expect(rel(normalUpperTail(normalQuantile(q)), 1 - q)).toBeLessThan(1e-12);
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });
});
