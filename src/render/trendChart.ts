import type { KeyValue } from "../aggregate/breakdown.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";
import type { PeriodChange } from "../survey/comparePeriods.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { periodOf, type PeriodSpec } from "../time/periodIndexer.ts";
import { axisBottom, axisLeft, chartSize, coord, escapeXml, formatValue, linearScale, niceTicks, noDataSvg, PALETTE, SERIES_COLOURS, SERIES_DASHES, svgDocument, type ChartOptions } from "./_svg.ts";

/** What {@link trendChart} reads of a row's result: any score result (NPS, CSAT, CES) has it. */
export interface TrendResult {
  metric?: string;
  score: number | null;
  ci: ConfidenceInterval | null;
  n?: number;
  /** CSAT and CES results carry their answer scale; CES scores are plotted on it. */
  scale?: { min: number; max: number } | "binary";
}

/** One row of the series: a breakdown row, or a compared one with its `change`. */
export interface TrendRow<R extends TrendResult = TrendResult> {
  key: Record<string, KeyValue>;
  period: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  result: R;
  change?: PeriodChange | null;
}

/** The input of {@link trendChart}: a `BreakdownResult` or `ComparedBreakdown` with a period. */
export interface TrendSeries<R extends TrendResult = TrendResult> {
  rows: readonly TrendRow<R>[];
  by: readonly string[];
  period: PeriodSpec | null;
  /** The breakdown's total: names the metric when there are no rows. */
  total?: { metric?: string };
}

/** What {@link trendChart} reads of a goal (a `GoalProgress` has it all). */
export interface TrendGoal {
  target: number;
  /** ISO 8601 instant. */
  deadline: string;
  points: readonly { at: string; score: number | null }[];
  /** The least-squares line, x in days since `points[0].at`; null under 2 scored points. */
  trend: { slopePerDay: number; intercept: number } | null;
  projection: { at: string; value: number; ci: ConfidenceInterval | null; probability: number | null } | null;
  status?: string;
}

/** Options of {@link trendChart}. */
export interface TrendChartOptions extends ChartOptions {
  /** Draw the target line, the trend fitted by goalProgress up to the deadline with its interval, and the deadline. */
  goal?: TrendGoal;
  /** Only the lines whose key matches one of these (every field given must be equal). Default: every key. */
  keys?: readonly Record<string, KeyValue>[];
  /** Decimals of the values in tooltips and the summary. Default 1 (2 for CES). */
  digits?: number;
}

const FONT = 11;
const CHAR = 7; // approximate advance of a character of the 12 px axis font, for layout only
const MARKERS = ["circle", "square", "diamond", "cross", "plus", "ring"] as const;
const DAY = 86_400_000;
const LEGEND_ROW = 18;

/**
 * An SVG line chart of a score over periods: one line per key combination, its interval as a band, gaps where the
 * score is null, significant period-over-period changes marked, and optionally a goal.
 *
 *   x = band centre of the period among the sorted distinct periods:  left + (i + 0.5) * plotWidth / periods
 *       (with a goal: a time axis, periods at the midpoint of [periodStart, periodEnd], extended to the deadline)
 *   y = bottom - (score - lo) / (hi - lo) * plotHeight, with [lo, hi] = the padded data (and goal) clipped to
 *       -100..100 (NPS) or 0..100 (CSAT), the answer scale (CES), extended to nice ticks
 *   goal trend: y(at) = intercept + slopePerDay * days(at - points[0].at), drawn to the deadline, where the
 *       projection's interval is a whisker
 * Lines get a colour, a dash pattern and a marker each (colour is never the only cue); every data mark has a
 * `<title>` tooltip and the `<desc>` summarises the series. A null score is a gap with a "no data" mark on the
 * axis; no rows, or no score at all, give the no-data chart. Deterministic: the same input gives the same string.
 * O(rows log rows).
 *
 * @param series a breakdown (or compared breakdown) of score results with a period
 * @param options title, description, width, height, goal, keys, digits
 * @returns an SVG document as a string
 * @example
 * const answers = [{ at: "2024-01-10", score: 9 }, { at: "2024-02-03", score: 10 }, { at: "2024-02-20", score: 4 }];
 * const monthly = comparePeriods(breakdown(npsAggregator({ value: (r) => r.score }), answers, { period: { at: (r) => r.at, unit: "month" } }));
 * trendChart(monthly).includes(">NPS by month</title>") // => true
 * trendChart(monthly, { goal: goalProgress({ series: monthly, baseline: 20, target: 40, deadline: "2024-12-31" }) }).includes(">target 40</text>") // => true
 * @see Cleveland, W. S. (1994), The Elements of Graphing Data; Okabe & Ito (2008), Color Universal Design
 */
