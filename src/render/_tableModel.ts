import type { BreakdownResult } from "../aggregate/breakdown.ts";
import type { PeriodChange } from "../survey/comparePeriods.ts";
import type { NpsResult } from "../survey/nps.ts";
import type { CsatResult } from "../survey/csat.ts";
import type { CesResult } from "../survey/ces.ts";
import type { NpsComparison } from "../survey/compareNps.ts";
import type { DurationFigures, DurationBucket } from "../tickets/durationSummary.ts";
import type { DurationUnit } from "../tickets/ticketOptions.ts";
import type { AverageResponseTimeResult } from "../tickets/averageResponseTime.ts";
import type { SlaAttainmentResult } from "../tickets/slaAttainment.ts";
import type { TicketShareResult } from "../tickets/ticketCounts.ts";
import type { ChurnRateRow, ChurnCountsResult } from "../churn/churnCounts.ts";
import type { ChurnByReasonResult } from "../churn/churnByReason.ts";
import type { RevenueChurnResult, MrrMovementRow } from "../churn/revenueChurn.ts";
import type { CohortRetentionResult } from "../churn/cohortRetention.ts";
import type { KaplanMeierResult } from "../stats/kaplanMeierTable.ts";
import type { FitSbgResult } from "../churn/fitSbg.ts";
import type { RfmSummary } from "../clv/rfmTypes.ts";
import type { BetaGeoFit } from "../clv/betaGeoFit.ts";
import type { GammaGammaFit } from "../clv/fitGammaGamma.ts";
import type { CustomerLifetimeValueResult } from "../clv/customerLifetimeValue.ts";
import { clvDeciles } from "../clv/clvDeciles.ts";
import type { PurchasePredictions } from "../clv/predictPurchases.ts";
import type { SimpleClvResult } from "../clv/simpleClv.ts";
import type { NpsSampleSize } from "../survey/npsSampleSize.ts";
import type { HoldoutEvaluation } from "../clv/evaluateHoldout.ts";
import type { QuantileSketchResult } from "../stats/quantileSketch.ts";
import type { InvalidSummary } from "../_lib/invalidLog.ts";
import { NO_DATA, count, fixed, keyLabel, percent, plainValue, pValue, signedWithInterval, significant, withInterval, yesNo } from "./_tableCells.ts";

/** A column of the table model: its header (with the unit) and whether its cells are numbers (right-aligned). */
export interface TableColumn {
  label: string;
  numeric: boolean;
}

/** A table, independent of the output format: what {@link toTable} renders as text or HTML. */
export interface TableModel {
  caption: string;
  columns: TableColumn[];
  /** Body rows, one string per column: the first `maxRows` of them when the options cut the body. */
  rows: string[][];
  /** Body rows before the cut (rows.length when nothing was cut): a renderer says how many it left out. */
  rowCount: number;
  /** Rows after the body that are never cut (a breakdown's total, a base total). */
  footer: string[][];
  /** Lines under the table: counts left out of the figures (missing, invalid), fit messages, units. */
  notes: string[];
}

/** Options of {@link tableModel}. */
export interface TableModelOptions {
  /** Decimals of scores, rates and durations; default chosen per figure (1 for scores and percentages). */
  digits?: number;
  /** Caption; default from the metric. */
  title?: string;
  /** Build at most this many body rows (the rest is counted in `rowCount`, not formatted). Default: all. */
  maxRows?: number;
}

/** A table as a builder makes it: `rowCount` only when the builder cut its body itself. */
type Built = Omit<TableModel, "rowCount"> & { rowCount?: number };

/** The first `maxRows` items: long bodies (survival curves, breakdowns) are not formatted beyond what is shown. */
function head<T>(items: readonly T[], o: TableModelOptions): readonly T[] {
  return o.maxRows !== undefined && items.length > o.maxRows ? items.slice(0, o.maxRows) : items;
}

/** A figure of a single result: label (with the unit) and formatted value. */
type Figure = [label: string, value: string];

/** A single result described: the headline figures (a breakdown's columns), the rest, and notes. */
interface Described {
  name: string;
  headline: Figure[];
  more: Figure[];
  notes: string[];
}

/** The shape of a goalProgress result (src/goals), typed here so rendering does not import the goals module. */
interface GoalProgressLike {
  metric: "goal-progress";
  baseline: number;
  target: number;
  direction: "increase" | "decrease";
  deadline: string;
  level: number;
  points: { period: string | null; at: string; score: number | null }[];
  missing?: number;
  current: { period: string | null; at: string; score: number } | null;
  progress: number | null;
  achieved: boolean;
  trend: { slopePerDay: number; intercept: number; rSquared: number | null; n: number; residualStandardError: number | null } | null;
  projection: { at: string; value: number; ci: { lower: number; upper: number } | null; probability: number | null; reachesTarget: boolean } | null;
  status: string;
}

type Row = Record<string, unknown>;
type DurationResult = DurationFigures & { metric: string; unit: DurationUnit; n: number; open: number; missing: number; notYetCreated: number; invalid: InvalidSummary } & Row;

const SHARE_WORDS: Record<string, [name: string, yes: string, no: string]> = {
  "reopen-rate": ["Reopen rate", "reopened", "not reopened"],
  "one-touch-resolution": ["One-touch resolution", "one-touch", "more than one touch"],
  "first-contact-resolution": ["First contact resolution", "resolved on first contact", "not on first contact"],
};

const DURATION_NAMES: Record<string, string> = {
  "time-to-resolution": "Time to resolution",
  "first-response-time": "First response time",
  "status-time": "Status time",
};

const isObject = (x: unknown): x is Row => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * The table of any result of the library (dispatch on its `metric` or `model` field, else on its shape), a breakdown
 * or compared breakdown, a goal progress, an array of plain objects, or, for any other object, a key / value table.
 * Never throws on a result of the library; null figures read `no data`.
 *
 * @param input a library result, a breakdown, an array of objects, or any value
 * @param options digits and caption
 * @returns caption, columns, rows (all of them), footer rows and notes
 * @example
 * tableModel(nps([10, 9, 7, 3])).rows[0] // => ["NPS (points)", "25.0 [-44.2, 72.7]"]
 * @see toTable
 */
