/**
 * Internal SVG primitives shared by the charts in src/render/: palette, escaping, number formatting for coordinates,
 * linear scales, nice ticks, axes and the accessible document frame. Strings only (no DOM), so the charts run in
 * browsers, Deno, Node and workers alike, and the same input always gives the same bytes.
 */
import { InvalidOptionError } from "../errors.ts";

/**
 * The Okabe-Ito palette: eight colours told apart under the common colour-vision deficiencies.
 * @see Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and presentations that are
 *   friendly to colorblind people. https://jfly.uni-koeln.de/color/
 */
export const PALETTE: {
  readonly blue: string;
  readonly orange: string;
  readonly green: string;
  readonly vermillion: string;
  readonly sky: string;
  readonly purple: string;
  readonly yellow: string;
  readonly grey: string;
  readonly black: string;
} = {
  blue: "#0072B2",
  orange: "#E69F00",
  green: "#009E73",
  vermillion: "#D55E00",
  sky: "#56B4E9",
  purple: "#CC79A7",
  yellow: "#F0E442",
  grey: "#999999",
  black: "#000000",
};

/** Line colours for series, in order; pair them with SERIES_DASHES / markers so colour is never the only cue. */
export const SERIES_COLOURS: readonly string[] = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion, PALETTE.purple, PALETTE.sky, PALETTE.black, PALETTE.yellow];

/** Dash patterns for series, in the same order as SERIES_COLOURS ("" = solid). */
export const SERIES_DASHES: readonly string[] = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4", "3 6"];

/** Band colours: promoters / satisfied / easy, passives / neutral, detractors / unsatisfied / difficult. */
export const BAND_COLOURS: { readonly promoter: string; readonly passive: string; readonly detractor: string } = {
  promoter: PALETTE.green,
  passive: "#BBBBBB",
  detractor: PALETTE.vermillion,
};

/** Stops of the cividis map (Nunez, Anderton & Renslow 2018), at t = 0, 0.25, 0.5, 0.75, 1. */
const CIVIDIS: readonly (readonly [number, number, number])[] = [
  [0, 34, 78],
  [65, 77, 108],
  [124, 123, 120],
  [188, 175, 111],
  [255, 234, 70],
];

/**
 * A sequential colour for t in [0, 1] (clamped): the cividis map, readable under colour-vision deficiencies and in
 * greyscale (its lightness rises monotonically).
 *
 *   colour(t) = linear interpolation between the two cividis stops around t, per RGB channel, rounded
 *
 * @example
 * SEQUENTIAL(0) // => "#00224e"
 * @see Nunez, J. R., Anderton, C. R. & Renslow, R. S. (2018). Optimizing colormaps with consideration for color
 *   vision deficiency. PLoS ONE 13(7): e0199239.
 */
export function SEQUENTIAL(t: number): string {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = x * (CIVIDIS.length - 1);
  const i = Math.min(CIVIDIS.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = CIVIDIS[i]!;
  const b = CIVIDIS[i + 1]!;
  return "#" + [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f).toString(16).padStart(2, "0")).join("");
}

/**
 * Black or white, whichever reads better on `fill` (a #rrggbb colour), by WCAG relative luminance.
 *
 *   L = 0.2126 R + 0.7152 G + 0.0722 B (linearised sRGB); black when (L + 0.05) / 0.05 >= 1.05 / (L + 0.05)
 *
 * @example
 * textOn("#00224e") // => "#ffffff"
 * @see WCAG 2.1, relative luminance and contrast ratio.
 */
