import type { SurvivalCurveResult } from "../churn/survivalCurve.ts";
import type { KaplanMeierResult } from "../stats/kaplanMeierTable.ts";
import { InvalidOptionError } from "../errors.ts";
import { axisBottom, axisLeft, chartDigits, chartSize, coord, escapeXml, formatValue, linearScale, niceTicks, niceUpper, noDataSvg, PALETTE, svgDocument, type ChartOptions, type LegendItem } from "./_svg.ts";

/** Options of {@link survivalChart}. */
export interface SurvivalChartOptions extends ChartOptions {
  /** The time unit's name for the x axis, e.g. "days" (default: the survival curve's unit; none for a plain Kaplan-Meier result). */
  unit?: string;
  /** Decimals of times in labels that are not whole numbers (default 1). */
  digits?: number;
}

const CHART = "survivalChart";
const MARGIN = { top: 34, right: 16, bottom: 72, left: 56 };
/** The curve's blue at 30% on white: the interval band, and its legend swatch. */
const BAND = "#B3D5E8";
const PLURAL: Record<string, string> = { day: "days", week: "weeks", month: "months" };

/**
 * A Kaplan-Meier survival curve as SVG: the step function S(t) from 1 at t = 0, its pointwise interval as a stepped
 * band, a "+" at every time with censored observations, and a dashed line at S = 50% to the median.
 *
 *   x = t on [0, a nice bound >= the last time];  y = S(t) on [0, 1] (shown as 0..100 %)
 *   curve: (0, 1) -> (t_1, 1) -> (t_1, S_1) -> (t_2, S_1) -> (t_2, S_2) -> ... (right-continuous steps)
 *   band: [lower_i, upper_i] on [t_i, t_{i+1}), [1, 1] before the first time; broken where a bound is null
 *         (and not drawn where it has no area)
 *
 * Accepts a `survivalCurve` result (tenure in its unit) or any `KaplanMeierResult` (`kaplanMeier`,
 * `kaplanMeierTable`). O(distinct times). No observations give the no-data chart. Deterministic.
 *
 * @param result a `survivalCurve` or Kaplan-Meier result
 * @param options title, description, width, height, unit (x axis), digits
 * @returns an SVG document (string)
 * @throws InvalidOptionError for a bad width, height, title, description, unit or digits
 * @example
 * survivalChart(kaplanMeier([6, 6, 6, 7, 10], [true, true, false, true, false]), { unit: "weeks" }).includes(">median 7 weeks</text>") // => true
 * @see Kaplan, E. L. and Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53(282).
 * @see R package survival, plot.survfit (conf.int band, mark.time "+" for censored times).
 */
