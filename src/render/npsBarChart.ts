import type { KeyValue } from "../aggregate/breakdown.ts";
import type { NpsResult } from "../survey/nps.ts";
import { axisBottom, BAND_COLOURS, chartSize, coord, escapeXml, formatValue, linearScale, noDataSvg, PALETTE, svgDocument, textOn, type ChartOptions } from "./_svg.ts";

/** What {@link npsBarChart} reads of an NPS result (an `NpsResult` has it all). */
export type NpsBarResult = Pick<NpsResult, "score" | "n" | "ci" | "shares" | "promoters" | "passives" | "detractors">;

/** The input of {@link npsBarChart}: a breakdown of NPS results, or labelled results. */
export type NpsBarInput<R extends NpsBarResult = NpsBarResult> =
  | { rows: readonly { key: Record<string, KeyValue>; period: string | null; result: R }[]; by: readonly string[]; period?: { unit: string } | null }
  | readonly { label: string; result: R }[];

/** Options of {@link npsBarChart}. */
export type NpsBarChartOptions = ChartOptions;

const CHAR = 7; // approximate advance of a character of the 12 px font, for layout only
const ROW = 30;
const TOP = 52; // the heading, then the column header
const AXIS = 44;
const LEGEND = 28;
const BANDS = [
  { name: "detractors", share: "detractors", count: "detractors", colour: BAND_COLOURS.detractor },
  { name: "passives", share: "passives", count: "passives", colour: BAND_COLOURS.passive },
  { name: "promoters", share: "promoters", count: "promoters", colour: BAND_COLOURS.promoter },
] as const;

/**
 * An SVG chart of 100% stacked horizontal bars, one per segment: detractors from the left, passives, promoters to
 * the right, with the NPS, its interval and n at the right of each bar.
 *
 *   segment width = share * plotWidth       (shares as fractions, weighted when the result is; they sum to 1)
 *   detractors at x = left, passives at left + d * plotWidth, promoters at left + (d + p) * plotWidth
 *   NPS = 100 * (promoters share - detractors share)
 * Percent labels sit inside segments wide enough to hold them; every segment has a `<title>` with its share and
 * count. A row with n = 0 (no shares) is drawn as a "no data" row; no rows, or no row with data, give the no-data
 * chart. Colours are Okabe-Ito (green / grey / vermillion) and the legend names the bands; the `<desc>` lists the
 * scores. Deterministic. O(rows).
 *
 * @param input a breakdown of NPS results (a row per key and period), or `{ label, result }[]`
 * @param options title, description, width, height (default height: 30 px per row plus axis and legend)
 * @returns an SVG document as a string
 * @example
 * npsBarChart([{ label: "chat", result: nps([10, 9, 7, 3]) }]).includes(">25.0 [") // => true
 * const answers = [{ channel: "chat", score: 10 }, { channel: "email", score: 3 }];
 * npsBarChart(breakdown(npsAggregator({ value: (r) => r.score }), answers, { by: { channel: (r) => r.channel } })).includes(">NPS by channel</title>") // => true
 * @see Reichheld, F. (2003), The one number you need to grow, Harvard Business Review 81(12); Okabe & Ito (2008)
 */