export function tableModel(input: unknown, options: TableModelOptions = {}): TableModel {
  const { caption, columns, rows, rowCount, footer, notes } = modelOf(input, options);
  return { caption: options.title ?? caption, columns, rows: [...head(rows, options)], rowCount: rowCount ?? rows.length, footer, notes };
}

function modelOf(input: unknown, o: TableModelOptions): Built {
  if (Array.isArray(input)) return arrayTable(input, o);
  if (!isObject(input)) return { caption: "Value", columns: [{ label: "value", numeric: typeof input === "number" }], rows: [[plainValue(input, o.digits ?? 1)]], footer: [], notes: [] };
  const single = describe(input, o);
  if (single) return figureTable(single);
  const metric = input["metric"];
  const m = input["model"];
  if (metric === "churn-by-reason") return churnByReasonTable(input as unknown as ChurnByReasonResult, o);
  if (metric === "revenue-churn") return revenueChurnTable(input as unknown as RevenueChurnResult, o);
  if (metric === "cohort-retention") return cohortTable(input as unknown as CohortRetentionResult, o);
  if (metric === "rfm-summary") return rfmTable(input as unknown as RfmSummary, o);
  if (m === "sbg") return sbgTable(input as unknown as FitSbgResult);
  if (m === "gamma-gamma") return gammaGammaTable(input as unknown as GammaGammaFit, o);
  if ((m === "bg-nbd" || m === "mbg-nbd") && isObject(input["convergence"])) return betaGeoTable(input as unknown as BetaGeoFit);
  if ((m === "bg-nbd" || m === "mbg-nbd") && Array.isArray(input["customers"]) && typeof input["months"] === "number") return clvTable(input as unknown as CustomerLifetimeValueResult, o);
  if ((m === "bg-nbd" || m === "mbg-nbd") && Array.isArray(input["groups"])) return holdoutTable(input as unknown as HoldoutEvaluation, o);
  if (Array.isArray(input["rows"]) && Array.isArray(input["by"]) && "total" in input) return breakdownTable(input as unknown as BreakdownResult<unknown>, o);
  if (Array.isArray(input["times"]) && Array.isArray(input["survival"]) && Array.isArray(input["atRisk"])) return survivalTable(input as unknown as KaplanMeierResult & Row, o);
  if (Array.isArray(input["rows"]) && typeof input["method"] === "string" && !("metric" in input)) return churnSeriesTable(input as unknown as ChurnCountsResult, o);
  return keyValueTable(input, o);
}

// ---------------------------------------------------------------- single results: a figure / value table

function figureTable(d: Described): Built {
  return {
    caption: d.name,
    columns: [
      { label: "figure", numeric: false },
      { label: "value", numeric: true },
    ],
    rows: [...d.headline, ...d.more].map(([label, value]) => [label, value]),
    footer: [],
    notes: d.notes,
  };
}

/** Describe a single (scalar) result, or null when the input is not one of them. */
function describe(r: Row, o: TableModelOptions): Described | null {
  const metric = r["metric"];
  if (typeof metric !== "string") {
    if (isQuantileSketch(r)) return describeSketch(r as unknown as QuantileSketchResult, o);
    const m = r["model"];
    if ((m === "bg-nbd" || m === "mbg-nbd") && Array.isArray(r["customers"]) && typeof r["horizon"] === "number") return describePredictions(r as unknown as PurchasePredictions, o);
    if (typeof r["clv"] === "number" && typeof r["marginMultiple"] === "number") return describeSimpleClv(r as unknown as SimpleClvResult, o);
    if (typeof r["marginOfError"] === "number" && typeof r["variance"] === "number" && typeof r["n"] === "number") return describeSampleSize(r as unknown as NpsSampleSize);
    return null;
  }
  switch (metric) {
    case "nps":
      return describeNps(r as unknown as NpsResult, o);
    case "csat":
      return describeCsat(r as unknown as CsatResult, o);
    case "ces":
      return describeCes(r as unknown as CesResult, o);
    case "nps-comparison":
      return describeComparison(r as unknown as NpsComparison, o);
    case "time-to-resolution":
    case "first-response-time":
    case "status-time":
      return describeDuration(r as DurationResult, o);
    case "average-response-time":
      return describeResponse(r as unknown as AverageResponseTimeResult, o);
    case "sla-attainment":
      return describeSla(r as unknown as SlaAttainmentResult, o);
    case "reopen-rate":
    case "one-touch-resolution":
    case "first-contact-resolution":
      return describeShare(r as unknown as TicketShareResult<string>, o);
    case "churn-rate":
      return describeChurnRate(r as unknown as ChurnRateRow & { n: number; missing: number; invalid: InvalidSummary }, o);
    case "goal-progress":
      return describeGoal(r as unknown as GoalProgressLike, o);
    default:
      return null;
  }
}

function countNotes(r: object, what: string): string[] {
  const notes: string[] = [];
  const { missing, invalid } = r as { missing?: unknown; invalid?: unknown };
  if (typeof missing === "number" && missing > 0) notes.push(`missing ${what}: ${count(missing)} (left out of the figures)`);
  if (isObject(invalid) && typeof invalid["count"] === "number" && invalid["count"] > 0) notes.push(`invalid ${what}: ${count(invalid["count"])} (counted, left out)`);
  return notes;
}

function withShare(n: number, share: number | null | undefined, digits: number): string {
  return share === null || share === undefined ? count(n) : `${count(n)} (${percent(share, digits)}%)`;
}

function describeNps(r: NpsResult, o: TableModelOptions): Described {
  const d = o.digits ?? 1;
  const more: Figure[] = [
    ["promoters", withShare(r.promoters, r.shares?.promoters, d)],
    ["passives", withShare(r.passives, r.shares?.passives, d)],
    ["detractors", withShare(r.detractors, r.shares?.detractors, d)],
    ["standard error (points)", fixed(r.standardError, d)],
  ];
  if (r.effectiveN !== r.n) more.push(["effective n", fixed(r.effectiveN, 1)]);
  return { name: "NPS", headline: [["NPS (points)", withInterval(r.score, r.ci, d)], ["n", count(r.n)]], more, notes: [...intervalNote(r.ci), ...countNotes(r, "answers")] };
}