export function survivalChart(result: SurvivalCurveResult | KaplanMeierResult, options: SurvivalChartOptions = {}): string {
  const { width, height } = chartSize(CHART, options);
  const digits = chartDigits(CHART, options.digits, 1);
  if (options.unit !== undefined && typeof options.unit !== "string") throw new InvalidOptionError(CHART, "unit", `is ${JSON.stringify(options.unit)}, expected a string such as "days"`);
  const curve = "metric" in result && result.metric === "survival-curve" ? result : null;
  const unit = options.unit ?? (curve === null ? "" : (PLURAL[curve.unit] ?? curve.unit));
  const title = options.title ?? (curve === null ? "Kaplan-Meier survival" : "Subscription survival (Kaplan-Meier)");
  const m = result.times.length;
  if (result.n === 0 || m === 0) return noDataSvg(title, width, height);

  const things = curve === null ? "observations" : "subscriptions";
  const fmtT = (t: number): string => (Number.isInteger(t) ? String(t) : formatValue(t, digits));
  const withUnit = (t: number): string => (unit === "" ? fmtT(t) : `${fmtT(t)} ${unit}`);
  const pct = (s: number): string => `${formatValue(100 * s, 1)}%`;
  const last = result.times[m - 1]!;
  const xMax = niceUpper(last);
  const left = MARGIN.left;
  const right = Math.max(left + 20, width - MARGIN.right); // a tiny chart overflows rather than inverting
  const top = MARGIN.top;
  const bottom = Math.max(top + 20, height - MARGIN.bottom);
  const x = linearScale([0, xMax], [left, right]);
  const y = linearScale([0, 1], [bottom, top]);
  const parts: string[] = [];
  parts.push(axisLeft(y, [0, 0.25, 0.5, 0.75, 1], left, (s) => `${Math.round(100 * s)}%`, "Surviving", right - left));
  parts.push(axisBottom(x, niceTicks(0, xMax), bottom, fmtT, curve === null ? (unit === "" ? "Time" : `Time (${unit})`) : `Tenure (${unit})`));

  // Times that fall in the same 1 px column are drawn as one step (the marks of a long curve are bounded by the plot
  // width, and nothing moves by more than a pixel): group g holds the times first[g] .. first[g + 1] - 1.
  const first: number[] = [];
  for (let i = 0; i < m; i++) if (i === 0 || Math.floor(x(result.times[i]!)) !== Math.floor(x(result.times[first[first.length - 1]!]!))) first.push(i);
  first.push(m);
  const groups = first.length - 1;

  // the band: steps [t_i, t_{i+1}) with their bounds (a group's steps merged into their envelope), before the first
  // time S = 1 exactly
  const steps: { a: number; b: number; lo: number | null; hi: number | null }[] = [{ a: 0, b: result.times[0]!, lo: 1, hi: 1 }];
  for (let g = 0; g < groups; g++) {
    const lastGroup = g === groups - 1;
    const end = lastGroup ? first[g + 1]! - 1 : first[g + 1]!; // the steps of group g are i = first[g] .. end - 1
    if (end <= first[g]!) continue;
    let lo: number | null = Infinity;
    let hi: number | null = -Infinity;
    for (let i = first[g]!; i < end && lo !== null && hi !== null; i++) {
      const l = result.lower[i] ?? null;
      const u = result.upper[i] ?? null;
      if (l === null || u === null) lo = hi = null;
      else [lo, hi] = [Math.min(lo, l), Math.max(hi, u)];
    }
    steps.push({ a: result.times[first[g]!]!, b: result.times[lastGroup ? m - 1 : first[g + 1]!]!, lo, hi });
  }
  const level = `${formatValue(100 * result.level, 0)}%`;
  let run: typeof steps = [];
  const flush = (): void => {
    if (run.some((s) => s.b > s.a && s.hi! > s.lo!)) {
      const upper = run.map((s) => `${coord(x(s.a))} ${coord(y(s.hi!))} L${coord(x(s.b))} ${coord(y(s.hi!))}`).join(" L");
      const lower = [...run].reverse().map((s) => `${coord(x(s.b))} ${coord(y(s.lo!))} L${coord(x(s.a))} ${coord(y(s.lo!))}`).join(" L");
      const tip = `${level} pointwise interval (${result.interval}), ${withUnit(run[0]!.a)} to ${withUnit(run[run.length - 1]!.b)}`;
      parts.push(`<path class="cx-band" d="M${upper} L${lower} Z" fill="${BAND}" stroke="none"><title>${escapeXml(tip)}</title></path>`);
    }
    run = [];
  };
  for (const s of steps) {
    if (s.lo === null || s.hi === null) flush();
    else run.push(s);
  }
  flush();

  // the curve: per group, across to its first time and down to the survival after its last
  let d = `M${coord(x(0))} ${coord(y(1))}`;
  for (let g = 0; g < groups; g++) d += ` H${coord(x(result.times[first[g]!]!))} V${coord(y(result.survival[first[g + 1]! - 1]!))}`;
  const sLast = result.survival[m - 1]!;
  const curveTip = `S(t): ${pct(sLast)} at ${withUnit(last)} (${result.n} ${things}, ${result.events} events, ${result.censored} censored)`;
  const curvePath = `<path class="cx-curve" d="${d}" fill="none" stroke="${PALETTE.blue}" stroke-width="2"><title>${escapeXml(curveTip)}</title></path>`;

  // censoring ticks: one per censoring time, or per 1 px column where several share one
  const ticks: { cx: number; cy: number; tip: string }[] = [];
  for (let g = 0; g < groups; g++) {
    const at: number[] = [];
    for (let i = first[g]!; i < first[g + 1]!; i++) if (result.censoredAt[i]! > 0) at.push(i);
    if (at.length === 0) continue;
    const i0 = at[0]!;
    const i1 = at[at.length - 1]!;
    const cx = x(result.times[i0]!);
    const cy = y(result.survival[i0]!);
    const c = at.reduce((sum, i) => sum + result.censoredAt[i]!, 0);
    const tip =
      at.length === 1
        ? `${withUnit(result.times[i0]!)}: ${fmtCount(c)} censored, ${fmtCount(result.atRisk[i0]!)} at risk, S = ${pct(result.survival[i0]!)}`
        : `${fmtT(result.times[i0]!)} to ${withUnit(result.times[i1]!)}: ${fmtCount(c)} censored at ${at.length} times, S from ${pct(result.survival[i0]!)} to ${pct(result.survival[i1]!)}`;
    ticks.push({ cx, cy, tip });
  }
  // dense ticks (closer than 6 px on average) are drawn small and under the curve, so they do not hide it
  const dense = ticks.length * 6 > right - left;
  const r = dense ? 2.5 : 5;
  const tickPaths = ticks.map(
    ({ cx, cy, tip }) =>
      `<path class="cx-censor" d="M${coord(cx - r)} ${coord(cy)} H${coord(cx + r)} M${coord(cx)} ${coord(cy - r)} V${coord(cy + r)}" stroke="${dense ? "#444444" : PALETTE.black}" stroke-width="${dense ? 1 : 1.5}"><title>${escapeXml(tip)}</title></path>`,
  );
  if (dense) parts.push(...tickPaths, curvePath);
  else parts.push(curvePath, ...tickPaths);

  // the median
  const mi = result.medianInterval;
  const bound = (t: number | null): string => (t === null ? "not reached" : withUnit(t));
  const medianText = result.median === null ? "median not reached" : `median ${withUnit(result.median)}`;
  const medianTip = `${medianText} (${level} interval ${bound(mi.lower)} to ${bound(mi.upper)})`;
  const half = y(0.5);
  if (result.median !== null) {
    const xm = x(result.median);
    const atRight = xm > left + 0.75 * (right - left);
    parts.push(
      `<g class="cx-median"><path d="M${coord(left)} ${coord(half)} H${coord(xm)} V${coord(bottom)}" fill="none" stroke="${PALETTE.vermillion}" stroke-width="1.5" stroke-dasharray="6 3"><title>${escapeXml(medianTip)}</title></path>` +
        `<text x="${coord(atRight ? xm - 4 : xm + 4)}" y="${coord(half - 6)}" text-anchor="${atRight ? "end" : "start"}" fill="${PALETTE.vermillion}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(medianText)}</text></g>`,
    );
  } else {
    parts.push(
      `<g class="cx-median"><path d="M${coord(left)} ${coord(half)} H${coord(right)}" fill="none" stroke="${PALETTE.vermillion}" stroke-width="1" stroke-dasharray="2 3"><title>${escapeXml(medianTip)}</title></path>` +
        `<text x="${coord(right - 4)}" y="${coord(half - 6)}" text-anchor="end" fill="${PALETTE.vermillion}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(medianText)}</text></g>`,
    );
  }

  const span = unit === "" ? `to t = ${fmtT(last)}` : `over ${withUnit(last)}`;
  const description =
    options.description ??
    `Kaplan-Meier survival of ${result.n} ${things} (${fmtCount(result.events)} events, ${fmtCount(result.censored)} censored) ${span}: ${pct(sLast)} surviving at the end; ${medianTip}.`;
  const legend: LegendItem[] = [
    { label: "survival S(t)", colour: PALETTE.blue, shape: "line" },
    { label: `${level} interval`, colour: BAND },
    { label: "median", colour: PALETTE.vermillion, shape: "dashed" },
  ];
  if (result.censored > 0) legend.push({ label: "censored (+)", colour: PALETTE.black, shape: "marker" });
  return svgDocument({ title, description, width, height, body: parts.join(""), legend });
}

/** Counts may be weights: whole numbers as such, others with 2 decimals. */
function fmtCount(c: number): string {
  return Number.isInteger(c) ? String(c) : formatValue(c, 2);
}
