import type { FirstResponseTimeResult } from "../tickets/firstResponseTime.ts";
import type { TimeToResolutionResult } from "../tickets/timeToResolution.ts";
import type { DurationBucket } from "../tickets/durationSummary.ts";
import type { DurationUnit } from "../tickets/ticketOptions.ts";
import { axisBottom, axisLeft, chartDigits, chartSize, coord, escapeXml, footnoteSvg, formatValue, linearScale, noDataSvg, PALETTE, svgDocument, wrapText, type ChartOptions, type LegendItem } from "./_svg.ts";

/** Options of {@link durationHistogram}. */
export interface DurationHistogramOptions extends ChartOptions {
  /** Decimals of the durations in labels (default 1). */
  digits?: number;
}

const CHART = "durationHistogram";
const UNIT_WORD: Record<DurationUnit, string> = { ms: "ms", minutes: "minutes", hours: "hours", days: "days" };
const UNIT_SHORT: Record<DurationUnit, string> = { ms: "ms", minutes: "min", hours: "h", days: "d" };
const MARGIN = { top: 34, right: 16, bottom: 72, left: 56 };
/** Footnote lines (footnoteSvg): 14 px apart, font-size 11, about 6 px a character. */
const LINE = 14;

/** A percentile marker: its label, value and where it sits. */
interface Marker {
  name: string;
  value: number;
}

/**
 * The distribution of a ticket duration metric (time to resolution or first response time) as an SVG histogram:
 * one bar per `distribution` bucket with its share of the done tickets, and the median and each percentile as a
 * vertical line placed inside the bucket it falls in.
 *
 *   bar height    = share / 100 * plot height              (y axis 0..100 %, the shares sum to 100)
 *   bucket slot   = plot width / buckets (equal widths: the buckets span minutes to weeks)
 *   marker x      = slot left + (v - from) / (to - from) * slot width, with to = max in the last (open) bucket
 *
 * Open tickets are not in the bars (their duration is not known yet): their count, and the Kaplan-Meier median that
 * counts them as censored (when the result has `asOf`), are in the `<desc>` and a footnote. O(buckets + percentiles).
 * A result with no done ticket gives the no-data chart. Deterministic: the same result gives the same bytes.
 *
 * @param result a `timeToResolution` or `firstResponseTime` result
 * @param options title, description, width, height, digits
 * @returns an SVG document (string)
 * @throws InvalidOptionError for a bad width, height, title, description or digits
 * @example
 * const ttr = timeToResolution([{ createdAt: "2024-01-02T09:00Z", resolvedAt: "2024-01-02T11:30Z" }], { unit: "hours" });
 * durationHistogram(ttr).includes(">median 2.5 h</text>") // => true
 * @see Few, S. (2012). Show Me the Numbers, ch. 11 (distribution displays); R survival::survfit for the censored median.
 */
