import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRetention } from "../../src/churn/cohortRetention.ts";
import { cohortHeatmap } from "../../src/render/cohortHeatmap.ts";
import { descOf as desc } from "./chartMarks.ts";
import { checkSvg } from "./svgCheck.ts";

const cells = (svg: string): { cls: string; x: number; y: number; w: number; h: number; fill: string; title: string }[] =>
  [...svg.matchAll(/<rect class="(cx-cell[^"]*)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="([^"]+)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => ({
    cls: m[1]!,
    x: Number(m[2]),
    y: Number(m[3]),
    w: Number(m[4]),
    h: Number(m[5]),
    fill: m[6]!,
    title: m[7]!,
  }));

describe("cohortHeatmap", () => {
  // The example of cohortRetention's JSDoc: cohort 2024-01 retained [1, 1, 0], cohort 2024-03 [1, censored, censored].
  const r = cohortRetention([{ customerId: 1, start: "2024-01-10", end: "2024-02-20" }, { customerId: 2, start: "2024-03-05" }], { asOf: "2024-03-31" });

  it("one cell per cohort and age, laid out on the grid, filled by rate", () => {
    // default height 52 + 64 + 2 rows x 24 = 164; row labels "2024-01 (n = 1)" (15 chars): left = 8 + ceil(6.5 x 15) + 8
    // = 114; 3 ages over 114..624: 170 px wide; rows 52..100: 24 px high
    const svg = cohortHeatmap(r);
    checkSvg(svg);
    expect(svg).toContain('viewBox="0 0 640 164"');
    const c = cells(svg);
    expect(c).toHaveLength(6);
    expect(c.map((x) => [x.x, x.y, x.w, x.h])).toEqual([
      [114, 52, 170, 24],
      [284, 52, 170, 24],
      [454, 52, 170, 24],
      [114, 76, 170, 24],
      [284, 76, 170, 24],
      [454, 76, 170, 24],
    ]);
    // cividis ends: rate 1 -> #ffea46 (light, black text), rate 0 -> #00224e (dark, white text)
    expect(c.slice(0, 3).map((x) => x.fill)).toEqual(["#ffea46", "#ffea46", "#00224e"]);
    expect(svg).toContain('<text x="199" y="68" text-anchor="middle" font-size="11" fill="#000000">100%</text>');
    expect(svg).toContain('<text x="539" y="68" text-anchor="middle" font-size="11" fill="#ffffff">0%</text>');
    expect(c[1]!.title).toBe("2024-01, age 1: 1 of 1 retained (100.0%)");
    expect(svg).toContain(">2024-03 (n = 1)</text>");
  });

  it("censored cells are hatched with the chart's own pattern and titled not yet observed", () => {
    const svg = cohortHeatmap(r);
    const pattern = /<pattern id="([^"]+)"/.exec(svg)![1]!;
    expect(pattern).toMatch(/^cx-[0-9a-f]{8}-hatch$/);
    const censored = cells(svg).filter((x) => x.cls.includes("cx-censored"));
    expect(censored.map((x) => x.title)).toEqual(["2024-03, age 1: not yet observed", "2024-03, age 2: not yet observed"]);
    expect(censored.every((x) => x.fill === `url(#${pattern})`)).toBe(true);
    expect(svg).not.toMatch(/2024-03, age 1: [^n]/); // never a 0% for a cell not observed
    expect(desc(svg)).toBe("Retention of 2 monthly cohorts (2024-01 to 2024-03, 2 subscriptions) at ages 0 to 2 months; at age 1: 100.0% (2024-01); 2 cells not yet observed.");
    // another heatmap gets other ids: two on one page do not clash
    const other = cohortHeatmap(cohortRetention([{ customerId: 1, start: "2024-01-10" }], { asOf: "2024-03-31" }));
    expect(/<pattern id="([^"]+)"/.exec(other)![1]).not.toBe(pattern);
  });

  it("a colour legend bar from 0 to 100%", () => {
    const svg = cohortHeatmap(r);
    const scale = /<linearGradient id="([^"]+)"/.exec(svg)![1]!;
    expect(svg).toContain(`fill="url(#${scale})"><title>retention rate, 0% to 100%</title>`);
    expect(svg).toContain('<stop offset="0" stop-color="#00224e"/>');
    expect(svg).toContain('<stop offset="1" stop-color="#ffea46"/>');
    for (const p of ["0%", "50%", "100%"]) expect(svg).toContain(`font-size="11">${p}</text>`);
    expect(svg).toContain(">not yet observed</text>");
  });

  it("weekly cohorts name their unit; small cells keep only their titles", () => {
    const subs = Array.from({ length: 12 }, (_, i) => ({ customerId: i, start: `2024-01-${String(1 + i).padStart(2, "0")}` }));
    const w = cohortRetention(subs, { asOf: "2024-06-30", period: "week" });
    const svg = cohortHeatmap(w, { width: 320 });
    expect(svg).toContain(">Retention by weekly cohort</title>");
    expect(svg).toContain(">Weeks since cohort start</text>");
    expect(cells(svg)).toHaveLength(w.cohorts.length * (w.maxAge + 1));
    expect(svg).not.toMatch(/fill="#(000000|ffffff)">100%<\/text>/); // 26 ages in 171 px: no room for text in cells
    expect(svg).toContain(">not yet observed</text>");
    // column numbers every 3rd age (6.58 px columns, at least 18 px apart)
    expect([...svg.matchAll(/class="cx-column"[^>]*>(\d+)</g)].map((m) => Number(m[1]))).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    expect(desc(svg)).toContain("at age 1: 100.0% in every cohort observed");
  });

  it("escapes labels and titles", () => {
    const odd = structuredClone(r);
    odd.cohorts[0]!.cohort = 'Q1 <"EU"> & co';
    const svg = cohortHeatmap(odd, { title: "A & B" });
    checkSvg(svg);
    expect(svg).toContain(">Q1 &lt;&quot;EU&quot;&gt; &amp; co (n = 1)</text>");
    expect(svg).toContain(">A &amp; B</title>");
  });

  it("more than 40,000 cells: a chart that asks for a longer period instead of megabytes of sub-pixel cells", () => {
    // one subscription a day for 201 days, daily cohorts: 201 cohorts x ages 0..200 = 40401 cells
    const daily = cohortRetention(
      Array.from({ length: 201 }, (_, i) => ({ customerId: i, start: Date.UTC(2024, 0, 1) + i * 86_400_000 })),
      { asOf: Date.UTC(2024, 0, 1) + 200 * 86_400_000, period: "day" },
    );
    expect([daily.cohorts.length, daily.maxAge]).toEqual([201, 200]);
    const svg = cohortHeatmap(daily);
    checkSvg(svg);
    expect(cells(svg)).toHaveLength(0);
    expect(svg).toContain(">201 cohorts x 201 ages = 40401 cells, more than 40000 to draw: use a longer period</text>");
    // 200 x 200 = 40000 is still drawn
    const fits = cohortRetention(Array.from({ length: 200 }, (_, i) => ({ customerId: i, start: Date.UTC(2024, 0, 1) + i * 86_400_000 })), { asOf: Date.UTC(2024, 0, 1) + 199 * 86_400_000, period: "day" });
    expect(cells(cohortHeatmap(fits))).toHaveLength(40000);
  });

  it("no cohorts give the no-data chart", () => {
    const svg = cohortHeatmap(cohortRetention([], { asOf: "2024-03-31" }));
    checkSvg(svg);
    expect(svg).toContain('class="cx-no-data"');
    expect(cells(svg)).toHaveLength(0);
  });

  it("well-formed and deterministic on generated subscriptions; censored cells hatched (seeded)", () => {
    const DAY = 86_400_000;
    const T0 = Date.UTC(2024, 0, 1);
    const sub = fc.record({ start: fc.integer({ min: 0, max: 360 }), length: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(sub, { maxLength: 40 }), fc.constantFrom<"month" | "quarter" | "week">("month", "quarter", "week"), (rows, period) => {
        const subs = rows.map((s, i) => ({ customerId: i, start: T0 + s.start * DAY, ...(s.length === null ? {} : { end: T0 + (s.start + s.length) * DAY }) }));
        const res = cohortRetention(subs, { asOf: T0 + 365 * DAY, period });
        const svg = cohortHeatmap(res);
        checkSvg(svg);
        expect(cohortHeatmap(structuredClone(res))).toBe(svg);
        const c = cells(svg);
        expect(c).toHaveLength(res.cohorts.length * (res.maxAge + 1));
        const censored = res.cohorts.flatMap((x) => x.cells).filter((x) => x.censored).length;
        expect(c.filter((x) => x.fill.startsWith("url(#")).length).toBe(censored);
      }),
      { seed: 8103, numRuns: 100 },
    );
  });
});
