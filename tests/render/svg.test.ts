import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { axisBottom, coord, escapeXml, formatValue, linearScale, niceTicks, noDataSvg, SEQUENTIAL, svgDocument, textOn } from "../../src/render/_svg.ts";
import { checkSvg } from "./svgCheck.ts";

describe("svg primitives", () => {
  it("coord rounds to 2 decimals without -0 or exponents", () => {
    expect([coord(12.3456), coord(-0.001), coord(1e-9), coord(3), coord(2.5), coord(NaN), coord(1e21)]).toEqual(["12.35", "0", "0", "3", "2.5", "0", "1000000000"]);
  });

  it("formatValue: fixed decimals, no -0, 'no data' for null and non-finite", () => {
    expect([formatValue(41.666), formatValue(-0.01), formatValue(null), formatValue(Infinity), formatValue(2, 0)]).toEqual(["41.7", "0.0", "no data", "no data", "2"]);
  });

  it("escapeXml escapes the five characters", () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&#39;");
  });

  it("linearScale maps ends to ends and a flat domain to the middle", () => {
    const s = linearScale([0, 100], [200, 0]);
    expect([s(0), s(25), s(100)]).toEqual([200, 150, 0]);
    expect(linearScale([5, 5], [0, 10])(7)).toBe(5);
  });

  it("niceTicks: Heckbert's steps", () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-100, 100, 4)).toEqual([-100, -50, 0, 50, 100]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it("niceTicks: at most count + 1 ticks, evenly spaced, inside [min, max]", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 10 }), (min, span, count) => {
        const t = niceTicks(min, min + span, count);
        expect(t.length).toBeGreaterThanOrEqual(1);
        expect(t.length).toBeLessThanOrEqual(count + 1);
        for (const x of t) expect(x >= min - span * 1e-9 && x <= min + span * (1 + 1e-9)).toBe(true);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it("SEQUENTIAL gives the cividis ends and gets lighter as t rises", () => {
    expect(SEQUENTIAL(0)).toBe("#00224e");
    expect(SEQUENTIAL(1)).toBe("#ffea46");
    expect(SEQUENTIAL(2)).toBe("#ffea46");
    const lum = (hex: string): number => {
      const n = parseInt(hex.slice(1), 16);
      return 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    };
    for (let t = 0; t < 1; t += 0.05) expect(lum(SEQUENTIAL(t + 0.05))).toBeGreaterThan(lum(SEQUENTIAL(t)));
  });

  it("textOn: white on dark, black on light", () => {
    expect([textOn("#00224e"), textOn("#ffea46"), textOn("#ffffff"), textOn("#000000")]).toEqual(["#ffffff", "#000000", "#000000", "#ffffff"]);
  });

  it("svgDocument is accessible, well formed and deterministic; ids differ with content", () => {
    const a = svgDocument({ title: "NPS <by> month", description: "A & B", width: 300, height: 100, body: axisBottom(linearScale([0, 1], [10, 290]), [0, 1], 80, String, "x") });
    checkSvg(a);
    expect(a).toContain("<title id=");
    expect(a).toContain("NPS &lt;by&gt; month");
    expect(svgDocument({ title: "NPS <by> month", description: "A & B", width: 300, height: 100, body: axisBottom(linearScale([0, 1], [10, 290]), [0, 1], 80, String, "x") })).toBe(a);
    expect(/id="(cx-[0-9a-f]{8})"/.exec(svgDocument({ title: "t", description: "d", width: 300, height: 100, body: "" }))![1]).not.toBe(/id="(cx-[0-9a-f]{8})"/.exec(a)![1]);
  });

  it("noDataSvg says no data", () => {
    const s = noDataSvg("CSAT", 200, 100);
    checkSvg(s);
    expect(s).toContain(">no data</text>");
  });

  it("checkSvg catches broken output", () => {
    const good = noDataSvg("x", 200, 100);
    expect(() => checkSvg(good.replace("</text>", ""))).toThrow(/closes/);
    expect(() => checkSvg(good.replace("no data", "NaN"))).toThrow(/NaN/);
    expect(() => checkSvg(good.replace("no data", "a & b"))).toThrow(/unescaped/);
    expect(() => checkSvg(good.replace('role="img" ', ""))).toThrow(/role/);
  });
});