function intervalNote(ci: { level?: number; method?: string } | null | undefined): string[] {
  if (!ci || typeof ci.level !== "number") return [];
  return [`[lower, upper]: ${fixed(ci.level * 100, 0)}% interval${ci.method ? ` (${ci.method})` : ""}`];
}

function describeCsat(r: CsatResult, o: TableModelOptions): Described {
  const d = o.digits ?? 1;
  const scale = r.scale === "binary" ? "yes/no" : `${r.scale.min}-${r.scale.max}`;
  const more: Figure[] = [
    ["satisfied", count(r.satisfied)],
    [r.scale === "binary" ? "share of yes" : `mean answer (${scale})`, fixed(r.mean, 2)],
    ["standard deviation", fixed(r.standardDeviation, 2)],
  ];
  for (const [point, c] of Object.entries(r.distribution)) more.push([`answers ${point}`, count(c)]);
  const satisfied = r.scale === "binary" ? "yes" : `${r.satisfiedMin}-${r.scale.max}`;
  return { name: "CSAT", headline: [["CSAT (% satisfied)", withInterval(r.score, r.ci, d)], ["n", count(r.n)]], more, notes: [`satisfied: answers ${satisfied} on a ${scale} scale`, ...intervalNote(r.ci), ...countNotes(r, "answers")] };
}

function describeCes(r: CesResult, o: TableModelOptions): Described {
  const d = o.digits ?? 2;
  const p = o.digits ?? 1;
  const scale = `${r.scale.min}-${r.scale.max}`;
  const more: Figure[] = [
    // the share with its interval in the "(%)" row, the count in its own row ("1569: 82.3 [...]" read as one figure)
    ["easy (%)", withInterval(r.easy.share, r.easy.ci, p)],
    ["easy (n)", count(r.easy.count)],
    ["difficult (%)", withInterval(r.difficult.share, r.difficult.ci, p)],
    ["difficult (n)", count(r.difficult.count)],
    ["net easy (points)", withInterval(r.netEasy, r.netEasyCi, p)],
    ["standard deviation", fixed(r.standardDeviation, 2)],
  ];
  for (const [point, c] of Object.entries(r.distribution)) more.push([`answers ${point}`, count(c)]);
  return {
    name: "CES",
    headline: [[`CES (mean, ${scale})`, withInterval(r.score, r.ci, d)], ["n", count(r.n)]],
    more,
    notes: [`scale ${scale}, ${r.direction === "higher-is-easier" ? "higher is easier" : "lower is easier"}`, ...intervalNote(r.ci), ...countNotes(r, "answers")],
  };
}

function describeComparison(r: NpsComparison, o: TableModelOptions): Described {
  const d = o.digits ?? 1;
  return {
    name: r.benchmark === null ? "NPS comparison" : "NPS against a benchmark",
    headline: [["difference (points)", signedWithInterval(r.difference, r.ci, d)], ["p-value", pValue(r.pValue)], ["significant", yesNo(r.significant)]],
    more: [
      ["standard error (points)", fixed(r.standardError, d)],
      ["z", fixed(r.z, 2)],
      ["alternative", r.alternative],
      ["level (%)", fixed(r.level * 100, 0)],
      ["benchmark (points)", r.benchmark === null ? "none" : fixed(r.benchmark, d)],
    ],
    notes: intervalNote(r.ci),
  };
}

const UNIT_NAMES: Record<string, string> = { ms: "ms", minutes: "min", hours: "h", days: "days" };

function durationDigits(unit: string, o: TableModelOptions): number {
  return o.digits ?? (unit === "ms" ? 0 : 1);
}

function percentileFigures(percentiles: Record<string, number | null>, unit: string, d: number, skipMedian: boolean): Figure[] {
  return Object.entries(percentiles)
    .filter(([k]) => !(skipMedian && k === "p50"))
    .map(([k, v]): Figure => [`${k} (${unit})`, fixed(v, d)]);
}

function describeDuration(r: DurationResult, o: TableModelOptions): Described {
  const unit = UNIT_NAMES[r.unit] ?? String(r.unit);
  const d = durationDigits(r.unit, o);
  const done = typeof r["resolved"] === "number" ? "resolved" : typeof r["responded"] === "number" ? "responded" : "solved";
  const name = DURATION_NAMES[r.metric] ?? r.metric;
  const title = r.metric === "status-time" && typeof r["measure"] === "string" ? `${name} (${r["measure"]})` : name;
  const headline: Figure[] = [[`median (${unit})`, fixed(r.median, d)], ...percentileFigures(r.percentiles, unit, d, true), [`mean (${unit})`, fixed(r.mean, d)], ["n", count(r.n)], ["open", count(r.open)]];
  const more: Figure[] = [[done, count(r[done] as number)], [`min (${unit})`, fixed(r.min, d)], [`max (${unit})`, fixed(r.max, d)]];
  if (r.censored) {
    const c = r.censored;
    more.push([`Kaplan-Meier median (${unit})`, withInterval(c.median, c, d)], ["events / censored", `${count(c.events)} / ${count(c.censored)}`]);
  }
  for (const extra of ["solvedWithoutReply", "noCustomerMessage"]) if (typeof r[extra] === "number") more.push([extra === "solvedWithoutReply" ? "solved without reply" : "no customer message", count(r[extra] as number)]);
  more.push(["not yet created", count(r.notYetCreated)]);
  for (const b of r.distribution as DurationBucket[]) more.push([`${b.label} (n, %)`, withShare(b.count, b.share === null ? null : b.share / 100, o.digits ?? 1)]);
  const notes = [`${r.basis === "business" ? "business" : "calendar"} time${r.asOf ? `, as of ${r.asOf}` : ""}`];
  if (!r.exact) notes.push(`percentiles from the quantile sketch, within ${fixed(r.relativeError * 100, 1)}% relative error`);
  if (r.censored) notes.push(`Kaplan-Meier median with its ${fixed(r.censored.level * 100, 0)}% interval counts open tickets as censored`);
  return { name: title, headline, more, notes: [...notes, ...countNotes(r, "tickets")] };
}