export function trendChart<R extends TrendResult>(series: TrendSeries<R>, options: TrendChartOptions = {}): string {
  const { width, height } = chartSize("trendChart", options);
  const rows = series.rows.filter((r) => r.period !== null && r.periodStart !== null && r.periodEnd !== null && matchesKeys(r.key, options.keys));
  const metric = series.rows[0]?.result.metric ?? series.total?.metric;
  const name = metricName(metric);
  const unit = series.period ? unitName(series.period.unit) : null;
  const title = options.title ?? `${name}${unit ? ` by ${unit}` : " trend"}${series.by.length > 0 ? ` and ${series.by.join(" and ")}` : ""}`;
  if (rows.length === 0) return noDataSvg(title, width, height, "no data: no rows with a period");
  if (rows.every((r) => !isFiniteNumber(r.result.score))) return noDataSvg(title, width, height, "no data: every score is null");
  const digits = options.digits ?? (metric === "ces" ? 2 : 1);
  const fmt = (x: number): string => formatValue(x, digits);

  // periods in time order, each with its bounds
  const periodMap = new Map<string, { label: string; start: number; end: number }>();
  for (const r of rows) {
    if (!periodMap.has(r.period!)) periodMap.set(r.period!, { label: r.period!, start: instant(r.periodStart!), end: instant(r.periodEnd!) });
  }
  const periods = [...periodMap.values()].sort((a, b) => a.start - b.start || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const periodIndex = new Map(periods.map((p, i) => [p.label, i]));

  // lines: one per key combination, in the breakdown's row order
  const lineMap = new Map<string, { label: string; rows: TrendRow<R>[] }>();
  for (const r of rows) {
    const values = series.by.map((k) => r.key[k] ?? null);
    const id = JSON.stringify(values);
    let line = lineMap.get(id);
    if (!line) lineMap.set(id, (line = { label: series.by.length > 0 ? values.map(keyLabel).join(", ") : name, rows: [] }));
    line.rows.push(r);
  }
  const lines = [...lineMap.values()].map((l, i) => ({
    ...l,
    rows: [...l.rows].sort((a, b) => periodIndex.get(a.period!)! - periodIndex.get(b.period!)!),
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
    dash: SERIES_DASHES[i % SERIES_DASHES.length]!,
    marker: MARKERS[i % MARKERS.length]!,
  }));
  const prefix = (label: string): string => (series.by.length > 0 ? `${label}, ` : "");

  const goal = options.goal;
  const deadline = goal ? instant(goal.deadline) : NaN;
  const hasGoal = goal !== undefined && Number.isFinite(deadline);
  const origin = hasGoal && goal.points[0] ? instant(goal.points[0].at) : NaN;
  const goalValueAt = (ms: number): number | null =>
    hasGoal && goal.trend && Number.isFinite(origin) ? goal.trend.intercept + (goal.trend.slopePerDay * (ms - origin)) / DAY : null;

  // the periods on the x axis: the data's, extended to the deadline's period with a goal
  const axisPeriods = [...periods];
  if (hasGoal && series.period) {
    let last = axisPeriods[axisPeriods.length - 1]!;
    // at most 1000 periods of extension, so that a far deadline cannot hang the renderer
    for (let k = 0; k < 1000 && last.end <= deadline; k++) {
      const p = periodOf(last.end, series.period);
      if (!(p.end > last.end)) break;
      axisPeriods.push((last = { label: p.label, start: p.start, end: p.end }));
    }
  }

  // legend first: its rows take room from the plot
  const legend: LegendEntry[] = lines.map((l) => ({ label: l.label, draw: (x, y) => lineSample(x, y, l.colour, l.dash) + markerPath(l.marker, x + 12, y, l.colour) }));
  const anyBand = lines.some((l) => l.rows.some((r) => r.result.ci !== null && isFiniteNumber(r.result.score)));
  const anyGap = rows.some((r) => !isFiniteNumber(r.result.score));
  const anyChange = rows.some((r) => r.change?.significant === true && isFiniteNumber(r.result.score));
  const level = rows.find((r) => r.result.ci !== null)?.result.ci?.level;
  if (anyBand) legend.push({ label: `${level !== undefined ? `${round(100 * level)}% ` : ""}interval`, draw: (x, y) => `<rect x="${coord(x)}" y="${coord(y - 5)}" width="24" height="10" fill="${lines.length === 1 ? lines[0]!.colour : PALETTE.grey}" fill-opacity="${lines.length === 1 ? "0.18" : "0.3"}"/>` }); // one line: its band's own colour
  if (anyGap) legend.push({ label: "no data", draw: (x, y) => crossMark(x + 12, y) });
  if (anyChange) legend.push({ label: "significant change", draw: (x, y) => triangle(x + 6, y + 1, true) + triangle(x + 18, y - 1, false) });
  if (hasGoal) {
    legend.push({ label: `target ${formatTarget(goal.target)}`, draw: (x, y) => `<line x1="${coord(x)}" y1="${coord(y)}" x2="${coord(x + 24)}" y2="${coord(y)}" stroke="${PALETTE.black}" stroke-width="1.5" stroke-dasharray="6 4"/>` });
    if (goal.trend) legend.push({ label: "trend to deadline", draw: (x, y) => `<line x1="${coord(x)}" y1="${coord(y)}" x2="${coord(x + 24)}" y2="${coord(y)}" stroke="${PALETTE.vermillion}" stroke-width="2" stroke-dasharray="2 3"/>` });
    if (goal.projection?.ci) legend.push({ label: `projection at deadline, ${round(100 * goal.projection.ci.level)}% interval`, draw: (x, y) => `<path d="M${coord(x + 12)},${coord(y - 6)}V${coord(y + 6)}M${coord(x + 7)},${coord(y - 6)}h10M${coord(x + 7)},${coord(y + 6)}h10" stroke="${PALETTE.black}" stroke-width="1.5" fill="none"/>` });
  }
  const margin = { top: 32, right: 16, left: 60, bottom: 44 };
  const legendLayout = fitLegend(legend, lines.length, width - margin.left - margin.right, Math.max(1, Math.floor((0.3 * height) / LEGEND_ROW)));
  margin.bottom += legendLayout.height;
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const plotHeight = Math.max(10, height - margin.top - margin.bottom);
  const left = margin.left;
  const top = margin.top;
  const bottom = top + plotHeight;
  const right = left + plotWidth;

  // x: band centres, or time with a goal
  let xOfPeriod: (i: number) => number;
  let xOfTime: (ms: number) => number = () => NaN;
  if (hasGoal) {
    let t0 = Math.min(axisPeriods[0]!.start, Number.isFinite(origin) ? origin : Infinity, deadline);
    let t1 = Math.max(axisPeriods[axisPeriods.length - 1]!.end, deadline);
    // rows that are instants (periodStart = periodEnd, e.g. a goal's own points) get 3% of room at each end
    if (axisPeriods[0]!.start === axisPeriods[0]!.end) [t0, t1] = [t0 - 0.03 * (t1 - t0), t1 + 0.03 * (t1 - t0)];
    xOfTime = linearScale([t0, t1], [left, right]);
    xOfPeriod = (i) => xOfTime((axisPeriods[i]!.start + axisPeriods[i]!.end) / 2);
  } else {
    xOfPeriod = (i) => left + ((i + 0.5) * plotWidth) / periods.length;
  }
  const xOfRow = (r: TrendRow<R>): number => xOfPeriod(periodIndex.get(r.period!)!);

  // y: the metric's range, or the data's
  const values: number[] = [];
  for (const r of rows) {
    if (isFiniteNumber(r.result.score)) values.push(r.result.score);
    if (r.result.ci && isFiniteNumber(r.result.score)) values.push(r.result.ci.lower, r.result.ci.upper);
  }
  const scale = rows[0]!.result.scale;
  if (hasGoal) {
    // the goal widens the axis only within the metric's range: a projection past 100% is drawn to the edge
    const goalValues = [goal.target, goalValueAt(origin), goalValueAt(deadline), goal.projection?.ci?.lower, goal.projection?.ci?.upper];
    const [min, max] = metricRange(metric, scale);
    for (const v of goalValues) if (isFiniteNumber(v)) values.push(Math.min(max, Math.max(min, v)));
  }
  const [lo, hi] = yDomain(metric, scale, values.filter(Number.isFinite));
  const tickCount = Math.max(2, Math.min(8, Math.floor(plotHeight / 40)));
  // a short integer scale (CES 1-7) gets a tick on every answer point, so its ends are marked too
  const ticks =
    Number.isInteger(lo) && Number.isInteger(hi) && hi - lo <= 2 * tickCount && metric === "ces"
      ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
      : niceTicks(lo, hi, tickCount).filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9);
  const yScale = linearScale([lo, hi], [bottom, top]);
  const y = (v: number): number => yScale(Math.min(hi, Math.max(lo, v)));

  const body: string[] = [];
  // axes
  const labelChars = Math.max(...axisPeriods.map((p) => p.label.length));
  const every = Math.max(1, Math.ceil(axisPeriods.length / Math.max(1, Math.floor(plotWidth / (labelChars * CHAR + 10)))));
  const xTicks = axisPeriods.map((_, i) => i).filter((i) => i % every === 0);
  body.push(axisLeft(y, ticks, left, (t) => formatValue(t, tickDigits(ticks)), yLabel(metric, rows[0]!.result.scale), plotWidth));
  body.push(axisBottom(xOfPeriod, xTicks, bottom, (i) => axisPeriods[i]!.label, unit ?? "period"));

  // goal: target, trend, projection, deadline (under the data)
  if (hasGoal) {
    const ty = coord(y(goal.target));
    body.push(
      `<g class="cx-goal"><line class="cx-target" x1="${coord(left)}" y1="${ty}" x2="${coord(right)}" y2="${ty}" stroke="${PALETTE.black}" stroke-width="1.5" stroke-dasharray="6 4"><title>${escapeXml(`target ${formatTarget(goal.target)}`)}</title></line>` +
        `<text class="cx-target-label" x="${coord(left + 4)}" y="${coord(y(goal.target) - 4)}" font-size="${FONT}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(`target ${formatTarget(goal.target)}`)}</text>`,
    );
    const dx = coord(xOfTime(deadline));
    const deadlineLabel = `deadline ${goal.deadline.slice(0, 10)}`;
    body.push(
      `<line class="cx-deadline" x1="${dx}" y1="${coord(top)}" x2="${dx}" y2="${coord(bottom)}" stroke="${PALETTE.grey}" stroke-dasharray="2 3"><title>${escapeXml(deadlineLabel)}</title></line>` +
        `<path class="cx-deadline-mark" d="M${dx},${coord(bottom)}l-5,-8h10z" fill="${PALETTE.black}"><title>${escapeXml(deadlineLabel)}</title></path>` +
        `<text x="${coord(xOfTime(deadline) - 4)}" y="${coord(top + FONT)}" text-anchor="end" font-size="${FONT}">${escapeXml(deadlineLabel)}</text>`,
    );
    const a = goalValueAt(origin);
    const b = goalValueAt(deadline);
    const seg = a !== null && b !== null ? clipSegment(origin, a, deadline, b, lo, hi) : null;
    if (seg) {
      body.push(
        `<line class="cx-goal-trend" x1="${coord(xOfTime(seg[0]))}" y1="${coord(y(seg[1]))}" x2="${coord(xOfTime(seg[2]))}" y2="${coord(y(seg[3]))}" stroke="${PALETTE.vermillion}" stroke-width="2" stroke-dasharray="2 3"><title>${escapeXml(`trend: ${fmt(a!)} at ${goal.points[0]!.at.slice(0, 10)} to ${fmt(b!)} at the deadline`)}</title></line>`,
      );
    }
    const p = goal.projection;
    if (p && p.ci) {
      const px = xOfTime(instant(p.at));
      if (Number.isFinite(px)) {
        const yl = coord(y(p.ci.lower));
        const yu = coord(y(p.ci.upper));
        const tip = `projection at ${p.at.slice(0, 10)}: ${fmt(p.value)} [${fmt(p.ci.lower)}, ${fmt(p.ci.upper)}]${p.probability !== null ? `, P(reaches target) = ${p.probability.toFixed(2)}` : ""}`;
        body.push(
          `<path class="cx-projection" d="M${coord(px)},${yl}V${yu}M${coord(px - 5)},${yl}h10M${coord(px - 5)},${yu}h10" stroke="${PALETTE.black}" stroke-width="1.5" fill="none"><title>${escapeXml(tip)}</title></path>` +
            `<text class="cx-projection-label" x="${coord(px - 8)}" y="${coord(y(p.value) + 4)}" text-anchor="end" font-size="${FONT}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(`${fmt(p.value)} [${fmt(p.ci.lower)}, ${fmt(p.ci.upper)}]`)}</text>`,
        );
      }
    }
    body.push("</g>");
  }

  // data: per line its band, its line with gaps, its points, no-data marks and significant changes
  let changes = 0;
  for (const l of lines) {
    const scored = (r: TrendRow<R>): boolean => isFiniteNumber(r.result.score);
    const bandRuns = runs(l.rows, (r) => scored(r) && r.result.ci !== null);
    const lineRuns = runs(l.rows, scored);
    const g: string[] = [`<g class="cx-series">`];
    if (bandRuns.length > 0) {
      const d = bandRuns
        .map((run) => {
          const upper = run.map((r) => `${coord(xOfRow(r))},${coord(y(r.result.ci!.upper))}`);
          const lower = run.map((r) => `${coord(xOfRow(r))},${coord(y(r.result.ci!.lower))}`).reverse();
          return `M${[...upper, ...lower].join("L")}Z`;
        })
        .join("");
      g.push(`<path class="cx-band" d="${d}" fill="${l.colour}" fill-opacity="0.18" stroke="none"><title>${escapeXml(`${prefix(l.label)}${level !== undefined ? `${round(100 * level)}% ` : ""}interval`)}</title></path>`);
    }
    const d = lineRuns.map((run) => `M${run.map((r) => `${coord(xOfRow(r))},${coord(y(r.result.score!))}`).join("L")}`).join("");
    g.push(`<path class="cx-line" d="${d}" fill="none" stroke="${l.colour}" stroke-width="2"${l.dash ? ` stroke-dasharray="${l.dash}"` : ""}><title>${escapeXml(l.label)}</title></path>`);
    for (const r of l.rows) {
      const x = xOfRow(r);
      const n = isFiniteNumber(r.result.n) ? `, n = ${r.result.n}` : "";
      if (!scored(r)) {
        g.push(`<g class="cx-no-data-mark">${crossMark(x, bottom - 6, `${prefix(l.label)}${r.period}: no data${n}`)}</g>`);
        continue;
      }
      const s = r.result.score!;
      const ci = r.result.ci ? ` [${fmt(r.result.ci.lower)}, ${fmt(r.result.ci.upper)}]` : "";
      g.push(`<g class="cx-point">${markerPath(l.marker, x, y(s), l.colour, `${prefix(l.label)}${r.period}: ${name} ${fmt(s)}${ci}${n}`)}</g>`);
      const c = r.change;
      if (c && c.significant === true) {
        changes++;
        const up = c.difference >= 0;
        const tip = `${prefix(l.label)}${r.period}: ${up ? "+" : ""}${fmt(c.difference)}${metric === "ces" ? "" : " points"} vs ${c.previousPeriod}${c.pValue !== null ? `, ${formatP(c.pValue)}` : ""}`;
        g.push(`<g class="cx-change">${triangle(x, y(s) + (up ? -11 : 11), up, tip)}</g>`);
      }
    }
    g.push("</g>");
    body.push(g.join(""));
  }

  body.push(drawLegend(legendLayout.entries, legendLayout, left, height - legendLayout.height - 2));

  const description = options.description ?? summary(title, periods, lines, changes, fmt, goal && hasGoal ? goal : null);
  return svgDocument({ title, description, width, height, body: body.join("") });
}

