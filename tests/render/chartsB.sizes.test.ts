import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRetention } from "../../src/churn/cohortRetention.ts";
import { survivalCurve } from "../../src/churn/survivalCurve.ts";
import { customerLifetimeValue } from "../../src/clv/customerLifetimeValue.ts";
import { clvDecileChart } from "../../src/render/clvDecileChart.ts";
import { cohortHeatmap } from "../../src/render/cohortHeatmap.ts";
import { durationHistogram } from "../../src/render/durationHistogram.ts";
import { survivalChart } from "../../src/render/survivalChart.ts";
import { timeToResolution } from "../../src/tickets/timeToResolution.ts";
import { checkSvg } from "./svgCheck.ts";

const H = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const T0 = Date.UTC(2024, 0, 1);
const subs = [
  { customerId: "a", start: "2024-01-03", end: "2024-02-10" },
  { customerId: "b", start: "2024-01-20" },
  { customerId: "c", start: "2024-02-05", end: "2024-04-01" },
  { customerId: "d", start: "2024-03-11" },
];
const charts: [string, (o: { width: number; height: number }) => string][] = [
  ["durationHistogram", (o) => durationHistogram(timeToResolution([1, 3, 30, 200, null].map((h) => (h === null ? { createdAt: iso(T0) } : { createdAt: iso(T0), resolvedAt: iso(T0 + h * H) })), { unit: "hours", asOf: iso(T0 + 500 * H) }), o)],
  ["survivalChart", (o) => survivalChart(survivalCurve(subs, { asOf: "2024-04-30" }), o)],
  ["cohortHeatmap", (o) => cohortHeatmap(cohortRetention(subs, { asOf: "2024-04-30" }), o)],
  ["clvDecileChart", (o) => clvDecileChart(customerLifetimeValue({ r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, { frequency: [0, 2, 5], recency: [0, 20, 35], T: [38, 38, 38], timeUnit: "weeks" }, { expectedSpend: [10, 20, 30] }), o)],
];

describe("charts at any allowed size (80 to 20000 px)", () => {
  for (const [name, draw] of charts) {
    it(`${name}: well-formed, no negative sizes, the viewBox as asked (seeded)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 80, max: 3000 }), fc.integer({ min: 80, max: 3000 }), (width, height) => {
          const svg = draw({ width, height });
          checkSvg(svg);
          expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
          expect(svg).not.toMatch(/ (width|height|r)="-/);
        }),
        { seed: 8106, numRuns: 60 },
      );
    });
  }
});
