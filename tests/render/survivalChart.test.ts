import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { survivalCurve } from "../../src/churn/survivalCurve.ts";
import { InvalidOptionError } from "../../src/errors.ts";
import { survivalChart } from "../../src/render/survivalChart.ts";
import { kaplanMeier } from "../../src/stats/kaplanMeier.ts";
import { descOf as desc } from "./chartMarks.ts";
import { checkSvg } from "./svgCheck.ts";

const curvePath = (svg: string): string => /<path class="cx-curve" d="([^"]*)"/.exec(svg)![1]!;
const censorTicks = (svg: string): { d: string; title: string }[] =>
  [...svg.matchAll(/<path class="cx-censor" d="([^"]*)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => ({ d: m[1]!, title: m[2]! }));
const bands = (svg: string): string[] => [...svg.matchAll(/<path class="cx-band" d="([^"]*)"/g)].map((m) => m[1]!);

describe("survivalChart", () => {
  // Layout at 640 x 320: plot x 56..624, y 34..248 (320 - 72), so S = 1 at y 34, S = 0.5 at 141, S = 0 at 248.
  // R: survfit(Surv(c(1, 2, 3, 4), c(1, 1, 0, 1)) ~ 1): S = 0.75, 0.5, 0.5, 0; the median is the midpoint of the flat
  // stretch at exactly 0.5, from 2 to the next drop at 4: 3. x: 0..4 (ticks of 1), 142 px per unit.
  const km = kaplanMeier([1, 2, 3, 4], [true, true, false, true]);

  it("draws the step curve from S = 1 at t = 0, S = 0.5 at half the plot height", () => {
    expect(km.survival).toEqual([0.75, 0.5, 0.5, 0]);
    const svg = survivalChart(km);
    expect(curvePath(svg)).toBe("M56 34 H198 V87.5 H340 V141 H482 V141 H624 V248");
  });

  it("one censoring tick per censoring time, at the curve; the dashed median line with its value", () => {
    const svg = survivalChart(km, { unit: "weeks" });
    const ticks = censorTicks(svg);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.d).toBe("M477 141 H487 M482 136 V146"); // a "+" at (x(3), y(0.5))
    expect(svg.indexOf('class="cx-censor"')).toBeGreaterThan(svg.indexOf('class="cx-curve"')); // sparse: on top
    expect(ticks[0]!.title).toBe("3 weeks: 1 censored, 2 at risk, S = 50.0%");
    expect(svg).toMatch(/<g class="cx-median"><path d="M56 141 H482 V248"[^>]*stroke-dasharray="6 3"/);
    expect(svg).toContain(">median 3 weeks</text>");
    expect(svg).toContain(">Time (weeks)</text>");
  });

  it("the interval band is stepped, and broken where a bound is undefined", () => {
    // log-log: the bounds are undefined while S = 1 (a censoring at 1 before the first event), so the band starts at 2
    const ll = kaplanMeier([1, 2, 3], [false, true, true], { interval: "log-log" });
    expect(ll.lower[0]).toBeNull();
    const b = bands(survivalChart(ll));
    expect(b).toHaveLength(1);
    // x: 0..3 (ticks of 0.5), 568 / 3 px per unit: t = 2 at 434.67, t = 3 at 624
    expect(b[0]!.startsWith("M434.67 ")).toBe(true);
    const [lo, hi] = [ll.lower[1]!, ll.upper[1]!];
    expect(b[0]).toBe(`M434.67 ${round(248 - 214 * hi)} L624 ${round(248 - 214 * hi)} L624 ${round(248 - 214 * lo)} L434.67 ${round(248 - 214 * lo)} Z`);
  });

  it("a survivalCurve result: tenure axis in its unit, censored subscriptions ticked", () => {
    // tenures in days (asOf day 40): 10 event, 20 event, 20 event, 30 censored, 40 censored (tests/churn/survivalCurve.test.ts)
    const day = (d: number): string => new Date(Date.UTC(2024, 2, 1) + d * 86_400_000).toISOString();
    const r = survivalCurve(
      [
        { customerId: "a", start: day(0), end: day(10) },
        { customerId: "b", start: day(0), end: day(20) },
        { customerId: "c", start: day(10), end: day(60) },
        { customerId: "d", start: day(0) },
        { customerId: "e", start: day(5), end: day(25) },
      ],
      { asOf: day(40) },
    );
    const svg = survivalChart(r);
    checkSvg(svg);
    expect(svg).toContain(">Subscription survival (Kaplan-Meier)</title>");
    expect(svg).toContain(">Tenure (days)</text>");
    expect(censorTicks(svg).map((t) => t.title)).toEqual(["30 days: 1 censored, 2 at risk, S = 40.0%", "40 days: 1 censored, 1 at risk, S = 40.0%"]);
    // x 0..40 (ticks of 10): 14.2 px a day; S(10) = 0.8 -> y 76.8, S(20) = 0.4 -> y 162.4
    expect(curvePath(svg)).toBe("M56 34 H198 V76.8 H340 V162.4 H482 V162.4 H624 V162.4");
    // median interval (log, Greenwood): lower curve at 10 = 0.8 exp(-1.96 sqrt(1/20)) = 0.516 > 0.5, at 20 =
    // 0.4 exp(-1.96 sqrt(1/20 + 2/8)) = 0.137 -> 20; the upper curve is capped at 1 and never reaches 0.5
    expect(desc(svg)).toBe(
      "Kaplan-Meier survival of 5 subscriptions (3 events, 2 censored) over 40 days: 40.0% surviving at the end; median 20 days (95% interval 20 days to not reached).",
    );
  });

  it("a median never reached is said so", () => {
    const svg = survivalChart(kaplanMeier([1, 2, 3], [true, false, false]));
    expect(svg).toContain(">median not reached</text>");
    expect(desc(svg)).toContain("median not reached");
  });

  it("no observations give the no-data chart", () => {
    for (const r of [kaplanMeier([], []), survivalCurve([], { asOf: "2024-01-01" })]) {
      const svg = survivalChart(r);
      checkSvg(svg);
      expect(svg).toContain('class="cx-no-data"');
      expect(svg).not.toContain("cx-curve");
    }
  });

  it("escapes the title and the unit; refuses bad options", () => {
    const svg = survivalChart(km, { title: "S <&> t", unit: '"d"' });
    expect(svg).toContain(">S &lt;&amp;&gt; t</title>");
    expect(svg).toContain(">Time (&quot;d&quot;)</text>");
    expect(() => survivalChart(km, { digits: 1.5 })).toThrow(InvalidOptionError);
    expect(() => survivalChart(km, { height: 50 })).toThrow(InvalidOptionError);
  });

  it("times closer than a pixel share one step and one censoring tick", () => {
    // x 0..40: 14.2 px a unit, so 10 and 10.01 fall in the same pixel column (198.0 and 198.14)
    const r = kaplanMeier([10, 10.01, 20, 40], [false, false, true, true]);
    const svg = survivalChart(r);
    const ticks = censorTicks(svg);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.title).toBe("10 to 10.0: 2 censored at 2 times, S from 100.0% to 100.0%");
    // S = 1, 1, 0.5, 0: the group (10, 10.01) is one step at x(10) = 198 down to S after 10.01 (still 1)
    expect(curvePath(svg)).toBe("M56 34 H198 V34 H340 V141 H624 V248");
  });

  it("well-formed and deterministic on generated data; whole times a pixel apart get one tick each (seeded)", () => {
    const rows = (t: fc.Arbitrary<number>): fc.Arbitrary<{ t: number; e: boolean }[]> => fc.array(fc.record({ t, e: fc.boolean() }), { maxLength: 60 });
    const intervals = fc.constantFrom<"log" | "log-log" | "plain">("log", "log-log", "plain");
    const yOf = (s: number): number => round(248 - 214 * s);
    // whole times up to 30: at least 568 / 30 px apart, so every time is its own step and tick
    fc.assert(
      fc.property(rows(fc.integer({ min: 0, max: 30 })), intervals, (obs, interval) => {
        const r = kaplanMeier(obs.map((x) => x.t), obs.map((x) => x.e), { interval });
        const svg = survivalChart(r);
        checkSvg(svg);
        if (r.n === 0) return;
        expect(censorTicks(svg)).toHaveLength(r.censoredAt.filter((c) => c > 0).length);
        expect([...curvePath(svg).matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]))).toEqual(r.survival.map(yOf));
      }),
      { seed: 8102, numRuns: 100 },
    );
    // any times: steps and ticks merge within a pixel, the curve only goes down through survival values, and the
    // ticks' titles account for every censored observation
    fc.assert(
      fc.property(rows(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1000, noNaN: true }))), intervals, (obs, interval) => {
        const r = kaplanMeier(obs.map((x) => x.t), obs.map((x) => x.e), { interval });
        const svg = survivalChart(r);
        checkSvg(svg);
        expect(survivalChart(structuredClone(r))).toBe(svg);
        if (r.n === 0) return;
        const vs = [...curvePath(svg).matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]));
        const allowed = new Set(r.survival.map(yOf));
        expect(vs.every((v) => allowed.has(v))).toBe(true);
        expect(vs.every((v, i) => i === 0 || v >= vs[i - 1]!)).toBe(true);
        expect(vs[vs.length - 1]).toBe(yOf(r.survival[r.survival.length - 1]!));
        const ticks = censorTicks(svg);
        expect(ticks.length).toBeLessThanOrEqual(r.censoredAt.filter((c) => c > 0).length);
        expect(ticks.reduce((sum, t) => sum + Number(/: (\d+) censored/.exec(t.title)![1]), 0)).toBe(r.censored);
      }),
      { seed: 8105, numRuns: 150 },
    );
  });

  it("a long curve stays small: at most one step per pixel column", () => {
    // 20000 distinct times over 0..20000 on a 568 px plot
    const n = 20000;
    const r = kaplanMeier(Array.from({ length: n }, (_, i) => i + 1), Array.from({ length: n }, (_, i) => i % 3 !== 0));
    const svg = survivalChart(r);
    checkSvg(svg);
    expect([...curvePath(svg).matchAll(/V/g)].length).toBeLessThanOrEqual(569);
    expect(censorTicks(svg).length).toBeLessThanOrEqual(569);
    expect(censorTicks(svg).reduce((sum, t) => sum + Number(/: (\d+) censored/.exec(t.title)![1]), 0)).toBe(r.censored);
    // dense ticks (over one per 6 px) are small "+" (5 px across) drawn under the curve
    const [x0, , x1, , y0, y1] = censorTicks(svg)[0]!.d.match(/-?[\d.]+/g)!.map(Number); // M x0 y H x1 M x y0 V y1
    expect([round(x1! - x0!), round(y1! - y0!)]).toEqual([5, 5]);
    expect(svg.indexOf('class="cx-censor"')).toBeLessThan(svg.indexOf('class="cx-curve"'));
  });
});

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
