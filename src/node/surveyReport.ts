import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { breakdown } from "../aggregate/breakdown.ts";
import { comparePeriods, type ComparableResult, type ComparedBreakdown } from "../survey/comparePeriods.ts";
import { InvalidOptionError } from "../errors.ts";
import { checkLevel, checkOnInvalid } from "../_lib/checkOptions.ts";
import { cesAggregator, type CesResult } from "../survey/ces.ts";
import { csatAggregator, type CsatResult } from "../survey/csat.ts";
import { npsAggregator, type NpsResult } from "../survey/nps.ts";
import type { PeriodUnit } from "../time/periodIndexer.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { parseInstant } from "../time/parseInstant.ts";

/** Where the report finds each field in a record (defaults: the sample's names). */
export interface SurveyReportFields {
  /** The instant of the answer (Date, epoch ms or ISO string). Default `"at"`. */
  at: string;
  /** The 0-10 NPS answer. Default `"nps"`. */
  nps: string;
  /** The 1-5 CSAT answer. Default `"csat"`. */
  csat: string;
  /** The 1-7 CES answer (7 = very easy). Default `"ces"`. */
  ces: string;
}

/** Options of {@link surveyReport}. */
export interface SurveyReportOptions {
  /** Segment fields; each gets its own segment x period tables. Default `["channel"]`. */
  by?: string[];
  /** Period unit. Default `"month"`. */
  period?: PeriodUnit;
  /** IANA zone of the periods, and of timestamps written without an offset. Default `"UTC"`. */
  timeZone?: string;
  /** Confidence level of intervals and significance. Default 0.95. */
  level?: number;
  /** Field names. */
  fields?: Partial<SurveyReportFields>;
  /** `"count"` (default for a report: invalid answers are counted and shown) or `"throw"`. */
  onInvalid?: OnInvalid;
}

/** One metric of the report: overall, per period, and per segment x period, with period-over-period changes. */
export interface MetricReport<Out extends ComparableResult> {
  overall: Out;
  byPeriod: ComparedBreakdown<Out>;
  /** One compared breakdown per segment field, in the order of `by`. */
  bySegment: Record<string, ComparedBreakdown<Out>>;
}

/** The data of a survey report: plain JSON, printed by `formatSurveyReport` or as JSON by the CLI. */
export interface SurveyReport {
  records: number;
  /** The first and last valid instant of the records (ISO 8601, UTC); null without any. */
  from: string | null;
  to: string | null;
  by: string[];
  period: PeriodUnit;
  timeZone: string;
  level: number;
  fields: SurveyReportFields;
  nps: MetricReport<NpsResult>;
  csat: MetricReport<CsatResult>;
  ces: MetricReport<CesResult>;
}

type Row = Record<string, unknown>;

/**
 * NPS, CSAT and CES of a set of survey answers, overall, by period and by segment x period, each period compared
 * with the one before it (z-test for NPS, two-proportion z-test for CSAT, Welch's t for CES; see comparePeriods).
 *
 * Every cell of the segment x period grid is present (`complete: true`), with null scores where a segment had no
 * answers, so tables and charts get a regular grid. Invalid answers and unreadable instants are counted in each
 * result's `invalid` (or thrown with `onInvalid: "throw"`); missing answers are counted in `missing`.
 * O(records x (1 + segment fields)) time, memory O(segments x periods).
 *
 * @param records survey answers as objects
 * @param options segment fields, period, time zone, level, field names
 * @returns the report data
 * @example
 * surveyReport(generateSurveySample({ count: 500 }), { by: ["channel"] }).nps.overall.n // => 483 (answers with an NPS)
 * @see comparePeriods
 */
export function surveyReport(records: readonly Row[], options: SurveyReportOptions = {}): SurveyReport {
  const fields: SurveyReportFields = { at: "at", nps: "nps", csat: "csat", ces: "ces", ...options.fields };
  const by = options.by ?? ["channel"];
  if (!Array.isArray(by) || by.some((f) => typeof f !== "string" || f === "")) {
    throw new InvalidOptionError("surveyReport", "by", `is ${JSON.stringify(by)}, expected an array of field names`);
  }
  const period = options.period ?? "month";
  const timeZone = checkTimeZone("surveyReport", "timeZone", options.timeZone ?? "UTC");
  const level = checkLevel("surveyReport", options.level);
  const onInvalid = options.onInvalid === undefined ? "count" : checkOnInvalid("surveyReport", options.onInvalid);
  const at = (r: Row): unknown => r[fields.at];
  const periodSpec = { at, unit: period, timeZone };

  const metric = <S extends AggregatorState, Out extends ComparableResult>(make: () => Aggregator<Row, S, Out>): MetricReport<Out> => {
    const agg = make();
    let state = agg.empty();
    for (let i = 0; i < records.length; i++) state = agg.add(state, records[i]!, i);
    const bySegment: Record<string, ComparedBreakdown<Out>> = {};
    for (const field of by) {
      const grid = breakdown(make(), records, { by: { [field]: (r: Row) => r[field] }, period: periodSpec, complete: true, onInvalid });
      bySegment[field] = comparePeriods(grid, { level });
    }
    return {
      overall: agg.result(state),
      byPeriod: comparePeriods(breakdown(make(), records, { period: periodSpec, onInvalid }), { level }),
      bySegment,
    };
  };
  const reader = (field: string) => ({ level, onInvalid, value: (r: Row): unknown => r[field] });

  let first = Infinity;
  let last = -Infinity;
  for (const r of records) {
    const t = parseInstant(at(r), timeZone); // null when missing or unreadable: the breakdowns report those
    if (t === null) continue;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return {
    records: records.length,
    from: Number.isFinite(first) ? new Date(first).toISOString() : null,
    to: Number.isFinite(last) ? new Date(last).toISOString() : null,
    by: [...by],
    period,
    timeZone,
    level,
    fields,
    nps: metric(() => npsAggregator(reader(fields.nps))),
    csat: metric(() => csatAggregator(reader(fields.csat))),
    ces: metric(() => cesAggregator(reader(fields.ces))),
  };
}

