import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerLifetimeValue, type CustomerLifetimeValueResult } from "../../src/clv/customerLifetimeValue.ts";
import { InvalidOptionError } from "../../src/errors.ts";
import { clvDecileChart } from "../../src/render/clvDecileChart.ts";
import { barsOf as bars, descOf as desc, footnoteOf as footnote } from "./chartMarks.ts";
import { checkSvg } from "./svgCheck.ts";

const labels = (svg: string): string[] => [...svg.matchAll(/<text class="cx-bar-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

/** A result with the given CLV estimates (the chart reads customers, total, level, months, discount and margin). */
function resultOf(values: readonly number[], total: { value: number; lower: number | null; upper: number | null }): CustomerLifetimeValueResult {
  return {
    model: "bg-nbd",
    timeUnit: "weeks",
    months: 12,
    monthLength: 30.4375 / 7,
    discountRate: 0.01,
    margin: 1,
    level: 0.95,
    interval: total.lower === null ? null : "delta-method",
    spendUncertainty: false,
    customers: values.map((v, i) => ({ customerId: `c${i}`, clv: { value: v, lower: null, upper: null }, expectedPurchases: 1, expectedSpend: v })),
    total,
  };
}

describe("clvDecileChart", () => {
  // 10 customers, one per decile: 100, 60, 40, 30, 20, 20, 10, 10, 5, 5 (sum 300). Layout at 640 x 320 with a 2-line
  // footnote: plot x 72..624 (10 slots of 55.2 px, bars 80% of a slot), y 34..226 (320 - 66 - 2 x 14): 192 px for
  // 0..100 (the largest mean, 100, is on the tick step of 20).
  const values = [5, 100, 20, 60, 10, 40, 30, 20, 10, 5]; // any order: the chart ranks them
  const r = resultOf(values, { value: 300, lower: 270, upper: 330 });

  it("one bar per decile at its mean, most valuable first, share of the base labelled", () => {
    const svg = clvDecileChart(r);
    checkSvg(svg);
    const foot = footnote(svg);
    expect(foot).toHaveLength(2); // lines of at most (640 - 16) / 6 = 104 characters
    expect(foot.every((l) => l.length <= 104)).toBe(true);
    expect(foot.join(" ")).toBe("Bar labels: each decile as a share of the whole base value. Base total 300.00 (95% interval 270.00 to 330.00) over 10 customers; 12 months, monthly discount 1.0%, margin 100%.");
    const b = bars(svg);
    expect(b).toHaveLength(10);
    expect(b.map((x) => x.height)).toEqual([192, 115.2, 76.8, 57.6, 38.4, 38.4, 19.2, 19.2, 9.6, 9.6]);
    expect(b[0]!.y).toBe(34);
    expect(b[1]!.y).toBe(110.8);
    expect(b[0]!.x).toBe(77.52); // 72 + 10% of 55.2
    expect(b[9]!.x).toBeCloseTo(72 + 9 * 55.2 + 5.52, 2);
    expect(b.every((x) => x.width === 44.16)).toBe(true);
    expect(labels(svg)).toEqual(["33.3%", "20.0%", "13.3%", "10.0%", "6.7%", "6.7%", "3.3%", "3.3%", "1.7%", "1.7%"]);
    expect(b[0]!.title).toBe("Decile 1: 1 customer, mean 100.00, total 100.00 (33.3% of the base), from 100.00 to 100.00");
  });

  it("the base total with its interval in the desc; the title names the horizon", () => {
    const svg = clvDecileChart(r, { digits: 0 });
    expect(svg).toContain(">Expected CLV by customer decile (12 months)</title>");
    expect(desc(svg)).toBe(
      "Expected CLV over 12 months of 10 customers in 10 deciles: decile 1 averages 100 and holds 33.3% of the value, decile 10 averages 5 (1.7%). Base total 300 (95% interval 270 to 330) over 10 customers; 12 months, monthly discount 1.0%, margin 100%.",
    );
  });

  it("fewer than ten customers: only the deciles clvDeciles keeps, with their numbers", () => {
    // n = 4: decile d holds ranks floor((d - 1) 4 / 10) .. floor(4 d / 10) - 1 -> deciles 3, 5, 8 and 10
    const svg = clvDecileChart(resultOf([10, 40, 20, 30], { value: 100, lower: null, upper: null }));
    expect(bars(svg).map((b) => b.title.split(":")[0])).toEqual(["Decile 3", "Decile 5", "Decile 8", "Decile 10"]);
    expect(labels(svg)).toEqual(["40.0%", "30.0%", "20.0%", "10.0%"]);
    expect(footnote(svg).join(" ")).toContain("Base total 100.00 (no interval: no parameter covariance)");
  });

  it("a real result: shares follow the spends when every customer has the same purchase pattern", () => {
    // CLV_i = spend_i x (the same discounted expected purchases), so the shares are the spends' shares
    const spends = [50, 30, 10, 5, 5];
    const v = customerLifetimeValue({ r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, { frequency: [2, 2, 2, 2, 2], recency: [30, 30, 30, 30, 30], T: [38, 38, 38, 38, 38], timeUnit: "weeks" }, { expectedSpend: spends, months: 12 });
    const svg = clvDecileChart(v);
    checkSvg(svg);
    expect(labels(svg)).toEqual(["50.0%", "30.0%", "10.0%", "5.0%", "5.0%"]);
    const h = bars(svg).map((b) => b.height);
    expect(h[1]! / h[0]!).toBeCloseTo(0.6, 2);
    expect(h[3]).toBe(h[4]);
  });

  it("no customers give the no-data chart; a base worth 0 has no shares", () => {
    const empty = clvDecileChart(resultOf([], { value: 0, lower: null, upper: null }));
    checkSvg(empty);
    expect(empty).toContain(">no customers</text>");
    expect(bars(empty)).toHaveLength(0);
    const zero = clvDecileChart(resultOf([0, 0], { value: 0, lower: null, upper: null }));
    checkSvg(zero);
    expect(labels(zero)).toEqual(["no value", "no value"]);
    expect(bars(zero).map((b) => b.height)).toEqual([0, 0]);
  });

  it("escapes the title; refuses bad options", () => {
    const svg = clvDecileChart(r, { title: "CLV <Q3> & more" });
    expect(svg).toContain(">CLV &lt;Q3&gt; &amp; more</title>");
    expect(() => clvDecileChart(r, { digits: 9 })).toThrow(InvalidOptionError);
    expect(() => clvDecileChart(r, { width: Number.NaN })).toThrow(InvalidOptionError);
  });

  it("well-formed and deterministic on generated bases; one bar per non-empty decile (seeded)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 80 }), (vs) => {
        const res = resultOf(vs, { value: vs.reduce((s, x) => s + x, 0), lower: null, upper: null });
        const svg = clvDecileChart(res);
        checkSvg(svg);
        expect(clvDecileChart(structuredClone(res))).toBe(svg);
        expect(bars(svg)).toHaveLength(Math.min(vs.length, 10));
      }),
      { seed: 8104, numRuns: 150 },
    );
  });
});