interface LegendEntry {
  label: string;
  draw: (x: number, y: number) => string;
}

interface LegendLayout {
  height: number;
  at: { x: number; row: number }[];
}

/**
 * The legend that fits in `maxRows`: the first `lines` entries are the lines; when they do not all fit, the last
 * ones give way to an "and k more lines" entry (the other entries always stay).
 */
function fitLegend(entries: LegendEntry[], lines: number, width: number, maxRows: number): LegendLayout & { entries: LegendEntry[] } {
  for (let k = 0; k <= lines; k++) {
    const kept = k === 0 ? entries : [...entries.slice(0, lines - k), { label: `and ${k} more line${k === 1 ? "" : "s"}`, draw: (): string => "" }, ...entries.slice(lines)];
    const layout = layoutLegend(kept, width);
    if (layout.height <= maxRows * LEGEND_ROW || k === lines) return { ...layout, entries: kept };
  }
  return { ...layoutLegend(entries, width), entries };
}

/** Place legend entries left to right, wrapping into rows of LEGEND_ROW px. */
function layoutLegend(entries: LegendEntry[], width: number): LegendLayout {
  const ROW = LEGEND_ROW;
  const at: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const e of entries) {
    const w = 30 + e.label.length * CHAR + 14;
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    at.push({ x, row });
    x += w;
  }
  return { height: entries.length > 0 ? (row + 1) * ROW : 0, at };
}

