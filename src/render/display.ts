import type { BreakdownResult } from "../aggregate/breakdown.ts";
import type { CustomerLifetimeValueResult } from "../clv/customerLifetimeValue.ts";
import type { CohortRetentionResult } from "../churn/cohortRetention.ts";
import type { SurvivalCurveResult } from "../churn/survivalCurve.ts";
import { InvalidOptionError } from "../errors.ts";
import type { GoalProgress } from "../goals/goalProgress.ts";
import type { KaplanMeierResult } from "../stats/kaplanMeierTable.ts";
import type { CesResult } from "../survey/ces.ts";
import type { CsatResult } from "../survey/csat.ts";
import type { NpsResult } from "../survey/nps.ts";
import type { FirstResponseTimeResult } from "../tickets/firstResponseTime.ts";
import type { TimeToResolutionResult } from "../tickets/timeToResolution.ts";
import { clvDecileChart } from "./clvDecileChart.ts";
import { cohortHeatmap } from "./cohortHeatmap.ts";
import { distributionChart } from "./distributionChart.ts";
import { durationHistogram } from "./durationHistogram.ts";
import { npsBarChart } from "./npsBarChart.ts";
import { survivalChart } from "./survivalChart.ts";
import { toTable } from "./toTable.ts";
import { trendChart, type TrendSeries } from "./trendChart.ts";

/** The charts {@link display} can draw: trendChart, npsBarChart, distributionChart, durationHistogram, survivalChart, cohortHeatmap, clvDecileChart. */
export type ChartKind = "trend" | "segments" | "distribution" | "histogram" | "survival" | "cohort" | "clv-deciles";

/** Options of {@link display}. */
export interface DisplayOptions {
  /** Which chart to draw above the table: "auto" (default) picks the one that fits the result, "none" draws none. */
  chart?: ChartKind | "auto" | "none";
  /** Title of the chart and caption of the table (default: each one's own, from the metric). */
  title?: string;
  /** A goal (goalProgress) drawn on the trend chart: target line, projected trend and deadline. */
  goal?: GoalProgress;
}

/** What a Jupyter front end shows: a MIME bundle. */
export interface JupyterMimeBundle {
  "text/html": string;
  "text/plain": string;
}

/**
 * `Symbol.for("Jupyter.display")`: the method name the Deno Jupyter kernel calls to show a value as rich output.
 * The same symbol as `Deno.jupyter.$display`; a registered symbol, so any copy of the library (and any other
 * library) agrees on it.
 */
export const JUPYTER_DISPLAY: unique symbol = /* @__PURE__ */ Symbol.for("Jupyter.display");

/** The value {@link display} returns: the result, its HTML and text forms, and the Jupyter display method. */
export interface CxDisplay<T> {
  /** The result, unchanged. */
  readonly result: T;
  /** The chart drawn, or null (table only). */
  readonly chart: ChartKind | null;
  /** `<figure class="cx-display">` with a scoped `<style>`, the chart's SVG and the HTML table. */
  html(): string;
  /** The text table (toTable). */
  text(): string;
  /** The plain result, so `JSON.stringify(display(r))` is the result's JSON. */
  toJSON(): T;
  /** Rich output for Jupyter: `{ "text/html": html(), "text/plain": text() }`. */
  [JUPYTER_DISPLAY](): JupyterMimeBundle;
}

const KINDS: readonly ChartKind[] = ["trend", "segments", "distribution", "histogram", "survival", "cohort", "clv-deciles"];

/** Styles scoped to `.cx-display`, so a notebook or page keeps its own look elsewhere. */
const STYLE =
  "<style>" +
  ".cx-display{margin:0 0 1em;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1a1a1a}" +
  ".cx-display svg.cx-chart{display:block;max-width:100%;height:auto}" +
  ".cx-display table.cx-table{border-collapse:collapse;margin:.5em 0 0;font-size:13px}" +
  ".cx-display .cx-table caption{text-align:left;font-weight:600;padding:0 0 .3em}" +
  ".cx-display .cx-table th,.cx-display .cx-table td{padding:.2em .7em;border:0;border-bottom:1px solid #d0d0d0;text-align:left;vertical-align:top}" +
  ".cx-display .cx-table th{border-bottom:1px solid #000;font-weight:600}" +
  ".cx-display .cx-table td.num,.cx-display .cx-table th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}" +
  "</style>";