export function textOn(fill: string): "#000000" | "#ffffff" {
  const m = /^#([0-9a-f]{6})$/i.exec(fill);
  if (m === null) return "#000000";
  const n = parseInt(m[1]!, 16);
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** Escapes text for SVG/HTML content and attribute values: & < > " '. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

/**
 * A coordinate as SVG text: rounded to 2 decimals, never "-0", never an exponent, never NaN (non-finite -> "0";
 * magnitudes are clamped to 1e9 px, far outside any viewBox, so toFixed never switches to exponents).
 * @example
 * coord(12.3456) // => "12.35"
 */
export function coord(x: number): string {
  if (!Number.isFinite(x)) return "0";
  const r = Math.round(Math.min(1e9, Math.max(-1e9, x)) * 100) / 100;
  if (r === 0) return "0";
  const s = r.toFixed(2);
  return s.replace(/\.?0+$/, "");
}

/**
 * A figure for people: fixed `digits` decimals (default 1), "no data" for null or non-finite; no locale grouping, so
 * the output is the same in every runtime.
 * @example
 * formatValue(41.666, 1) // => "41.7"
 */
export function formatValue(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "no data";
  const s = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * A linear map from `domain` to `range`; a zero-width domain maps everything to the middle of the range.
 *
 *   f(x) = r0 + (x - d0) / (d1 - d0) * (r1 - r0)
 *
 * @example
 * linearScale([0, 100], [200, 0])(25) // => 150
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (x: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (x: number) => r0 + (x - d0) * k;
}

/**
 * About `count` evenly spaced round ticks (steps of 1, 2, 2.5 or 5 times a power of ten) covering [min, max].
 *
 *   step = the smallest of {1, 2, 2.5, 5, 10} x 10^floor(log10(span / count)) with span / step <= count
 *
 * @example
 * niceTicks(0, 100, 5) // => [0, 20, 40, 60, 80, 100]
 * @see Heckbert, P. S. (1990). Nice numbers for graph labels. Graphics Gems, 61-63.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => (max - min) / s <= count) ?? 10 * power;
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** The options every chart takes. */
export interface ChartOptions {
  /** The chart's title (its <title> and heading); a default names the metric. */
  title?: string;
  /** The text summary read by screen readers (<desc>); a default summarises the data. */
  description?: string;
  /** Width in px (default 640). */
  width?: number;
  /** Height in px (default 320). */
  height?: number;
}

/** One legend entry. */
export interface LegendItem {
  label: string;
  colour: string;
  /** "square" (default) for areas and bars, "line"/"dashed" for lines (with `dash`), "marker" for points. */
  shape?: "square" | "line" | "dashed" | "marker";
  /** SVG stroke-dasharray for "line"/"dashed". */
  dash?: string;
}

/** What svgDocument wraps. */
export interface SvgDocumentInput {
  title: string;
  description: string;
  width: number;
  height: number;
  /** The marks, already SVG. */
  body: string;
  /** Drawn in a row at the bottom-left, inside the height. */
  legend?: readonly LegendItem[];
}

/** 32-bit FNV-1a of a string, as 8 hex digits: a short id that depends only on the content. */
export function contentId(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The legend row as SVG, laid out left to right from (x, y). */
export function legendSvg(items: readonly LegendItem[], x: number, y: number): string {
  let cx = x;
  const parts: string[] = [];
  for (const item of items) {
    const shape = item.shape ?? "square";
    let mark: string;
    if (shape === "line" || shape === "dashed") {
      const dash = item.dash ?? (shape === "dashed" ? "6 3" : "");
      mark = `<line x1="${coord(cx)}" y1="${coord(y)}" x2="${coord(cx + 16)}" y2="${coord(y)}" stroke="${item.colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
    } else if (shape === "marker") {
      mark = `<circle cx="${coord(cx + 8)}" cy="${coord(y)}" r="4" fill="${item.colour}"/>`;
    } else {
      mark = `<rect x="${coord(cx + 2)}" y="${coord(y - 6)}" width="12" height="12" fill="${item.colour}"/>`;
    }
    parts.push(`<g class="cx-legend-item">${mark}<text x="${coord(cx + 20)}" y="${coord(y + 4)}">${escapeXml(item.label)}</text></g>`);
    cx += 20 + 7 * item.label.length + 16;
  }
  return `<g class="cx-legend">${parts.join("")}</g>`;
}

/**
 * The accessible SVG document around a chart's marks: `role="img"`, `<title>` and `<desc>` referenced by
 * `aria-labelledby`, a viewBox so it scales, one font stack, and an id derived from the content (two charts on one
 * page never share ids; the same input gives the same id).
 *
 * @example
 * svgDocument({ title: "NPS", description: "No answers.", width: 100, height: 50, body: "" }).startsWith("<svg") // => true
 * @see WAI-ARIA Graphics Module, role "img"; SVG 2, 5.9 the title and desc elements.
 */
export function svgDocument(input: SvgDocumentInput): string {
  const { title, description, width, height, body, legend } = input;
  const id = "cx-" + contentId(`${title}\u0000${description}\u0000${width}x${height}\u0000${body}`);
  const legendPart = legend !== undefined && legend.length > 0 ? legendSvg(legend, 8, height - 12) : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cx-chart" id="${id}" viewBox="0 0 ${coord(width)} ${coord(height)}" width="${coord(width)}" height="${coord(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="12">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>` +
    `<rect class="cx-background" width="${coord(width)}" height="${coord(height)}" fill="#ffffff"/>` +
    `<text class="cx-heading" x="8" y="18" font-size="14" font-weight="600">${escapeXml(title)}</text>` +
    body +
    legendPart +
    `</svg>`
  );
}

/** The chart id svgDocument will give, for marks (patterns, clip paths) that need ids of their own: pass the same input. */
export function chartIdPrefix(title: string, salt: string): string {
  return "cx-" + contentId(`${title}\u0000${salt}`);
}

/**
 * A horizontal axis at y: a baseline, a tick and label per tick, and an optional axis label centred below.
 * @example
 * axisBottom(linearScale([0, 10], [40, 240]), [0, 5, 10], 200, String, "days").includes(">days</text>") // => true
 */
export function axisBottom(scale: (x: number) => number, ticks: readonly number[], y: number, format: (t: number) => string, label?: string): string {
  const range = ticks.length > 0 ? [scale(ticks[0]!), scale(ticks[ticks.length - 1]!)] : [0, 0];
  const parts = [`<line x1="${coord(Math.min(...range))}" y1="${coord(y)}" x2="${coord(Math.max(...range))}" y2="${coord(y)}" stroke="#444444"/>`];
  for (const t of ticks) {
    const x = scale(t);
    parts.push(`<line x1="${coord(x)}" y1="${coord(y)}" x2="${coord(x)}" y2="${coord(y + 4)}" stroke="#444444"/><text x="${coord(x)}" y="${coord(y + 16)}" text-anchor="middle">${escapeXml(format(t))}</text>`);
  }
  if (label !== undefined && label !== "") {
    const mid = (Math.min(...range) + Math.max(...range)) / 2;
    parts.push(`<text class="cx-axis-label" x="${coord(mid)}" y="${coord(y + 32)}" text-anchor="middle">${escapeXml(label)}</text>`);
  }
  return `<g class="cx-axis cx-axis-x">${parts.join("")}</g>`;
}

/**
 * A vertical axis at x: a baseline, light grid lines across `gridWidth` (0 for none), labels, an optional rotated label.
 * @example
 * axisLeft(linearScale([0, 100], [200, 40]), [0, 50, 100], 48, (t) => `${t}%`).includes(">50%</text>") // => true
 */
export function axisLeft(scale: (y: number) => number, ticks: readonly number[], x: number, format: (t: number) => string, label?: string, gridWidth = 0): string {
  const ys = ticks.map(scale);
  const parts = ys.length > 0 ? [`<line x1="${coord(x)}" y1="${coord(Math.min(...ys))}" x2="${coord(x)}" y2="${coord(Math.max(...ys))}" stroke="#444444"/>`] : [];
  ticks.forEach((t, i) => {
    const y = ys[i]!;
    if (gridWidth > 0) parts.push(`<line class="cx-grid" x1="${coord(x)}" y1="${coord(y)}" x2="${coord(x + gridWidth)}" y2="${coord(y)}" stroke="#e5e5e5"/>`);
    parts.push(`<line x1="${coord(x - 4)}" y1="${coord(y)}" x2="${coord(x)}" y2="${coord(y)}" stroke="#444444"/><text x="${coord(x - 6)}" y="${coord(y + 4)}" text-anchor="end">${escapeXml(format(t))}</text>`);
  });
  if (label !== undefined && label !== "" && ys.length > 0) {
    const mid = (Math.min(...ys) + Math.max(...ys)) / 2;
    parts.push(`<text class="cx-axis-label" transform="translate(${coord(x - 40)} ${coord(mid)}) rotate(-90)" text-anchor="middle">${escapeXml(label)}</text>`);
  }
  return `<g class="cx-axis cx-axis-y">${parts.join("")}</g>`;
}

/**
 * The chart for an empty result: the frame, the title and a centred message ("no data" by default), so a dashboard
 * shows an empty segment instead of crashing or drawing a misleading zero.
 * @example
 * noDataSvg("NPS by month", 320, 160).includes(">no data</text>") // => true
 */
export function noDataSvg(title: string, width: number, height: number, message = "no data"): string {
  return svgDocument({
    title,
    description: `${title}: ${message}.`,
    width,
    height,
    body: `<text class="cx-no-data" x="${coord(width / 2)}" y="${coord(height / 2)}" text-anchor="middle" fill="#666666">${escapeXml(message)}</text>`,
  });
}

/**
 * Width and height from chart options, checked (InvalidOptionError naming `chart`): numbers of pixels from 80 to
 * 20000; defaults 640 x 320. Also refuses a title or description that is not a string.
 */
export function chartSize(chart: string, options: ChartOptions | undefined, defaults: { width: number; height: number } = { width: 640, height: 320 }): { width: number; height: number } {
  const width = options?.width ?? defaults.width;
  const height = options?.height ?? defaults.height;
  for (const [name, v] of [["width", width], ["height", height]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 80 || v > 20000) {
      throw new InvalidOptionError(chart, name, `is ${JSON.stringify(v)}, expected a number of pixels from 80 to 20000`);
    }
  }
  for (const name of ["title", "description"] as const) {
    const v = options?.[name];
    if (v !== undefined && typeof v !== "string") throw new InvalidOptionError(chart, name, `is ${JSON.stringify(v)}, expected a string`);
  }
  return { width, height };
}

/**
 * A nice upper bound of an axis from 0: the top of the tick step niceTicks picks for [0, max], at or above max
 * (1 when max is not positive), so the last tick sits at the end of the axis.
 * @example
 * niceUpper(37) // => 40
 */
export function niceUpper(max: number): number {
  if (!(max > 0)) return 1;
  const rough = niceTicks(0, max);
  const step = rough.length > 1 ? rough[1]! - rough[0]! : 1;
  return Math.max(step, Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12)));
}

/** Words into lines of at most `max` characters, for footnotes (a longer word gets a line of its own). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** Footnote lines (font-size 11, 14 px apart) at x = 8, the last one at `lastY`. */
export function footnoteSvg(lines: readonly string[], lastY: number): string {
  const tspans = lines.map((l, j) => `<tspan x="8" y="${coord(lastY - 14 * (lines.length - 1 - j))}">${escapeXml(l)}</tspan>`).join("");
  return `<text class="cx-footnote" font-size="11" fill="#444444">${tspans}</text>`;
}

/** The `digits` option of a chart (decimals in its labels): an integer from 0 to 6, else InvalidOptionError. */
export function chartDigits(chart: string, digits: unknown, fallback: number): number {
  const d = digits ?? fallback;
  if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 6) throw new InvalidOptionError(chart, "digits", `is ${JSON.stringify(d)}, expected an integer from 0 to 6`);
  return d;
}