function drawLegend(entries: LegendEntry[], layout: LegendLayout, left: number, top: number): string {
  if (entries.length === 0) return "";
  const items = entries.map((e, i) => {
    const { x, row } = layout.at[i]!;
    const cy = top + row * LEGEND_ROW + 9;
    return `<g class="cx-legend-item">${e.draw(left + x, cy)}<text x="${coord(left + x + 30)}" y="${coord(cy + 4)}" font-size="${FONT}">${escapeXml(e.label)}</text></g>`;
  });
  return `<g class="cx-legend">${items.join("")}</g>`;
}

function lineSample(x: number, y: number, colour: string, dash: string): string {
  return `<line x1="${coord(x)}" y1="${coord(y)}" x2="${coord(x + 24)}" y2="${coord(y)}" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
}

function withTitle(tag: string, attrs: string, title?: string): string {
  return title === undefined ? `<${tag} ${attrs}/>` : `<${tag} ${attrs}><title>${escapeXml(title)}</title></${tag}>`;
}

/** A series marker centred on (x, y): each shape is also distinct without colour. */
function markerPath(shape: (typeof MARKERS)[number], x: number, y: number, colour: string, title?: string): string {
  const c = (v: number): string => coord(v);
  const r = 3.5;
  switch (shape) {
    case "circle":
      return withTitle("circle", `cx="${c(x)}" cy="${c(y)}" r="${r}" fill="${colour}" stroke="#ffffff" stroke-width="1"`, title);
    case "ring":
      return withTitle("circle", `cx="${c(x)}" cy="${c(y)}" r="${r}" fill="#ffffff" stroke="${colour}" stroke-width="2"`, title);
    case "square":
      return withTitle("rect", `x="${c(x - r)}" y="${c(y - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}" stroke="#ffffff" stroke-width="1"`, title);
    case "diamond":
      return withTitle("path", `d="M${c(x)},${c(y - 4.5)}L${c(x + 4.5)},${c(y)}L${c(x)},${c(y + 4.5)}L${c(x - 4.5)},${c(y)}Z" fill="${colour}" stroke="#ffffff" stroke-width="1"`, title);
    case "cross":
      return withTitle("path", `d="M${c(x - r)},${c(y - r)}L${c(x + r)},${c(y + r)}M${c(x - r)},${c(y + r)}L${c(x + r)},${c(y - r)}" stroke="${colour}" stroke-width="2.5" fill="none"`, title);
    case "plus":
      return withTitle("path", `d="M${c(x - 4.5)},${c(y)}H${c(x + 4.5)}M${c(x)},${c(y - 4.5)}V${c(y + 4.5)}" stroke="${colour}" stroke-width="2.5" fill="none"`, title);
  }
}

/** The grey "no data" mark: a small x in a box. */
function crossMark(x: number, y: number, title?: string): string {
  const c = (v: number): string => coord(v);
  return withTitle("path", `d="M${c(x - 4)},${c(y - 4)}h8v8h-8zM${c(x - 2.5)},${c(y - 2.5)}L${c(x + 2.5)},${c(y + 2.5)}M${c(x - 2.5)},${c(y + 2.5)}L${c(x + 2.5)},${c(y - 2.5)}" fill="#ffffff" stroke="${PALETTE.grey}" stroke-width="1.2"`, title);
}

/** A triangle centred on (x, y), pointing up or down. */
function triangle(x: number, y: number, up: boolean, title?: string): string {
  const c = (v: number): string => coord(v);
  const h = up ? -5 : 5;
  return withTitle("path", `d="M${c(x)},${c(y + h)}L${c(x + 5)},${c(y - h)}L${c(x - 5)},${c(y - h)}Z" fill="${PALETTE.black}"`, title);
}

/** Maximal runs of consecutive rows that satisfy `ok` (the pieces of a line between gaps). */
function runs<T>(rows: readonly T[], ok: (r: T) => boolean): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  for (const r of rows) {
    if (ok(r)) cur.push(r);
    else if (cur.length > 0) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** The range a metric's scores can take (NPS -100..100, CSAT 0..100, CES its scale); unbounded otherwise. */
function metricRange(metric: string | undefined, scale: TrendResult["scale"]): [number, number] {
  if (metric === "nps") return [-100, 100];
  if (metric === "csat") return [0, 100];
  if (metric === "ces" && scale && scale !== "binary") return [scale.min, scale.max];
  return [-Infinity, Infinity];
}

/** The part of the segment (t0, v0)-(t1, v1) with lo <= v <= hi, or null when none of it is. */
function clipSegment(t0: number, v0: number, t1: number, v1: number, lo: number, hi: number): [number, number, number, number] | null {
  let a = 0;
  let b = 1;
  const dv = v1 - v0;
  for (const [p, q] of [[-dv, v0 - lo], [dv, hi - v0]] as const) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) a = Math.max(a, r);
      else b = Math.min(b, r);
    }
  }
  if (a > b) return null;
  return [t0 + a * (t1 - t0), v0 + a * dv, t0 + b * (t1 - t0), v0 + b * dv];
}

/** The y range: the padded data clipped to NPS -100..100 or CSAT 0..100, CES its scale, else the padded data; widened to the data. */
function yDomain(metric: string | undefined, scale: TrendResult["scale"], values: number[]): [number, number] {
  const dmin = Math.min(...values);
  const dmax = Math.max(...values);
  if (metric === "ces" && scale && scale !== "binary") return [Math.min(scale.min, dmin), Math.max(scale.max, dmax)];
  // NPS and CSAT zoom to the data (and goal) with a margin, inside their range: a fixed 0..100 axis flattens a
  // 75 -> 80 goal into a line (found in review)
  const bounded = metric === "nps" || metric === "csat";
  const [rmin, rmax] = metric === "nps" ? [-100, 100] : [0, 100];
  const pad = Math.max((dmax - dmin) * 0.1, bounded ? 5 : Math.abs(dmax) * 0.05 || 1);
  let lo = dmin - pad;
  let hi = dmax + pad;
  if (bounded) {
    lo = Math.max(rmin, lo);
    hi = Math.min(rmax, hi);
  }
  const ticks = niceTicks(lo, hi, 5);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 0;
  if (step > 0) {
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
  }
  if (bounded) {
    lo = Math.max(rmin, lo);
    hi = Math.min(rmax, hi);
  }
  return [Math.min(lo, dmin), Math.max(hi, dmax)];
}

function tickDigits(ticks: number[]): number {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

function yLabel(metric: string | undefined, scale: TrendResult["scale"]): string {
  if (metric === "nps") return "NPS (points)";
  if (metric === "csat") return "CSAT (% satisfied)";
  if (metric === "ces") return scale && scale !== "binary" ? `CES (mean, ${scale.min}-${scale.max})` : "CES (mean)";
  return "score";
}

function metricName(metric: string | undefined): string {
  return metric === "nps" || metric === "csat" || metric === "ces" ? metric.toUpperCase() : "Score";
}

function unitName(unit: PeriodSpec["unit"]): string {
  return unit === "isoWeek" ? "week" : unit;
}

function keyLabel(v: KeyValue): string {
  return v === null ? "(none)" : String(v);
}

function matchesKeys(key: Record<string, KeyValue>, keys: TrendChartOptions["keys"]): boolean {
  if (keys === undefined) return true;
  return keys.some((k) => Object.entries(k).every(([name, v]) => (key[name] ?? null) === v));
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Epoch ms of an ISO instant (NaN when it cannot be read). */
function instant(s: string): number {
  return parseInstant(s) ?? NaN;
}

function round(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function formatTarget(x: number): string {
  return Number.isInteger(x) ? String(x) : formatValue(x, 1);
}

function formatP(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`;
}