/**
 * Rich display of any cx-metrics result: in a Deno Jupyter notebook the last expression `cx.display(result)` shows a
 * chart with its table instead of a JSON dump; elsewhere `html()` and `text()` give the same as strings.
 *
 *   chart "auto": breakdown with a period -> "trend" (score results); breakdown of NPS without a period ->
 *   "segments"; NPS / CSAT / CES -> "distribution"; time to resolution / first response time -> "histogram";
 *   survival curve or Kaplan-Meier -> "survival"; cohort retention -> "cohort"; CLV -> "clv-deciles";
 *   goal progress -> "trend" of its points with the goal; anything else -> the table alone.
 *   html = <figure class="cx-display"> <style> (scoped) + chart SVG + toTable(result, { format: "html" }) </figure>
 *   text = toTable(result)
 *
 * Strings only (no DOM), deterministic (same result, same strings). The result is not copied or changed, and
 * `toJSON()` returns it, so `JSON.stringify(display(r)) === JSON.stringify(r)`. Empty results render "no data".
 * The chart kind is checked at once; the strings are built when asked for. O(size of the result).
 *
 * @param result a result of this library (a metric, a breakdown, a compared breakdown, a goal's progress, ...)
 * @param options chart ("auto" | "none" | a ChartKind), title, goal (drawn on the trend chart)
 * @returns the display object
 * @throws InvalidOptionError when an explicit `chart` does not fit the result (the message names the kinds that
 *   fit), or `goal` is given for a result that draws no trend chart
 * @example
 * const d = display(nps([10, 9, 7, 3]));
 * d.chart // => "distribution"
 * d[Symbol.for("Jupyter.display")]()["text/html"].startsWith('<figure class="cx-display">') // => true
 * JSON.stringify(d) === JSON.stringify(nps([10, 9, 7, 3])) // => true
 * @see Deno Jupyter kernel, `Deno.jupyter.$display` (docs.deno.com/runtime/reference/cli/jupyter)
 * @see IPython's rich display protocol (`_repr_mimebundle_`), which this mirrors
 */
export function display<T>(result: T, options: DisplayOptions = {}): CxDisplay<T> {
  if (typeof options !== "object" || options === null) throw new InvalidOptionError("display", "options", `is ${JSON.stringify(options)}, expected an object`);
  const { title, goal } = options;
  if (title !== undefined && typeof title !== "string") throw new InvalidOptionError("display", "title", `is ${JSON.stringify(title)}, expected a string`);
  if (goal !== undefined && !isGoal(goal)) throw new InvalidOptionError("display", "goal", 'is not a goalProgress result (expected metric: "goal-progress")');
  const chart = chooseChart(result, options.chart ?? "auto");
  if (goal !== undefined && chart !== "trend") {
    throw new InvalidOptionError("display", "goal", `is drawn on the trend chart only, and this display draws ${chart === null ? "no chart" : `the "${chart}" chart`}`);
  }
  const tableOptions = title === undefined ? {} : { title };
  const html = (): string => {
    const svg = chart === null ? "" : drawChart(chart, result, title, goal);
    return `<figure class="cx-display">${STYLE}${svg}${toTable(result, { ...tableOptions, format: "html" })}</figure>`;
  };
  const text = (): string => toTable(result, tableOptions);
  return {
    result,
    chart,
    html,
    text,
    toJSON: () => result,
    [JUPYTER_DISPLAY]: () => ({ "text/html": html(), "text/plain": text() }),
  };
}

function chooseChart(result: unknown, asked: unknown): ChartKind | null {
  if (asked !== "auto" && asked !== "none" && !KINDS.includes(asked as ChartKind)) {
    throw new InvalidOptionError("display", "chart", `is ${JSON.stringify(asked)}, expected "auto", "none" or one of ${KINDS.map((k) => `"${k}"`).join(", ")}`);
  }
  if (asked === "none") return null;
  const fit = fittingCharts(result);
  if (asked === "auto") return fit[0] ?? null;
  if (fit.includes(asked as ChartKind)) return asked as ChartKind;
  const fits = fit.length === 0 ? 'no chart fits it (use chart "none" or "auto" for the table alone)' : `the charts that fit it: ${fit.map((k) => `"${k}"`).join(", ")}`;
  throw new InvalidOptionError("display", "chart", `is "${String(asked)}", which does not fit ${describe(result)}; ${fits}`);
}