export function npsBarChart<R extends NpsBarResult>(input: NpsBarInput<R>, options: NpsBarChartOptions = {}): string {
  const bars = barsOf(input);
  const unit = isLabelled(input) ? undefined : input.period?.unit;
  const byNames = isLabelled(input) ? [] : [...input.by, ...(input.rows.some((r) => r.period !== null) ? [unit === "isoWeek" ? "week" : (unit ?? "period")] : [])];
  const title = options.title ?? `NPS by ${byNames.length > 0 ? byNames.join(" and ") : "segment"}`;
  const { width, height } = chartSize("npsBarChart", options, { width: 640, height: Math.min(20000, TOP + Math.max(1, bars.length) * ROW + AXIS + LEGEND) });
  if (bars.length === 0) return noDataSvg(title, width, height, "no data: no segments");
  if (bars.every((b) => b.result.shares === null)) return noDataSvg(title, width, height, "no data: every segment has n = 0");

  const labelWidth = Math.min(width * 0.3, Math.max(...bars.map((b) => b.label.length)) * CHAR + 12);
  const labelChars = Math.max(2, Math.floor((labelWidth - 12) / CHAR));
  // the right column: NPS [interval], n; at small widths without the interval, then the NPS alone
  const full = bars.map((b) => rightText(b.result, "full"));
  const fits = (form: RightForm): boolean => Math.max(...bars.map((b) => rightText(b.result, form).length)) * CHAR + 12 <= width * 0.35;
  const form: RightForm = fits("full") ? "full" : fits("n") ? "n" : "score";
  const right = bars.map((b) => rightText(b.result, form));
  const rightWidth = Math.min(width * 0.35, Math.max(...right.map((s) => s.length)) * CHAR + 12);
  const left = labelWidth;
  const plotWidth = Math.max(10, width - labelWidth - rightWidth - 8);
  const rowStep = Math.max(1, height - TOP - AXIS - LEGEND) / bars.length;
  const barHeight = Math.max(2, Math.min(22, rowStep * 0.72));
  const x = linearScale([0, 1], [left, left + plotWidth]);

  const body: string[] = [];
  const header = form === "full" ? `NPS${levelLabel(bars)}, n` : form === "n" ? "NPS, n" : "NPS";
  body.push(`<text x="${coord(left + plotWidth + 8)}" y="${coord(TOP - 10)}" font-weight="600">${escapeXml(header)}</text>`);
  bars.forEach((b, i) => {
    const cy = TOP + (i + 0.5) * rowStep;
    const y0 = cy - barHeight / 2;
    const g: string[] = [`<g class="cx-bar-row">`];
    const shown = b.label.length > labelChars ? `${b.label.slice(0, labelChars - 1)}\u2026` : b.label;
    g.push(`<text x="${coord(left - 6)}" y="${coord(cy + 4)}" text-anchor="end">${escapeXml(shown)}${shown === b.label ? "" : `<title>${escapeXml(b.label)}</title>`}</text>`);
    const shares = b.result.shares;
    if (shares === null) {
      g.push(
        `<rect class="cx-no-data-row" x="${coord(left)}" y="${coord(y0)}" width="${coord(plotWidth)}" height="${coord(barHeight)}" fill="#ffffff" stroke="${PALETTE.grey}" stroke-dasharray="3 3"><title>${escapeXml(`${b.label}: no data (n = ${b.result.n})`)}</title></rect>`,
        `<text x="${coord(left + plotWidth / 2)}" y="${coord(cy + 4)}" text-anchor="middle" fill="${PALETTE.black}">no data</text>`,
      );
    } else {
      let at = 0;
      for (const band of BANDS) {
        const share = shares[band.share];
        const x0 = x(at);
        const w = x(at + share) - x0;
        at += share;
        if (!(w > 0)) continue;
        const pct = `${formatValue(100 * share, 0)}%`;
        const tip = `${b.label}: ${band.name} ${formatValue(100 * share, 1)}% (${b.result[band.count]} of ${b.result.n})`;
        g.push(`<rect class="cx-segment" x="${coord(x0)}" y="${coord(y0)}" width="${coord(w)}" height="${coord(barHeight)}" fill="${band.colour}"><title>${escapeXml(tip)}</title></rect>`);
        if (w >= pct.length * CHAR + 6 && barHeight >= 12) {
          g.push(`<text class="cx-segment-label" x="${coord(x0 + w / 2)}" y="${coord(cy + 4)}" text-anchor="middle" fill="${textOn(band.colour)}">${pct}</text>`);
        }
      }
    }
    g.push(`<text class="cx-score" x="${coord(left + plotWidth + 8)}" y="${coord(cy + 4)}">${escapeXml(right[i]!)}${right[i] === full[i] ? "" : `<title>${escapeXml(full[i]!)}</title>`}</text>`);
    g.push("</g>");
    body.push(g.join(""));
  });
  const axisY = TOP + bars.length * rowStep;
  body.push(axisBottom((t) => x(t), [0, 0.25, 0.5, 0.75, 1], axisY, (t) => `${formatValue(100 * t, 0)}%`, "share of answers"));
  const description = options.description ?? summary(title, bars);
  const legend = BANDS.map((band) => ({ label: band.name, colour: band.colour }));
  return svgDocument({ title, description, width, height, body: body.join(""), legend });
}

interface Bar<R> {
  label: string;
  result: R;
}

function isLabelled<R extends NpsBarResult>(input: NpsBarInput<R>): input is readonly { label: string; result: R }[] {
  return Array.isArray(input);
}

function barsOf<R extends NpsBarResult>(input: NpsBarInput<R>): Bar<R>[] {
  if (isLabelled(input)) return input.map((r) => ({ label: r.label, result: r.result }));
  const { by } = input as { by: readonly string[] };
  return (input as { rows: readonly { key: Record<string, KeyValue>; period: string | null; result: R }[] }).rows.map((r) => {
    const parts = by.map((k) => keyLabel(r.key[k] ?? null));
    if (r.period !== null) parts.push(r.period);
    return { label: parts.length > 0 ? parts.join(", ") : "all", result: r.result };
  });
}

/** "21.0 [15.1, 26.8], n = 800"; shorter forms "21.0, n = 800" and "21.0" for narrow charts. */
type RightForm = "full" | "n" | "score";

function rightText(r: NpsBarResult, form: RightForm): string {
  if (r.score === null) return form === "score" ? "no data" : `no data, n = ${r.n}`;
  const ci = form === "full" && r.ci ? ` [${formatValue(r.ci.lower, 1)}, ${formatValue(r.ci.upper, 1)}]` : "";
  return `${formatValue(r.score, 1)}${ci}${form === "score" ? "" : `, n = ${r.n}`}`;
}

function levelLabel(bars: Bar<NpsBarResult>[]): string {
  const level = bars.find((b) => b.result.ci !== null)?.result.ci?.level;
  return level === undefined ? "" : ` [${Math.round(level * 1000) / 10}% CI]`;
}

function keyLabel(v: KeyValue): string {
  return v === null ? "(none)" : String(v);
}

function summary(title: string, bars: Bar<NpsBarResult>[]): string {
  const shown = bars.slice(0, 8).map((b) => `${b.label} ${rightText(b.result, "full")}`);
  const more = bars.length > 8 ? `; ${bars.length - 8} more` : "";
  return `${title}, ${bars.length} segment${bars.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}.`;
}