function summary(
  title: string,
  periods: { label: string }[],
  lines: { label: string; rows: readonly TrendRow[] }[],
  changes: number,
  fmt: (x: number) => string,
  goal: TrendGoal | null,
): string {
  const span = periods.length > 1 ? `${periods[0]!.label} to ${periods[periods.length - 1]!.label}` : periods[0]!.label;
  const shown = lines.slice(0, 5).map((l) => {
    const scored = l.rows.filter((r) => isFiniteNumber(r.result.score));
    if (scored.length === 0) return `${l.label}: no data`;
    const a = scored[0]!.result.score!;
    const b = scored[scored.length - 1]!.result.score!;
    return scored.length === 1 ? `${l.label} ${fmt(a)}` : `${l.label} from ${fmt(a)} to ${fmt(b)}`;
  });
  const more = lines.length > 5 ? `; ${lines.length - 5} more lines` : "";
  let s = `${title}, ${span}: ${shown.join("; ")}${more}; ${changes} significant change${changes === 1 ? "" : "s"}`;
  if (goal) {
    s += `; target ${formatTarget(goal.target)} by ${goal.deadline.slice(0, 10)}`;
    const p = goal.projection;
    if (p) s += `, projected ${fmt(p.value)}${p.ci ? ` [${fmt(p.ci.lower)}, ${fmt(p.ci.upper)}]` : ""}`;
    if (goal.status) s += ` (${goal.status})`;
  }
  return `${s}.`;
}