function describeResponse(r: AverageResponseTimeResult, o: TableModelOptions): Described {
  const unit = UNIT_NAMES[r.unit] ?? String(r.unit);
  const d = durationDigits(r.unit, o);
  return {
    name: r.include === "next" ? "Average next-reply time" : "Average response time",
    headline: [[`mean (${unit})`, fixed(r.mean, d)], [`median (${unit})`, fixed(r.median, d)], ...percentileFigures(r.percentiles, unit, d, true), ["responses", count(r.responses)]],
    more: [
      [`min (${unit})`, fixed(r.min, d)],
      [`max (${unit})`, fixed(r.max, d)],
      ["tickets", count(r.tickets)],
      ["waiting for a reply", count(r.waiting)],
    ],
    notes: [`${r.basis} time`, ...(r.exact ? [] : [`percentiles within ${fixed(r.relativeError * 100, 1)}% relative error`]), ...countNotes(r, "tickets")],
  };
}

function describeSla(r: SlaAttainmentResult, o: TableModelOptions): Described {
  const d = o.digits ?? 1;
  return {
    name: `SLA attainment (${r.sla})`,
    headline: [["attained (%)", withInterval(r.rate, r.ci, d)], ["n", count(r.n)]],
    more: [
      ["met", count(r.met)],
      ["breached", count(r.breached)],
      ["pending", count(r.pending)],
      ["not applicable", count(r.notApplicable)],
      ["no target", count(r.noTarget)],
      ["not yet created", count(r.notYetCreated)],
    ],
    notes: ["attained = met / (met + breached); pending timers left out", ...intervalNote(r.ci), ...countNotes(r, "tickets")],
  };
}

function describeShare(r: TicketShareResult<string>, o: TableModelOptions): Described {
  const d = o.digits ?? 1;
  const [name, yes, no] = SHARE_WORDS[r.metric] ?? [r.metric, "yes", "no"];
  return {
    name,
    headline: [[`${name.toLowerCase()} (%)`, withInterval(r.rate, r.ci, d)], ["n", count(r.n)]],
    more: [
      [yes, count(r.yes)],
      [no, count(r.no)],
      ["not applicable", count(r.notApplicable)],
      ["not yet created", count(r.notYetCreated)],
    ],
    notes: [...intervalNote(r.ci), ...countNotes(r, "tickets")],
  };
}

/** Label and cell of a churn rate: a fraction shown in %, or per 30 customer-days. */
function churnRateFigure(r: Pick<ChurnRateRow, "method" | "rate" | "ci">, o: TableModelOptions): Figure {
  if (r.method === "customer-days") return ["churn (per 30 customer-days)", withInterval(r.rate, r.ci, o.digits ?? 4)];
  return ["churn rate (%)", withInterval(r.rate, r.ci, o.digits ?? 2, 100)];
}

function describeChurnRate(r: ChurnRateRow & { n: number; missing: number; invalid: InvalidSummary }, o: TableModelOptions): Described {
  return {
    name: `Churn rate ${r.period}`,
    headline: [churnRateFigure(r, o), ["at start", count(r.atStart)], ["churned", count(r.churned)]],
    more: [
      ["churned from start", count(r.churnedFromStart)],
      ["new", count(r.new)],
      ["at end", count(r.atEnd)],
      ["customer-days", fixed(r.customerDays, 1)],
      ["subscriptions", count(r.n)],
    ],
    notes: [`method: ${r.method}`, ...intervalNote(r.ci), ...countNotes(r, "records")],
  };
}

function isQuantileSketch(r: Row): boolean {
  return Array.isArray(r["quantiles"]) && typeof r["relativeAccuracy"] === "number" && typeof r["n"] === "number";
}

function describeSketch(r: QuantileSketchResult, o: TableModelOptions): Described {
  const d = o.digits ?? 2;
  return {
    name: "Quantiles",
    headline: [...r.quantiles.map((q): Figure => [`q${q.q}`, fixed(q.value, d)]), ["n", count(r.n)]],
    more: [
      ["mean", fixed(r.mean, d)],
      ["min", fixed(r.min, d)],
      ["max", fixed(r.max, d)],
    ],
    notes: [r.exact ? "exact quantiles (R type 7)" : `quantiles within ${fixed(r.relativeAccuracy * 100, 1)}% relative error`, ...countNotes(r, "values")],
  };
}

function describePredictions(r: PurchasePredictions, o: TableModelOptions): Described {
  const d = o.digits ?? 2;
  const n = r.customers.length;
  let alive = 0;
  let aliveLater = 0;
  for (const c of r.customers) {
    alive += c.probabilityAlive;
    aliveLater += c.probabilityAliveAtHorizon;
  }
  const unit = r.timeUnit ?? "time units";
  return {
    name: `Expected purchases over ${fixed(r.horizon, Number.isInteger(r.horizon) ? 0 : 2)} ${unit}`,
    headline: [["expected purchases (all customers)", withInterval(r.total.value, r.total, d)], ["customers", count(n)]],
    more: [
      ["mean per customer", n === 0 ? NO_DATA : fixed(r.total.value / n, 3)],
      ["mean P(alive) now (%)", n === 0 ? NO_DATA : percent(alive / n, o.digits ?? 1)],
      ["mean P(alive) at the horizon (%)", n === 0 ? NO_DATA : percent(aliveLater / n, o.digits ?? 1)],
    ],
    notes: [r.interval === null ? "no interval: the parameters came without a covariance" : `[lower, upper]: ${fixed(r.level * 100, 0)}% delta-method interval of the expected value`],
  };
}

function describeSimpleClv(r: SimpleClvResult, o: TableModelOptions): Described {
  return {
    name: `CLV (${r.method})`,
    headline: [["CLV", fixed(r.clv, o.digits ?? 2)]],
    more: [
      ["margin multiple", fixed(r.marginMultiple, 2)],
      ["expected lifetime (periods)", r.expectedLifetime === null ? "never ends" : fixed(r.expectedLifetime, 2)],
    ],
    notes: [],
  };
}

