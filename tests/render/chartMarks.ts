/** Readers of chart marks for the chart tests: the SVG is a string, these pull out what a test checks. */

/** The `<desc>` text of a chart (escaped as written). */
export function descOf(svg: string): string {
  return /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1]!;
}

/** Bars: `<rect class="cx-bar" x y width height ...><title>` in document order. */
export function barsOf(svg: string): { x: number; y: number; width: number; height: number; title: string }[] {
  return [...svg.matchAll(/<rect class="cx-bar" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*><title>([^<]*)<\/title>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
    title: m[5]!,
  }));
}

/** The footnote's lines (its `<tspan>`s). */
export function footnoteOf(svg: string): string[] {
  return [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
}
