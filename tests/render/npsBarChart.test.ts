import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { nps, npsAggregator } from "../../src/survey/nps.ts";
import { npsBarChart } from "../../src/render/npsBarChart.ts";
import { checkSvg } from "./svgCheck.ts";

/** d detractors (answer 3), p passives (8), q promoters (10). */
const answers = (d: number, p: number, q: number): number[] => [...Array(d).fill(3), ...Array(p).fill(8), ...Array(q).fill(10)];
const count = (svg: string, needle: string): number => svg.split(needle).length - 1;
const unescape = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const titles = (svg: string): string[] => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => unescape(m[1]!));

/** The segments of each bar row: x, width, fill. */
function rowsOf(svg: string): { x: number; width: number; fill: string }[][] {
  return svg
    .split('<g class="cx-bar-row">')
    .slice(1)
    .map((row) => [...row.matchAll(/<rect class="cx-segment" x="([^"]+)" y="[^"]+" width="([^"]+)" height="[^"]+" fill="([^"]+)"/g)].map((m) => ({ x: Number(m[1]), width: Number(m[2]), fill: m[3]! })));
}

/** The x of an axis tick by its label. */
function tickX(svg: string, label: string): number {
  const m = new RegExp(`<line x1="([^"]+)" y1="[^"]+" x2="[^"]+" y2="[^"]+" stroke="#444444"/><text x="[^"]+" y="[^"]+" text-anchor="middle">${label}</text>`).exec(svg);
  return Number(m![1]);
}

describe("npsBarChart geometry", () => {
  const svg = npsBarChart([
    { label: "a", result: nps(answers(2, 3, 5)) },
    { label: "b", result: nps(answers(1, 1, 2)) },
  ]);
  const rows = rowsOf(svg);

  it("segments run from the 0% tick to the 100% tick, detractors left, passives, promoters right", () => {
    const x0 = tickX(svg, "0%");
    const x1 = tickX(svg, "100%");
    for (const segs of rows) {
      expect(segs.map((s) => s.fill)).toEqual(["#D55E00", "#BBBBBB", "#009E73"]);
      expect(segs[0]!.x).toBe(x0);
      // contiguous, to 0.01 px of coordinate rounding
      expect(Math.abs(segs[1]!.x - (segs[0]!.x + segs[0]!.width))).toBeLessThanOrEqual(0.011);
      expect(Math.abs(segs[2]!.x - (segs[1]!.x + segs[1]!.width))).toBeLessThanOrEqual(0.011);
      expect(Math.abs(segs[2]!.x + segs[2]!.width - x1)).toBeLessThanOrEqual(0.011);
    }
  });

  it("segment widths are the shares times the plot width (2/3/5 of 10 and 1/1/2 of 4)", () => {
    const plot = tickX(svg, "100%") - tickX(svg, "0%");
    const expected = [
      [0.2, 0.3, 0.5],
      [0.25, 0.25, 0.5],
    ];
    rows.forEach((segs, i) => segs.forEach((s, k) => expect(Math.abs(s.width - expected[i]![k]! * plot)).toBeLessThanOrEqual(0.006)));
  });

  it("labels the shares inside the segments, NPS with its interval and n at the right", () => {
    for (const pct of ["20%", "30%", "50%", "25%"]) expect(svg).toContain(`>${pct}</text>`);
    const a = nps(answers(2, 3, 5));
    // NPS = 100 * (5 - 2) / 10 = 30
    expect(svg).toContain(`>30.0 [${a.ci!.lower.toFixed(1)}, ${a.ci!.upper.toFixed(1)}], n = 10</text>`);
    expect(svg).toContain(">NPS [95% CI], n</text>");
    expect(titles(svg)).toContain("a: promoters 50.0% (5 of 10)");
    expect(titles(svg)).toContain("b: detractors 25.0% (1 of 4)");
  });

  it("leaves out labels that do not fit: 1 detractor in 100 gets no % text, 99 promoters do", () => {
    const one = npsBarChart([{ label: "x", result: nps(answers(1, 0, 99)) }]);
    expect(one).not.toContain(">1%</text>");
    expect(one).toContain(">99%</text>");
    // no passives: no zero-width segment
    expect(rowsOf(one)[0]!.map((s) => s.fill)).toEqual(["#D55E00", "#009E73"]);
  });
});