function describeSampleSize(r: NpsSampleSize): Described {
  return {
    name: "NPS sample size",
    headline: [["answers needed", count(r.n)]],
    more: [
      ["margin of error (points)", fixed(r.marginOfError, 1)],
      ["level (%)", fixed(r.level * 100, 0)],
      ["variance per answer", fixed(r.variance, 4)],
    ],
    notes: [],
  };
}

function describeGoal(r: GoalProgressLike, o: TableModelOptions): Described {
  const d = o.digits ?? 1;
  const more: Figure[] = [
    ["baseline", fixed(r.baseline, d)],
    ["target", fixed(r.target, d)],
    ["direction", r.direction],
    ["deadline", r.deadline],
    ["progress (%)", percent(r.progress, d)],
    ["achieved", yesNo(r.achieved)],
    ["trend (per day)", r.trend ? significant(r.trend.slopePerDay) : NO_DATA],
    ["trend R squared", r.trend ? fixed(r.trend.rSquared, 3) : NO_DATA],
    ["projection at deadline", r.projection ? withInterval(r.projection.value, r.projection.ci, d) : NO_DATA],
    ["probability of reaching the target (%)", r.projection ? percent(r.projection.probability, d) : NO_DATA],
    ["points", count(Array.isArray(r.points) ? r.points.length : 0)],
    // points without a score are kept out of the fit: say how many, so a gap in the series is not silent
    ...(typeof r.missing === "number" ? [["points without a score", count(r.missing)] as Figure] : []),
  ];
  const current = r.current ? `${withInterval(r.current.score, null, d)}${r.current.period ? ` (${r.current.period})` : ""}` : NO_DATA;
  return {
    name: "Goal progress",
    headline: [["status", r.status], ["current", current]],
    more,
    notes: r.projection?.ci ? [`projection: trend line at the deadline with its ${fixed(r.level * 100, 0)}% interval`] : [],
  };
}

// ---------------------------------------------------------------- breakdowns and compared breakdowns

/** The headline figures of a breakdown's inner result; for unknown results, its top-level scalar fields. */
function headlineOf(r: unknown, o: TableModelOptions): Figure[] {
  if (!isObject(r)) return [["value", plainValue(r, o.digits ?? 1)]];
  const d = describe(r, o);
  if (d) return d.headline;
  if (Array.isArray(r["rows"]) && typeof r["method"] === "string" && r["rows"].length === 1) return headlineOf({ metric: "churn-rate", ...(r["rows"][0] as Row) }, o);
  return Object.entries(r)
    .filter(([k, v]) => k !== "metric" && (v === null || typeof v !== "object"))
    .map(([k, v]): Figure => [k, plainValue(v, o.digits ?? 1)]);
}

function nameOf(r: unknown): string {
  if (!isObject(r)) return "Result";
  const d = describe(r, {});
  if (d) return d.name;
  return typeof r["metric"] === "string" ? r["metric"] : typeof r["kind"] === "string" ? r["kind"] : "Result";
}

const CHANGE_UNITS: Record<string, string> = { z: "points", "two-proportion-z": "points", "welch-t": "scale units" };

function breakdownTable(b: BreakdownResult<unknown>, o: TableModelOptions): Built {
  const rows = b.rows as (BreakdownResult<unknown>["rows"][number] & { change?: PeriodChange | null })[];
  const compared = rows.some((r) => "change" in r);
  const by = b.by;
  const hasPeriod = b.period !== null || rows.some((r) => r.period !== null);
  const labels = headlineOf(b.total, o).map(([label]) => label);
  const keyColumns = by.length > 0 || hasPeriod ? [...by, ...(hasPeriod ? ["period"] : [])] : ["group"];
  const firstChange = rows.find((r) => r.change)?.change;
  const changeUnit = firstChange ? (CHANGE_UNITS[firstChange.test] ?? "units") : "points";
  const columns: TableColumn[] = [...keyColumns.map((label) => ({ label, numeric: false })), ...labels.map((label) => ({ label, numeric: true }))];
  if (compared) columns.push({ label: `change (${changeUnit})`, numeric: true }, { label: "p-value", numeric: true }, { label: "significant", numeric: false });
  const figureCells = (result: unknown): string[] => {
    const figures = new Map(headlineOf(result, o));
    return labels.map((l) => figures.get(l) ?? NO_DATA);
  };
  const d = o.digits ?? (changeUnit === "scale units" ? 2 : 1);
  const body = head(rows, o).map((row) => {
    const keys = by.length > 0 || hasPeriod ? [...by.map((k) => keyLabel(row.key[k])), ...(hasPeriod ? [row.period ?? NO_DATA] : [])] : ["(all)"];
    const cells = [...keys, ...figureCells(row.result)];
    if (compared) cells.push(...changeCells(row.change ?? null, d));
    return cells;
  });
  const total = ["total", ...keyColumns.slice(1).map(() => ""), ...figureCells(b.total)];
  if (compared) total.push("", "", "");
  const groups = [...by, ...(b.period ? [b.period.unit] : [])];
  const notes: string[] = isObject(b.total) ? intervalNote(b.total["ci"] as { level?: number; method?: string } | null) : [];
  if (b.period) notes.push(`periods: ${b.period.unit} in ${b.period.timeZone}`);
  if (compared) {
    const level = firstChange?.ci?.level;
    notes.push(`change: against the previous period of the same key${typeof level === "number" ? `, ${fixed(level * 100, 0)}% interval; significant: p < ${fixed(1 - level, 2)}` : ""}`);
  }
  // missing / invalid values inside the groups (the inner metric's counts, summed in the total) are said too
  if (isObject(b.total)) notes.push(...countNotes(b.total, "values"));
  notes.push(...countNotes({ invalid: b.invalid }, "records (unreadable key or time)"));
  return { caption: `${nameOf(b.total)}${groups.length ? ` by ${groups.join(", ")}` : ""}`, columns, rows: body, rowCount: rows.length, footer: [total], notes };
}