export function durationHistogram(result: TimeToResolutionResult | FirstResponseTimeResult, options: DurationHistogramOptions = {}): string {
  const { width, height } = chartSize(CHART, options);
  const digits = chartDigits(CHART, options.digits, 1);
  const ttr = result.metric === "time-to-resolution";
  const unit = result.unit;
  const unitWord = `${result.basis === "business" ? "business " : ""}${UNIT_WORD[unit]}`;
  const what = ttr ? "Time to resolution" : "First response time";
  const title = options.title ?? `${what} (${unitWord})`;
  const done = ttr ? result.resolved : result.responded;
  const doneNoun = ttr ? "resolved tickets" : "responded tickets";
  const openNoun = ttr ? "open" : "waiting for a first reply";
  const fmt = (x: number | null): string => `${formatValue(x, digits)} ${UNIT_SHORT[unit]}`;
  if (done === 0 || result.max === null) {
    return noDataSvg(title, width, height, result.open > 0 ? `no ${doneNoun} (${result.open} ${openNoun})` : "no data");
  }
  const buckets = result.distribution;
  const max = result.max;

  const notes = footnote(result, fmt, openNoun);
  const noteLines = wrapText(notes, Math.floor((width - 16) / 6));
  const left = MARGIN.left;
  const right = Math.max(left + 20, width - MARGIN.right); // a tiny chart overflows rather than inverting
  const top = MARGIN.top;
  const bottom = Math.max(top + 20, height - MARGIN.bottom - LINE * noteLines.length);
  const slot = (right - left) / buckets.length;
  const y = linearScale([0, 100], [bottom, top]);
  const parts: string[] = [];
  parts.push(axisLeft(y, [0, 25, 50, 75, 100], left, (t) => `${t}%`, `Share of ${doneNoun}`, right - left));

  buckets.forEach((b, i) => {
    const share = b.share ?? 0;
    const x0 = left + i * slot;
    const yTop = y(share);
    const tip = `${b.label}: ${b.count} ${b.count === 1 ? doneNoun.replace(/s$/, "") : doneNoun} (${formatValue(share, 1)}%)`;
    parts.push(
      `<rect class="cx-bar" x="${coord(x0)}" y="${coord(yTop)}" width="${coord(slot)}" height="${coord(bottom - yTop)}" fill="${PALETTE.sky}" stroke="#ffffff"><title>${escapeXml(tip)}</title></rect>`,
      `<text class="cx-bar-label" x="${coord(x0 + slot / 2)}" y="${coord(yTop - 4)}" text-anchor="middle" font-size="11">${formatValue(share, 1)}%</text>`,
    );
  });
  const every = Math.max(1, Math.ceil(48 / slot)); // bucket labels ("24h-7d") at least 48 px apart
  const labelled = buckets.map((_, i) => i).filter((i) => i % every === 0);
  parts.push(axisBottom((i) => left + (i + 0.5) * slot, labelled, bottom, (i) => buckets[i]!.label, `${what} (${unitWord})`));

  const markers: Marker[] = [];
  if (result.median !== null) markers.push({ name: "median", value: result.median });
  for (const [key, v] of Object.entries(result.percentiles)) {
    if (v === null || (key === "p50" && v === result.median)) continue;
    markers.push({ name: key, value: v });
  }
  markers.forEach((m, k) => {
    const x = left + markerPosition(buckets, max, m.value) * slot;
    const isMedian = m.name === "median";
    const colour = isMedian ? PALETTE.black : PALETTE.vermillion;
    const label = `${m.name} ${fmt(m.value)}`;
    const atRight = x > left + 0.75 * (right - left);
    const ly = top + 14 * (k + 1); // one 14 px line per marker label, so close percentiles never overlap
    parts.push(
      `<g class="cx-marker"><line x1="${coord(x)}" y1="${coord(top)}" x2="${coord(x)}" y2="${coord(bottom)}" stroke="${colour}" stroke-width="2"${isMedian ? "" : ' stroke-dasharray="6 3"'}><title>${escapeXml(label)}</title></line>` +
        `<text x="${coord(atRight ? x - 4 : x + 4)}" y="${coord(ly)}" text-anchor="${atRight ? "end" : "start"}" fill="${colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text></g>`,
    );
  });

  parts.push(footnoteSvg(noteLines, height - 32));

  const modal = buckets.reduce((m, b) => ((b.share ?? 0) > (m.share ?? 0) ? b : m), buckets[0]!);
  const figures = markers.map((m) => `${m.name} ${fmt(m.value)}`).join(", ");
  const description =
    options.description ??
    `${what} (${unitWord}) of ${done} ${doneNoun} in ${buckets.length} buckets: ${figures}; most in ${modal.label} (${formatValue(modal.share, 1)}%). ${notes}`;
  const legend: LegendItem[] = [
    { label: `share of ${doneNoun}`, colour: PALETTE.sky },
    { label: "median", colour: PALETTE.black, shape: "line" },
  ];
  if (markers.some((m) => m.name !== "median")) legend.push({ label: "percentiles", colour: PALETTE.vermillion, shape: "dashed" });
  return svgDocument({ title, description, width, height, body: parts.join(""), legend });
}

/**
 * Where a value sits on the bucket axis, in slots: the index of the bucket it falls in (from <= v < to, as the
 * distribution counts) plus its linear position within the bucket; the last bucket runs from its `from` to `max`.
 */
function markerPosition(buckets: readonly DurationBucket[], max: number, v: number): number {
  let i = 0;
  while (i < buckets.length - 1 && v >= buckets[i]!.to!) i++;
  const b = buckets[i]!;
  const to = b.to ?? max;
  const f = to > b.from ? (v - b.from) / (to - b.from) : 0;
  return i + Math.min(1, Math.max(0, f));
}

/** The footnote: open tickets and the Kaplan-Meier median that counts them, and the percentiles' accuracy. */
function footnote(result: TimeToResolutionResult | FirstResponseTimeResult, fmt: (x: number | null) => string, openNoun: string): string {
  const open = `${result.open} ${result.open === 1 ? "ticket" : "tickets"} ${openNoun}`;
  const c = result.censored;
  const bound = (x: number | null): string => (x === null ? "not reached" : fmt(x));
  let s: string;
  if (c === null) {
    s = result.open > 0 ? `${open}, not in the figures (no asOf, so no Kaplan-Meier median).` : `No open tickets.`;
  } else {
    const median = c.median === null ? "not reached (fewer than half done)" : `${fmt(c.median)} (${formatValue(100 * c.level, 0)}% interval ${bound(c.lower)} to ${bound(c.upper)})`;
    s = `${open} at ${result.asOf ?? "asOf"}, censored at their age; Kaplan-Meier median counting them: ${median}.`;
  }
  if (!result.exact) s += ` Percentiles within ${formatValue(100 * result.relativeError, 1)}% (sketch).`;
  return s;
}
