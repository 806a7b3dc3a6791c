import { describe, expect, it } from "vitest";
import { chartDigits, footnoteSvg, niceUpper, wrapText } from "../../src/render/_svg.ts";
import { InvalidOptionError } from "../../src/errors.ts";

describe("_svg additions for the charts", () => {
  it("niceUpper: the end of the tick step at or above max", () => {
    expect(niceUpper(37)).toBe(40); // ticks of 10 over [0, 37]
    expect(niceUpper(40)).toBe(40);
    expect(niceUpper(4)).toBe(4); // ticks of 1
    expect(niceUpper(0.33)).toBe(0.4); // 0.33 / 5 = 0.066: steps of 0.05 give 6.6 > 5 ticks, so 0.1
    expect(niceUpper(0.29)).toBe(0.3); // 3 x 0.1, not 0.30000000000000004
    expect(niceUpper(0)).toBe(1);
    expect(niceUpper(-3)).toBe(1);
  });
  it("wrapText: lines within the width, words kept whole", () => {
    expect(wrapText("aa bb cc dd", 5)).toEqual(["aa bb", "cc dd"]);
    expect(wrapText("a verylongword b", 4)).toEqual(["a", "verylongword", "b"]);
    expect(wrapText("", 10)).toEqual([]);
  });
  it("footnoteSvg: escaped lines 14 px apart, the last at lastY", () => {
    expect(footnoteSvg(["a < b", "c"], 100)).toBe('<text class="cx-footnote" font-size="11" fill="#444444"><tspan x="8" y="86">a &lt; b</tspan><tspan x="8" y="100">c</tspan></text>');
  });
  it("chartDigits: integers 0..6, the fallback when missing", () => {
    expect(chartDigits("c", undefined, 2)).toBe(2);
    expect(chartDigits("c", 0, 2)).toBe(0);
    for (const bad of [-1, 7, 1.5, "2", Number.NaN]) expect(() => chartDigits("c", bad, 1)).toThrow(InvalidOptionError);
  });
});