function changeCells(c: PeriodChange | null, d: number): string[] {
  if (!c) return [NO_DATA, NO_DATA, NO_DATA];
  const mark = c.significant === null ? "no test" : c.significant ? (c.difference > 0 ? "yes (up)" : c.difference < 0 ? "yes (down)" : "yes") : "no";
  return [signedWithInterval(c.difference, c.ci, d), pValue(c.pValue), mark];
}

// ---------------------------------------------------------------- churn

function churnSeriesTable(r: ChurnCountsResult, o: TableModelOptions): Built {
  const [rateLabel] = churnRateFigure({ method: r.method, rate: null, ci: null }, o);
  const labels = [rateLabel, "churned", "churned from start", "at start", "new", "at end", "customer-days"];
  return {
    caption: "Churn rate by period",
    columns: [{ label: "period", numeric: false }, ...labels.map((label) => ({ label, numeric: true }))],
    rows: r.rows.map((row) => [row.period, churnRateFigure(row, o)[1], count(row.churned), count(row.churnedFromStart), count(row.atStart), count(row.new), count(row.atEnd), fixed(row.customerDays, 1)]),
    footer: [],
    notes: [`method: ${r.method}`, ...intervalNote(r.rows.find((x) => x.ci)?.ci), ...countNotes(r, "records")],
  };
}

function churnByReasonTable(r: ChurnByReasonResult, o: TableModelOptions): Built {
  const d = o.digits ?? 1;
  const previous = r.previous !== null;
  const columns: TableColumn[] = [
    { label: "reason", numeric: false },
    { label: "churned", numeric: true },
    { label: "share (%)", numeric: true },
  ];
  if (previous) columns.push({ label: "previous churned", numeric: true }, { label: "previous share (%)", numeric: true }, { label: "change (points)", numeric: true }, { label: "p-value", numeric: true });
  const rows = r.rows.map((row) => {
    const cells = [row.reason === null ? "(no reason given)" : row.reason, count(row.churned), withInterval(row.share, row.ci, d, 100)];
    if (previous) cells.push(row.previous ? count(row.previous.churned) : NO_DATA, percent(row.previous?.share, d), signedWithInterval(row.change?.difference, row.change?.ci, d, 100), pValue(row.change?.pValue));
    return cells;
  });
  const footer = [["all", count(r.churned), r.churned > 0 ? fixed(100, d) : NO_DATA, ...(previous ? [count(r.previous!.churned), "", "", ""] : [])]];
  const notes = [`churned in [${r.from}, ${r.to})${previous ? `; previous period [${r.previous!.from}, ${r.previous!.to})` : ""}`, ...intervalNote(r.rows.find((x) => x.ci)?.ci), ...countNotes(r, "records")];
  return { caption: "Churn by reason", columns, rows, footer, notes };
}

function revenueChurnTable(r: RevenueChurnResult, o: TableModelOptions): Built {
  const a = o.digits ?? 2;
  const p = o.digits ?? 1;
  const labels = ["MRR at start", "new", "expansion", "contraction", "churned", "reactivation", "MRR at end", "net new MRR", "gross MRR churn (%)", "net MRR churn (%)", "GRR (%)", "NRR (%)"];
  const cells = (row: MrrMovementRow, label: string): string[] => [
    label,
    ...[row.mrrAtStart, row.new, row.expansion, row.contraction, row.churned, row.reactivation, row.mrrAtEnd, row.netNewMrr].map((x) => fixed(x, a)),
    ...[row.grossMrrChurn, row.netMrrChurn, row.grr, row.nrr].map((x) => percent(x, p)),
  ];
  const notes = r.simultaneousEvents > 0 ? [`${count(r.simultaneousEvents)} simultaneous events of one customer (applied in ascending MRR order)`] : [];
  return {
    caption: "Revenue churn (MRR movements)",
    columns: [{ label: "period", numeric: false }, ...labels.map((label) => ({ label, numeric: true }))],
    rows: r.rows.map((row) => cells(row, row.period)),
    footer: r.rows.length > 1 ? [cells(r.total, "total")] : [],
    notes: [...notes, ...countNotes(r, "events")],
  };
}

function cohortTable(r: CohortRetentionResult, o: TableModelOptions): Built {
  const d = o.digits ?? 1;
  const ages = Array.from({ length: r.maxAge + 1 }, (_, k) => k);
  const unit = r.period === "isoWeek" ? "week" : r.period;
  return {
    caption: `Cohort retention (% of cohort) by ${unit}`,
    columns: [{ label: "cohort", numeric: false }, { label: "size", numeric: true }, ...ages.map((k) => ({ label: `${unit} ${k}`, numeric: true }))],
    rowCount: r.cohorts.length,
    rows: head(r.cohorts, o).map((c) => [c.cohort, count(c.size), ...ages.map((k) => {
      const cell = c.cells[k];
      return !cell ? NO_DATA : cell.censored ? "not yet observed" : percent(cell.rate, d);
    })]),
    footer: [],
    notes: [`as of ${r.asOf} (${r.timeZone}); later periods not yet observed`, ...countNotes(r, "records")],
  };
}

function survivalTable(r: KaplanMeierResult & Row, o: TableModelOptions): Built {
  const d = o.digits ?? 1;
  const unit = typeof r["unit"] === "string" ? `${r["unit"]}s` : "";
  const timeLabel = unit ? `time (${unit})` : "time";
  const t = (x: number | null): string => (x === null ? NO_DATA : fixed(x, Number.isInteger(x) ? 0 : 2));
  const rows = head(r.times, o).map((time, i) => {
    const lower = r.lower[i] ?? null;
    const upper = r.upper[i] ?? null;
    return [t(time), count(r.atRisk[i]), count(r.eventsAt[i]), count(r.censoredAt[i]), withInterval(r.survival[i], { lower, upper }, d, 100)];
  });
  const median = `median${unit ? ` (${unit})` : ""}: ${t(r.median)}${r.median !== null || r.medianInterval.lower !== null ? ` [${t(r.medianInterval.lower)}, ${t(r.medianInterval.upper)}]` : ""}`;
  const notes = [
    `${count(r.n)} observed, ${count(r.events)} events, ${count(r.censored)} censored${typeof r["asOf"] === "string" ? ` (as of ${r["asOf"]})` : ""}`,
    median,
    `survival: Kaplan-Meier S(t) just after each time, ${fixed(r.level * 100, 0)}% pointwise interval (${r.interval})`,
    ...countNotes(r, "records"),
  ];
  return {
    caption: r["metric"] === "survival-curve" ? "Survival curve" : "Kaplan-Meier estimate",
    columns: [
      { label: timeLabel, numeric: true },
      { label: "at risk", numeric: true },
      { label: "events", numeric: true },
      { label: "censored", numeric: true },
      { label: "survival (%)", numeric: true },
    ],
    rows,
    rowCount: r.times.length,
    footer: [],
    notes,
  };
}