/** The charts that can draw a result, the automatic choice first. */
function fittingCharts(result: unknown): ChartKind[] {
  if (isGoal(result)) return ["trend"];
  if (isBreakdown(result)) {
    const inner = metricOf(result.total);
    const scored = isRecord(result.total) && "score" in result.total;
    const kinds: ChartKind[] = [];
    if (result.period !== null && scored) kinds.push("trend");
    if (inner === "nps") kinds.push("segments");
    return kinds;
  }
  switch (metricOf(result)) {
    case "nps":
    case "csat":
    case "ces":
      return ["distribution"];
    case "time-to-resolution":
    case "first-response-time":
      return ["histogram"];
    case "survival-curve":
      return ["survival"];
    case "cohort-retention":
      return ["cohort"];
  }
  if (isKaplanMeier(result)) return ["survival"];
  if (isClv(result)) return ["clv-deciles"];
  return [];
}

function drawChart(kind: ChartKind, result: unknown, title: string | undefined, goal: GoalProgress | undefined): string {
  const o = title === undefined ? {} : { title };
  switch (kind) {
    case "trend":
      if (isGoal(result)) return trendChart(goalSeries(result), { ...o, goal: goal ?? result });
      return trendChart(result as BreakdownResult<NpsResult | CsatResult | CesResult>, goal === undefined ? o : { ...o, goal });
    case "segments":
      return npsBarChart(result as BreakdownResult<NpsResult>, o);
    case "distribution":
      return distributionChart(result as NpsResult | CsatResult | CesResult, o);
    case "histogram":
      return durationHistogram(result as TimeToResolutionResult | FirstResponseTimeResult, o);
    case "survival":
      return survivalChart(result as SurvivalCurveResult | KaplanMeierResult, o);
    case "cohort":
      return cohortHeatmap(result as CohortRetentionResult, o);
    case "clv-deciles":
      return clvDecileChart(result as CustomerLifetimeValueResult, o);
  }
}

/** A goal's points as a one-line series at their instants, so the trend chart draws them with the goal on top. */
function goalSeries(goal: GoalProgress): TrendSeries {
  return {
    rows: goal.points.map((p) => ({ key: {}, period: p.period ?? p.at, periodStart: p.at, periodEnd: p.at, result: { score: p.score, ci: null } })),
    by: [],
    period: null,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function metricOf(x: unknown): unknown {
  return isRecord(x) ? x.metric : undefined;
}

function isGoal(x: unknown): x is GoalProgress {
  return metricOf(x) === "goal-progress" && Array.isArray((x as { points?: unknown }).points);
}

function isBreakdown(x: unknown): x is BreakdownResult<unknown> {
  return isRecord(x) && Array.isArray(x.rows) && Array.isArray(x.by) && "total" in x && "period" in x;
}

function isKaplanMeier(x: unknown): x is KaplanMeierResult {
  return isRecord(x) && Array.isArray(x.times) && Array.isArray(x.survival) && Array.isArray(x.atRisk);
}

function isClv(x: unknown): x is CustomerLifetimeValueResult {
  return isRecord(x) && Array.isArray(x.customers) && isRecord(x.total) && typeof x.months === "number" && "model" in x;
}

function describe(result: unknown): string {
  if (isBreakdown(result)) {
    const inner = metricOf(result.total);
    return `a breakdown${typeof inner === "string" ? ` of ${inner} results` : ""} ${result.period === null ? "without" : "with"} a period`;
  }
  const metric = metricOf(result);
  if (typeof metric === "string") return `a ${metric} result`;
  if (isKaplanMeier(result)) return "a Kaplan-Meier result";
  if (isClv(result)) return "a customer lifetime value result";
  return Array.isArray(result) ? "an array" : result === null ? "null" : `a ${typeof result}`;
}
