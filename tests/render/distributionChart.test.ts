import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ces } from "../../src/survey/ces.ts";
import { csat } from "../../src/survey/csat.ts";
import { nps } from "../../src/survey/nps.ts";
import { distributionChart } from "../../src/render/distributionChart.ts";
import { countOf as count, titlesOf as titles } from "./svgText.ts";
import { checkSvg } from "./svgCheck.ts";

/*
 * Layout (docs/render/charts.md): 640 x 320 by default, plot margins top 40, right 16, bottom 80, left 60, so the
 * plot is x 60..624 (564 px) and y 40..240 (200 px).
 */
const RED = "#D55E00";
const GREY = "#BBBBBB";
const GREEN = "#009E73";
const repeat = (v: number, k: number): number[] => Array<number>(k).fill(v);

/** The bars: x, y, width, height, fill. */
function bars(svg: string): { x: number; y: number; width: number; height: number; fill: string }[] {
  return [...svg.matchAll(/<g class="cx-bar"><rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" fill="([^"]+)"/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
    fill: m[5]!,
  }));
}

describe("distributionChart geometry (hand computed)", () => {
  // 5 zeros, 3 sevens, 10 nines: the largest count 10 is the top tick (ticks 0, 2, ..., 10)
  const svg = distributionChart(nps([...repeat(0, 5), ...repeat(7, 3), ...repeat(9, 10)]));
  const b = bars(svg);

  it("one bar per point 0..10, heights count / 10 * 200 px", () => {
    expect(b).toHaveLength(11);
    expect(b.map((r) => r.height)).toEqual([100, 0, 0, 0, 0, 0, 0, 60, 0, 200, 0]);
    // the bar of 5 answers: top at 240 - 100 = 140; of 10: at the plot top, 40
    expect(b[0]!.y).toBe(140);
    expect(b[9]!.y).toBe(40);
  });

  it("bars are 0.8 of the 564 / 11 px band, centred", () => {
    // band 51.2727 px; bar width 41.02; bar 0 from 60 + 0.1 * 51.2727 = 65.13
    expect(b[0]!.width).toBe(41.02);
    expect(b[0]!.x).toBe(65.13);
    expect(b[10]!.x).toBe(577.85);
  });

  it("labels each bar with its count and its tooltip with count, share and band", () => {
    for (const c of ["5", "3", "10"]) expect(svg).toContain(`>${c}</text>`);
    expect(titles(svg)).toContain("9: 10 answers (55.6%), promoter");
    expect(titles(svg)).toContain("0: 5 answers (27.8%), detractor");
    expect(titles(svg)).toContain("4: 0 answers (0.0%), detractor");
  });
});

describe("distributionChart bands", () => {
  it("NPS: detractors 0-6, passives 7-8, promoters 9-10, named under the axis", () => {
    // one answer per point: NPS = 100 * (2 - 7) / 11 = -45.5
    const svg = distributionChart(nps([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(bars(svg).map((r) => r.fill)).toEqual([...repeat(0, 7).map(() => RED), GREY, GREY, GREEN, GREEN]);
    for (const name of ["detractors", "passives", "promoters"]) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toMatch(/<desc[^>]*>NPS distribution of 11 answers: 7 detractors \(0-6\), 2 passives \(7-8\), 2 promoters \(9-10\); NPS -45\.5; 0 missing and 0 invalid answers not plotted\.<\/desc>/);
  });

  it("NPS with other bands: the default bands are refused when the counts disagree, options.bands fixes it", () => {
    const r = nps([5, 6, 8, 9], { bands: { detractorMax: 5, promoterMin: 8 } });
    const plain = distributionChart(r);
    expect(new Set(bars(plain).map((b) => b.fill))).toEqual(new Set([GREY]));
    expect(plain).toContain("bands unknown");
    const banded = distributionChart(r, { bands: { detractorMax: 5, promoterMin: 8 } });
    expect(bars(banded).map((b) => b.fill)).toEqual([...repeat(0, 6).map(() => RED), GREY, GREY, GREEN, GREEN, GREEN]);
    expect(banded).not.toContain("bands unknown");
  });

  it("CSAT: satisfied from satisfiedMin up (top-two box by default), binary no / yes", () => {
    expect(bars(distributionChart(csat([1, 2, 3, 4, 5]))).map((b) => b.fill)).toEqual([RED, RED, RED, GREEN, GREEN]);
    expect(bars(distributionChart(csat([1, 2, 3, 4, 5], { satisfiedMin: 3 }))).map((b) => b.fill)).toEqual([RED, RED, GREEN, GREEN, GREEN]);
    const yn = distributionChart(csat(["yes", "no", "yes"], { scale: "binary" }));
    expect(bars(yn).map((b) => [b.fill, b.height])).toEqual([
      [RED, 100],
      [GREEN, 200],
    ]);
    expect(yn).toContain(">no</text>");
    expect(yn).toContain(">satisfied</text>");
    expect(yn).toContain(">not satisfied</text>");
  });

  it("CES: difficult 1-3, neutral 4, easy 5-7; lower-is-easier swaps the sides", () => {
    const all = [1, 2, 3, 4, 5, 6, 7];
    expect(bars(distributionChart(ces(all))).map((b) => b.fill)).toEqual([RED, RED, RED, GREY, GREEN, GREEN, GREEN]);
    const lower = distributionChart(ces(all, { direction: "lower-is-easier" }));
    expect(bars(lower).map((b) => b.fill)).toEqual([GREEN, GREEN, GREEN, GREY, RED, RED, RED]);
    expect(lower).toContain("lower is easier");
    const custom = ces(all, { easy: { min: 6, max: 7 }, difficult: { min: 1, max: 2 } });
    expect(distributionChart(custom)).toContain("bands unknown");
    expect(bars(distributionChart(custom, { easy: { min: 6, max: 7 }, difficult: { min: 1, max: 2 } })).map((b) => b.fill)).toEqual([RED, RED, GREY, GREY, GREY, GREEN, GREEN]);
  });
});

describe("distributionChart missing, invalid and empty", () => {
  it("names the missing and invalid counts in the desc and in a footnote", () => {
    const svg = distributionChart(nps([1, 9, null, NaN, 11, -1, 3.5], { onInvalid: "count" }));
    expect(svg).toMatch(/<desc[^>]*>[^<]*2 missing and 3 invalid answers not plotted\.<\/desc>/);
    expect(svg).toContain('class="cx-footnote"');
    expect(svg).toMatch(/class="cx-footnote"[^>]*>n = 2 valid answers; 2 missing and 3 invalid answers not plotted\.<\/text>/);
  });

  it("narrow charts wrap the footnote and abbreviate band names that do not fit their bracket", () => {
    const svg = distributionChart(nps([...repeat(0, 700), ...repeat(8, 300), ...repeat(10, 440), null]), { width: 320, height: 200 });
    checkSvg(svg);
    const foot = [...svg.matchAll(/class="cx-footnote" x="8" y="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
    // 2 lines of 12 px, the last 6 px above the bottom
    expect(foot).toEqual([
      ["182", "n = 1440 valid answers"],
      ["194", "1 missing and 0 invalid answers not plotted."],
    ]);
    expect(svg).toContain(">detractors</text>");
    expect(svg).toContain(">pas.</text>");
    expect(svg).toContain(">pro.</text>");
  });

  it("n = 0 gives the no-data chart, still with the missing and invalid counts", () => {
    const svg = distributionChart(csat([null, undefined, 9], { onInvalid: "count" }));
    expect(svg).toContain("no data: 0 valid answers (2 missing, 1 invalid)");
    expect(svg).not.toContain("cx-bar");
    checkSvg(svg);
  });

  it("escapes the title", () => {
    const svg = distributionChart(nps([9]), { title: `"NPS" <Q1> & more` });
    expect(svg).toContain("&quot;NPS&quot; &lt;Q1&gt; &amp; more");
    checkSvg(svg);
  });

  it("long scales thin the axis labels and drop count labels that do not fit", () => {
    const r = csat([1, 500, 1000, 1000], { scale: { min: 1, max: 1000 } });
    const svg = distributionChart(r);
    checkSvg(svg);
    expect(bars(svg)).toHaveLength(1000);
    expect(count(svg, 'class="cx-count"')).toBe(0);
    expect(count(svg, 'text-anchor="middle">')).toBeLessThan(200);
  });

  it("is deterministic and well-formed on generated answers (seeded)", () => {
    const answer = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constant(null), fc.constant(Number.NaN), fc.double());
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 200 }), fc.constantFrom("nps", "csat5", "csat7", "binary", "ces", "ces-lower"), fc.integer({ min: 80, max: 1600 }), (xs, kind, width) => {
        const o = { onInvalid: "count" as const };
        const r =
          kind === "nps"
            ? nps(xs, o)
            : kind === "csat5"
              ? csat(xs, o)
              : kind === "csat7"
                ? csat(xs, { ...o, scale: { min: 1, max: 7 } })
                : kind === "binary"
                  ? csat(xs.map((x) => (typeof x === "number" && x >= 0 && x <= 1 ? Math.round(x) : x)), { ...o, scale: "binary" })
                  : ces(xs, { ...o, direction: kind === "ces" ? "higher-is-easier" : "lower-is-easier" });
        const svg = distributionChart(r, { width });
        checkSvg(svg);
        expect(distributionChart(structuredClone(r), { width })).toBe(svg);
        if (r.n > 0) {
          const b = bars(svg);
          expect(b.reduce((s, x) => s + x.height, 0)).toBeGreaterThan(0);
          expect(svg).not.toContain("bands unknown");
        }
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });

  it("the y axis reaches at least the tallest bar: 757 answers of 10 get a top tick of 800 (found in review: it stopped at 600)", () => {
    const svg = distributionChart(nps([...Array(757).fill(10), ...Array(40).fill(3)]));
    const axis = /<g class="cx-axis cx-axis-y">(.*?)<\/g>/.exec(svg)![1]!;
    const ticks = [...axis.matchAll(/text-anchor="end">(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(ticks[ticks.length - 1]).toBe(800);
  });
});