// ---------------------------------------------------------------- model fits

const PARAMETER_COLUMNS: TableColumn[] = [
  { label: "parameter", numeric: false },
  { label: "estimate", numeric: true },
  { label: "standard error", numeric: true },
];

function parameterRows(names: readonly string[], estimates: Record<string, number | null>, se: Record<string, number> | null): string[][] {
  return names.map((k) => [k, significant(estimates[k] ?? null), se ? significant(se[k] ?? null) : NO_DATA]);
}

/** The optimiser's message, saying whether it converged when the message does not. */
function fitMessage(converged: boolean, message: string): string {
  return /converge/i.test(message) ? message : `${converged ? "converged" : "did not converge"}: ${message}`;
}

function sbgTable(r: FitSbgResult): Built {
  const notes = [`log-likelihood ${fixed(r.logLikelihood, 3)}; ${count(r.periods)} periods, cohort of ${count(r.cohortSize)}`, fitMessage(r.converged, r.message)];
  if (r.atBoundary) notes.push("at the edge of the parameter space: the curves hold, the parameters and their standard errors do not");
  return { caption: "Shifted-beta-geometric fit", columns: PARAMETER_COLUMNS, rows: parameterRows(["alpha", "beta"], { alpha: r.alpha, beta: r.beta }, r.standardErrors), footer: [], notes };
}

function betaGeoTable(r: BetaGeoFit): Built {
  const unit = r.timeUnit ? ` (per ${r.timeUnit.replace(/s$/, "")})` : "";
  const rows = parameterRows(["r", "alpha", "a", "b"], { r: r.r, alpha: r.alpha, a: r.a, b: r.b }, r.standardErrors);
  rows[1]![0] = `alpha${unit}`;
  const notes = [
    r.fitted ? `${count(r.n)} customers, ${count(r.patterns)} patterns; log-likelihood ${fixed(r.logLikelihood, 3)}` : "no customers: no data",
    fitMessage(r.convergence.converged, r.convergence.message),
  ];
  if (r.penalty > 0) notes.push(`penalty ${significant(r.penalty)}`);
  return { caption: r.model === "mbg-nbd" ? "MBG/NBD fit" : "BG/NBD fit", columns: PARAMETER_COLUMNS, rows, footer: [], notes };
}

function gammaGammaTable(r: GammaGammaFit, o: TableModelOptions): Built {
  const d = o.digits ?? 2;
  const notes = [
    `${count(r.customers)} repeat customers fitted, ${count(r.excluded)} without a repeat purchase left out`,
    `mean spend ${fixed(r.meanSpend, d)}; population mean ${fixed(r.populationMean, d)}; frequency-spend correlation ${fixed(r.frequencySpendCorrelation, 3)}`,
    fitMessage(r.converged, r.message),
  ];
  if (r.fitted) notes.splice(2, 0, `log-likelihood ${fixed(r.logLikelihood, 3)}`);
  const se = r.standardErrors ? { p: r.standardErrors.p, q: r.standardErrors.q, gamma: r.standardErrors.gamma } : null;
  return { caption: "Gamma-Gamma spend fit", columns: PARAMETER_COLUMNS, rows: parameterRows(["p", "q", "gamma"], { p: r.p, q: r.q, gamma: r.gamma }, se), footer: [], notes };
}

function holdoutTable(r: HoldoutEvaluation, o: TableModelOptions): Built {
  const d = o.digits ?? 2;
  const notes = [
    `holdout of ${fixed(r.holdoutLength, 2)}${r.timeUnit ? ` ${r.timeUnit}` : ""}; error ${fixed(r.total.error, d)} (${fixed(r.total.percentError, 1)}%)`,
    `per customer: MAE ${fixed(r.mae, 3)}, RMSE ${fixed(r.rmse, 3)}; over the group means: MAE ${fixed(r.groupMae, 3)}`,
  ];
  if (r.tracking) notes.push(`tracking: ${count(r.tracking.periods.length)} periods of ${fixed(r.tracking.periodLength, 2)}`);
  return {
    caption: `Holdout evaluation (${r.model === "mbg-nbd" ? "MBG/NBD" : "BG/NBD"})`,
    columns: [
      { label: "calibration purchases", numeric: false },
      { label: "customers", numeric: true },
      { label: "actual mean", numeric: true },
      { label: "predicted mean", numeric: true },
      { label: "actual total", numeric: true },
      { label: "predicted total", numeric: true },
    ],
    rows: r.groups.map((g) => [g.label, count(g.customers), fixed(g.actualMean, d), fixed(g.predictedMean, d), count(g.actualTotal), fixed(g.predictedTotal, d)]),
    footer: [["all", count(r.customers), "", "", count(r.total.actual), fixed(r.total.predicted, d)]],
    notes,
  };
}