describe("npsBarChart rows and edge cases", () => {
  it("an n = 0 row is a 'no data' row; every row empty, or no rows, is the no-data chart", () => {
    const svg = npsBarChart([
      { label: "full", result: nps(answers(1, 1, 1)) },
      { label: "empty", result: nps([null, null]) },
    ]);
    expect(count(svg, 'class="cx-no-data"')).toBe(1);
    expect(svg).toContain(">no data, n = 0</text>");
    expect(titles(svg)).toContain("empty: no data (n = 0)");
    checkSvg(svg);
    for (const none of [npsBarChart([]), npsBarChart([{ label: "e", result: nps([]) }])]) {
      expect(none).toContain("no data");
      expect(none).not.toContain("cx-segment");
      checkSvg(none);
    }
  });

  it("labels breakdown rows by key values and period, with a default title naming them", () => {
    const recs = [
      { ch: "chat", at: "2024-01-05", v: 10 },
      { ch: "chat", at: "2024-02-05", v: 0 },
      { ch: "mail", at: "2024-01-09", v: 8 },
    ];
    const b = breakdown(npsAggregator({ value: (r: (typeof recs)[number]) => r.v }), recs, { by: { ch: (r) => r.ch }, period: { at: (r) => r.at, unit: "month" } });
    const svg = npsBarChart(b);
    expect(svg).toContain(">NPS by ch and month</title>");
    for (const l of ["chat, 2024-01", "chat, 2024-02", "mail, 2024-01"]) expect(svg).toContain(`>${l}</text>`);
    expect(svg).toMatch(/<desc[^>]*>NPS by ch and month, 3 segments: chat, 2024-01 100\.0 \[[^\]]+\], n = 1; chat, 2024-02 -100\.0/);
    checkSvg(svg);
  });

  it("many rows: the default height stops at the 20000 px limit and the bars get thinner", () => {
    const svg = npsBarChart(Array.from({ length: 1000 }, (_, i) => ({ label: `s${i}`, result: nps([i % 11]) })));
    expect(svg).toContain('height="20000"');
    expect(count(svg, 'class="cx-bar-row"')).toBe(1000);
    checkSvg(svg);
  });

  it("escapes labels and titles", () => {
    const svg = npsBarChart([{ label: `<i>"x" & 'y'`, result: nps([9]) }], { title: "<NPS>" });
    expect(svg).not.toContain("<i>");
    expect(svg).toContain("&lt;i&gt;&quot;x&quot; &amp; &#39;y&#39;");
    expect(svg).toContain("&lt;NPS&gt;");
    checkSvg(svg);
  });

  it("shortens long labels on screen and keeps the full label as a tooltip", () => {
    const long = "a segment label far too long to fit into the label column of the chart";
    const svg = npsBarChart([{ label: long, result: nps([9]) }]);
    expect(svg).toContain("\u2026");
    expect(titles(svg)).toContain(long);
  });

  it("is deterministic and well-formed on generated segments (seeded)", () => {
    const seg = fc.record({ label: fc.string({ maxLength: 12 }), d: fc.nat(40), p: fc.nat(40), q: fc.nat(40) });
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 10 }), fc.integer({ min: 80, max: 1200 }), (segs, width) => {
        const input = segs.map((s) => ({ label: s.label, result: nps(answers(s.d, s.p, s.q)) }));
        const svg = npsBarChart(input, { width });
        checkSvg(svg);
        expect(npsBarChart(structuredClone(input), { width })).toBe(svg);
        const nonEmpty = segs.filter((s) => s.d + s.p + s.q > 0);
        if (nonEmpty.length === 0) return;
        const bands = nonEmpty.reduce((n, s) => n + (s.d > 0 ? 1 : 0) + (s.p > 0 ? 1 : 0) + (s.q > 0 ? 1 : 0), 0);
        expect(count(svg, 'class="cx-segment"')).toBe(bands);
        expect(count(svg, 'class="cx-no-data"')).toBe(segs.length - nonEmpty.length);
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });
});
