/**
 * One-sided comparisons give one-sided bounds, so `significant` and the interval agree (with the Wald interval
 * they agree exactly: the bound excludes 0 if and only if p < 1 - level).
 * Hand computation: a = 20 detractors, 30 passives, 50 promoters (NPS 30, Var 0.61); b = 30 / 30 / 40 (NPS 10,
 * Var 0.69); d = 20, SE = 100 sqrt(0.61/100 + 0.69/100) = sqrt(130) = 11.40175; qnorm(0.95) = 1.6448536269514722 (R).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nps } from "../../src/survey/nps.ts";
import { compareNps } from "../../src/survey/compareNps.ts";

const answers = (d: number, pas: number, p: number): number[] => [...Array(d).fill(2), ...Array(pas).fill(8), ...Array(p).fill(9)];
const a = nps(answers(20, 30, 50));
const b = nps(answers(30, 30, 40));
const Z95 = 1.6448536269514722;

describe("compareNps with a one-sided alternative", () => {
  it("greater: [d - z_0.95 SE, 200] with the Wald interval", () => {
    const c = compareNps(a, b, { alternative: "greater", interval: "wald" });
    expect(c.pValue).toBeCloseTo(0.07941 / 2, 4);
    expect(c.significant).toBe(true);
    expect(c.ci!.lower).toBeCloseTo(20 - Z95 * Math.sqrt(130), 9);
    expect(c.ci!.lower).toBeGreaterThan(0);
    expect(c.ci!.upper).toBe(200);
    expect(c.ci!.method).toBe("wald, one-sided");
  });

  it("less: [-200, d + z_0.95 SE]", () => {
    const c = compareNps(a, b, { alternative: "less", interval: "wald" });
    expect(c.significant).toBe(false);
    expect(c.ci).toMatchObject({ lower: -200, level: 0.95 });
    expect(c.ci!.upper).toBeCloseTo(20 + Z95 * Math.sqrt(130), 9);
  });

  it("against a benchmark the bound is clipped to the range a score can take", () => {
    const c = compareNps(a, 25, { alternative: "greater", interval: "wald" });
    // d = 5, SE = 100 sqrt(0.61 / 100) = 7.8102; lower = 5 - 1.64485 * 7.8102; upper = 100 - 25
    expect(c.ci!.lower).toBeCloseTo(5 - Z95 * 100 * Math.sqrt(0.0061), 9);
    expect(c.ci!.upper).toBe(75);
  });

  it("property: with Wald intervals, a one-sided bound excludes 0 exactly when the test is significant", () => {
    const sample = fc.tuple(fc.nat(40), fc.nat(40), fc.nat(40)).filter(([d, p, q]) => d + p + q > 0);
    fc.assert(
      fc.property(sample, sample, fc.constantFrom("greater" as const, "less" as const), fc.double({ min: 0.6, max: 0.995, noNaN: true }), (x, y, alternative, level) => {
        const c = compareNps(nps(answers(...x)), nps(answers(...y)), { alternative, level, interval: "wald" });
        if (c.pValue === null) return;
        const excludes = alternative === "greater" ? c.ci!.lower > 0 : c.ci!.upper < 0;
        // ties at the boundary are measure-zero; allow rounding there
        const atBoundary = Math.abs(c.pValue - (1 - level)) < 1e-9;
        if (!atBoundary) expect(excludes).toBe(c.significant);
      }),
      { seed: 31, numRuns: 300 },
    );
  });
});