function clvTable(r: CustomerLifetimeValueResult, o: TableModelOptions): Built {
  const d = o.digits ?? 2;
  const p = o.digits ?? 1;
  const n = r.customers.length;
  const notes = [
    `${r.model === "mbg-nbd" ? "MBG/NBD" : "BG/NBD"} purchases x spend, discounted at ${fixed(r.discountRate * 100, 2)}% a month${r.margin === 1 ? "" : `, margin ${fixed(r.margin * 100, 1)}%`}`,
    r.interval === null
      ? "no interval: the purchase model came without a covariance"
      : `[lower, upper]: ${fixed(r.level * 100, 0)}% delta-method interval of the base total${r.spendUncertainty ? " (spend model uncertainty included)" : " (spend taken as known)"}`,
  ];
  return {
    caption: `Expected CLV over ${r.months} months by customer decile`,
    columns: [
      { label: "decile", numeric: true },
      { label: "customers", numeric: true },
      { label: "total CLV", numeric: true },
      { label: "mean CLV", numeric: true },
      { label: "min", numeric: true },
      { label: "max", numeric: true },
      { label: "share of base (%)", numeric: true },
    ],
    rows: clvDeciles(r).map((x) => [count(x.decile), count(x.customers), fixed(x.total, d), fixed(x.mean, d), fixed(x.min, d), fixed(x.max, d), percent(x.share, p)]),
    footer: [["all", count(n), withInterval(r.total.value, r.total, d), n === 0 ? NO_DATA : fixed(r.total.value / n, d), "", "", n === 0 ? NO_DATA : fixed(100, p)]],
    notes,
  };
}

// ---------------------------------------------------------------- rfm

function rfmTable(r: RfmSummary, o: TableModelOptions): Built {
  const d = o.digits ?? 2;
  const unit = r.timeUnit;
  const fields: [string, (row: RfmSummary["rows"][number]) => number | null][] = [
    ["frequency (repeat purchase days)", (x) => x.frequency],
    [`recency (${unit})`, (x) => x.recency],
    [`T (${unit})`, (x) => x.T],
    ["monetary value", (x) => x.monetaryValue],
  ];
  if (r.calibrationEnd !== null) fields.push(["frequency in holdout", (x) => x.frequencyHoldout], ["monetary value in holdout", (x) => x.monetaryValueHoldout]);
  const rows = fields.map(([label, read]) => {
    const values: number[] = [];
    for (const row of r.rows) {
      const v = read(row);
      if (v !== null && Number.isFinite(v)) values.push(v);
    }
    values.sort((x, y) => x - y);
    const n = values.length;
    const median = n === 0 ? null : n % 2 === 1 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
    let sum = 0;
    for (const v of values) sum += v;
    return [label, count(n), fixed(values[0] ?? null, d), fixed(median, d), fixed(n === 0 ? null : sum / n, d), fixed(values[n - 1] ?? null, d)];
  });
  const repeat = r.rows.reduce((k, x) => k + (x.frequency > 0 ? 1 : 0), 0);
  const notes = [
    `${count(r.customers)} customers (${r.customers === 0 ? NO_DATA : `${percent(repeat / r.customers, 1)}%`} with a repeat purchase), ${count(r.transactions)} transactions`,
    `observation end ${r.observationEnd ?? NO_DATA}${r.calibrationEnd ? `, calibration end ${r.calibrationEnd}` : ""} (${r.timeZone})`,
  ];
  if (r.afterObservationEnd > 0) notes.push(`${count(r.afterObservationEnd)} transactions after the observation end left out`);
  if (r.newInHoldout > 0) notes.push(`${count(r.newInHoldout)} customers new in the holdout left out`);
  return {
    caption: "RFM summary",
    columns: [
      { label: "column", numeric: false },
      { label: "customers", numeric: true },
      { label: "min", numeric: true },
      { label: "median", numeric: true },
      { label: "mean", numeric: true },
      { label: "max", numeric: true },
    ],
    rows,
    footer: [],
    notes: [...notes, ...countNotes(r, "transactions")],
  };
}

// ---------------------------------------------------------------- arrays and anything else

function arrayTable(items: readonly unknown[], o: TableModelOptions): Built {
  if (items.length === 0) return { caption: "Table", columns: [{ label: "value", numeric: false }], rows: [[NO_DATA]], footer: [], notes: [] };
  if (items.every((x) => isObject(x) && isObject(x["result"]))) return labelledResults(items as Row[], o);
  const objects = items.map((x) => (isObject(x) ? x : { value: x }));
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const x of objects) for (const k of Object.keys(x)) if (!seen.has(k)) (seen.add(k), keys.push(k));
  const digits = o.digits ?? 2;
  return {
    caption: "Table",
    columns: keys.map((label) => ({ label, numeric: objects.every((x) => x[label] === null || x[label] === undefined || typeof x[label] === "number") && objects.some((x) => typeof x[label] === "number") })),
    rows: head(objects, o).map((x) => keys.map((k) => plainValue(x[k], digits))),
    rowCount: objects.length,
    footer: [],
    notes: [],
  };
}

/** `[{ label, result }]` (as npsBarChart takes): one row per label with the result's headline figures. */
function labelledResults(items: Row[], o: TableModelOptions): Built {
  const labels = headlineOf(items[0]!["result"], o).map(([l]) => l);
  return {
    caption: nameOf(items[0]!["result"]),
    columns: [{ label: "label", numeric: false }, ...labels.map((label) => ({ label, numeric: true }))],
    rowCount: items.length,
    rows: head(items, o).map((x) => {
      const figures = new Map(headlineOf(x["result"], o));
      return [keyLabel(x["label"]), ...labels.map((l) => figures.get(l) ?? NO_DATA)];
    }),
    footer: [],
    notes: [],
  };
}

function keyValueTable(r: Row, o: TableModelOptions): Built {
  const rows: string[][] = [];
  for (const [k, v] of Object.entries(r)) {
    if (isObject(v) && Object.values(v).every((x) => x === null || typeof x !== "object")) {
      for (const [k2, v2] of Object.entries(v)) rows.push([`${k}.${k2}`, plainValue(v2, o.digits ?? 2)]);
    } else rows.push([k, plainValue(v, o.digits ?? 2)]);
  }
  const name = typeof r["metric"] === "string" ? r["metric"] : typeof r["method"] === "string" ? `${r["method"]}` : "Result";
  return {
    caption: name,
    columns: [
      { label: "field", numeric: false },
      { label: "value", numeric: false },
    ],
    rows: rows.length ? rows : [[NO_DATA, ""]],
    footer: [],
    notes: [],
  };
}
