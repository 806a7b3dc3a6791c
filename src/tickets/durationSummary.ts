/**
 * The shared machinery of the ticket duration metrics (time to resolution, first response time; internal to
 * src/tickets): each ticket is an event (a duration), a censored observation (still open at `asOf`, with its age)
 * or a counted outcome (missing, not yet created, ...). The state keeps a quantile sketch of the event durations
 * (exact up to its threshold), their compensated sum, a bucketed distribution, and event/censoring counts for a
 * Kaplan-Meier median that accounts for the open tickets.
 */
import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError } from "../errors.ts";
import { checkLevel, checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectCount, expectCounts, expectFinite, expectHeader, expectList, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, mergeCompensated, type CompensatedSum } from "../stats/neumaierSum.ts";
import { kaplanMeierTable } from "../stats/kaplanMeierTable.ts";
import { durationSketch, type DurationSketchState } from "./durationSketch.ts";
import { isRejection, ticketReader, type Ticket, type TicketAccessors } from "./readTicket.ts";
import { elapsedOf, type CalendarLike, type Elapsed } from "./ticketEvents.ts";
import { calendarSpecOf, checkAsOf, checkBuckets, checkCalendar, checkPercentiles, checkUnit, durationLabel, type DurationUnit } from "./ticketOptions.ts";
import { addSurvival, emptySurvival, mergeSurvival, readSurvival, survivalTable, survivalTotals, type SurvivalCounts } from "./survivalCounts.ts";

/** Options shared by the duration metrics. */
export interface DurationOptions<R> extends TicketAccessors<R> {
  /** Measure in business time on this calendar (`businessCalendar(spec)`). Default: calendar time. */
  calendar?: CalendarLike;
  /**
   * The instant the figures are taken at: a ticket resolved (or answered) after it is open at it, and open tickets
   * enter the Kaplan-Meier estimate as censored at their age then. Without it nothing is censored (`censored: null`).
   */
  asOf?: unknown;
  /** Unit of the presented figures: "ms" (default), "minutes", "hours" or "days". States always hold ms. */
  unit?: DurationUnit;
  /** Percentiles to present, 0..100. Default [50, 90, 95]. */
  percentiles?: readonly number[];
  /** Distribution edges in ms (k edges, k + 1 buckets). Default: 1 hour, 8 hours, 24 hours, 7 days. */
  buckets?: readonly number[];
  /** Confidence level of the Kaplan-Meier median interval. Default 0.95. */
  level?: number;
  /** Kaplan-Meier interval: "log" (default, as R survfit), "log-log" or "plain". */
  interval?: "log" | "log-log" | "plain";
  /** Relative accuracy of the quantile sketch and of the Kaplan-Meier buckets past the exact limit. Default 0.01. */
  relativeAccuracy?: number;
  /** Durations kept exactly (quantiles by R type 7, Kaplan-Meier on exact times) up to this many. Default 1024. */
  exactLimit?: number;
  /** `"throw"` (default) stops at the first invalid ticket; `"count"` counts it in `invalid` and goes on. */
  onInvalid?: OnInvalid;
}

/** The options a duration state is built with (compared on merge). */
export interface DurationStateOptions {
  basis: "calendar" | "business";
  /** The business calendar's spec, or null for calendar time. */
  calendar: unknown;
  /** `asOf` in epoch ms, or null. */
  asOf: number | null;
  buckets: number[];
  relativeAccuracy: number;
  exactLimit: number;
  /** Metric-specific options (e.g. `resolution: "full"`). */
  [key: string]: unknown;
}

/** The state of a duration metric: plain JSON. */
export interface DurationState<K extends string> {
  v: 1;
  kind: K;
  options: DurationStateOptions;
  /** Records added, valid or not (for error positions). */
  records: number;
  /** Tickets per outcome: `done` (a duration), `open`, `missing`, `notYetCreated`, and metric-specific ones. */
  counts: Record<string, number>;
  /** Compensated sum of the durations of `done` tickets, in ms. */
  sum: CompensatedSum;
  /** Quantile sketch of the durations of `done` tickets. */
  sketch: DurationSketchState;
  /** Done tickets per distribution bucket. */
  histogram: number[];
  /** Event (done) and censored (open, age at asOf) durations; empty without asOf. */
  survival: SurvivalCounts;
  invalid: InvalidLog;
}

/** One bucket of the distribution: bounds in the result's unit (`to` null for the last), count and share 0..100. */
export interface DurationBucket {
  label: string;
  from: number;
  to: number | null;
  count: number;
  share: number | null;
}

/** The Kaplan-Meier summary: median time with open tickets as censored observations. */
export interface CensoredSummary {
  /** First time S(t) <= 0.5 (R survfit); null when fewer than half are done by the longest observation. */
  median: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
  interval: "log" | "log-log" | "plain";
  events: number;
  censored: number;
  /** 0 while exact; past the exact limit times are bucket representatives within this relative error. */
  relativeError: number;
}

/** The figures every duration metric presents (in the result's unit). */
export interface DurationFigures {
  median: number | null;
  /** Keyed "p50", "p90", ...; null when nothing is done. */
  percentiles: Record<string, number | null>;
  /** Sum of durations / done tickets (help desks' average). */
  mean: number | null;
  min: number | null;
  max: number | null;
  distribution: DurationBucket[];
  censored: CensoredSummary | null;
  /** Whether percentiles are exact (R type 7) or from the sketch within `relativeError`. */
  exact: boolean;
  relativeError: number;
}

/** What a metric does with one ticket: set `kind` to "event" or "censored" with `duration`, or to a count name. */
export interface Observation {
  kind: string;
  duration: number;
}

/** A duration metric's definition. */
export interface DurationMetric {
  kind: string;
  /** Metric-specific state options. */
  extraOptions: Record<string, unknown>;
  /** Count names besides done, open, missing, notYetCreated. */
  extraCounts: readonly string[];
  /** Classify one valid ticket into `out`. */
  observe(t: Ticket, asOf: number | null, elapsed: Elapsed, out: Observation): void;
}

/** The checked options of a duration aggregator and its presentation. */
export interface DurationSetup<R> {
  aggregator: Aggregator<R, DurationState<string>, DurationState<string>>;
  figures(state: DurationState<string>): DurationFigures;
  unit: DurationUnit;
  onInvalid: OnInvalid;
}

const BASE_COUNTS = ["done", "open", "missing", "notYetCreated"] as const;

/** Build a duration aggregator whose `result` is its (copied) state; the metric file presents it. */
export function durationSetup<R>(metric: DurationMetric, options: DurationOptions<R>): DurationSetup<R> {
  const KIND = metric.kind;
  const reader = ticketReader(KIND, options);
  const calendar = checkCalendar(KIND, options.calendar);
  const asOf = checkAsOf(KIND, options.asOf, reader.timeZone);
  const { unit, ms: unitMs } = checkUnit(KIND, options.unit);
  const percentiles = checkPercentiles(KIND, options.percentiles);
  const edges = checkBuckets(KIND, options.buckets);
  const level = checkLevel(KIND, options.level);
  const interval = options.interval ?? "log";
  if (interval !== "log" && interval !== "log-log" && interval !== "plain") {
    throw new InvalidOptionError(KIND, "interval", `is ${JSON.stringify(interval)}, expected "log", "log-log" or "plain"`);
  }
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const sketchAgg = durationSketch({
    ...(options.relativeAccuracy === undefined ? {} : { relativeAccuracy: options.relativeAccuracy }),
    ...(options.exactLimit === undefined ? {} : { exactLimit: options.exactLimit }),
  });
  const { relativeAccuracy, exactLimit } = sketchAgg;
  const stateOptions: DurationStateOptions = {
    ...structuredClone(metric.extraOptions),
    basis: calendar === null ? "calendar" : "business",
    calendar: calendarSpecOf(calendar),
    asOf,
    buckets: edges,
    relativeAccuracy,
    exactLimit,
  };
  const countNames = [...BASE_COUNTS, ...metric.extraCounts];
  const elapsed = elapsedOf(calendar);
  const obs: Observation = { kind: "", duration: 0 };

  const empty = (): DurationState<string> => ({
    v: 1,
    kind: KIND,
    options: structuredClone(stateOptions),
    records: 0,
    counts: Object.fromEntries(countNames.map((c) => [c, 0])),
    sum: [0, 0],
    sketch: sketchAgg.empty(),
    histogram: new Array<number>(edges.length + 1).fill(0),
    survival: emptySurvival(),
    invalid: emptyInvalidLog(),
  });

  const add = (state: DurationState<string>, record: R, index?: number): DurationState<string> => {
    const at = index ?? state.records;
    state.records += 1;
    const t = reader.read(record);
    if (isRejection(t)) {
      rejectRecord(state.invalid, onInvalid, KIND, { index: at, ...t });
      return state;
    }
    if (t.createdAt === null) {
      state.counts["missing"]! += 1;
      return state;
    }
    if (asOf !== null && t.createdAt > asOf) {
      state.counts["notYetCreated"]! += 1;
      return state;
    }
    obs.kind = "missing";
    obs.duration = 0;
    metric.observe(t, asOf, elapsed, obs);
    const d = obs.duration;
    if (obs.kind === "event") {
      state.counts["done"]! += 1;
      addCompensated(state.sum, d);
      state.sketch = sketchAgg.add(state.sketch, d);
      state.histogram[bucketOf(edges, d)]! += 1;
      if (asOf !== null) addSurvival(state.survival, d, true, exactLimit, relativeAccuracy);
    } else if (obs.kind === "censored") {
      state.counts["open"]! += 1;
      if (asOf !== null) addSurvival(state.survival, d, false, exactLimit, relativeAccuracy);
    } else state.counts[obs.kind]! += 1;
    return state;
  };

  const merge = (a: DurationState<string>, b: DurationState<string>): DurationState<string> => {
    checkSameOptions(KIND, a, b);
    return {
      v: 1,
      kind: KIND,
      options: structuredClone(a.options),
      records: a.records + b.records,
      counts: Object.fromEntries(countNames.map((c) => [c, a.counts[c]! + b.counts[c]!])),
      sum: mergeCompensated(a.sum, b.sum),
      sketch: sketchAgg.merge(a.sketch, b.sketch),
      histogram: a.histogram.map((x, i) => x + b.histogram[i]!),
      survival: mergeSurvival(a.survival, b.survival, exactLimit, relativeAccuracy),
      invalid: mergeInvalidLogs(a.invalid, b.invalid),
    };
  };

  const fromJSON = (json: unknown): DurationState<string> => {
    const o = expectHeader(KIND, json);
    const opts = expectObject(KIND, "options", o["options"]);
    if (!sameJson(opts, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
    const records = expectCount(KIND, "records", o["records"]);
    const rawCounts = expectObject(KIND, "counts", o["counts"]);
    if (!sameJson(Object.keys(rawCounts).sort(), [...countNames].sort())) fail(KIND, "counts", `has keys ${JSON.stringify(Object.keys(rawCounts))}, expected ${JSON.stringify(countNames)}`);
    const counts = Object.fromEntries(countNames.map((c) => [c, expectCount(KIND, `counts.${c}`, rawCounts[c])]));
    const sum = expectList(KIND, "sum", o["sum"], 2, expectFinite) as CompensatedSum;
    const sketch = sketchAgg.fromJSON(o["sketch"]);
    const histogram = expectCounts(KIND, "histogram", o["histogram"], edges.length + 1);
    const survival = readSurvival(KIND, o["survival"], exactLimit);
    const invalid = readInvalidLog(KIND, o["invalid"]);
    const done = counts["done"]!;
    if (sketch.count !== done) fail(KIND, "sketch", `holds ${sketch.count} durations, expected counts.done = ${done}`);
    if (histogram.reduce((s, x) => s + x, 0) !== done) fail(KIND, "histogram", `sums to a count other than counts.done = ${done}`);
    const st = survivalTotals(survival);
    const expected = asOf === null ? { events: 0, censored: 0 } : { events: done, censored: counts["open"]! };
    if (st.events !== expected.events || st.censored !== expected.censored) {
      fail(KIND, "survival", `holds ${st.events} events and ${st.censored} censored, expected ${expected.events} and ${expected.censored}`);
    }
    if (done === 0 ? compensatedValue(sum) !== 0 : !(compensatedValue(sum) >= 0)) fail(KIND, "sum", `is ${compensatedValue(sum)}, expected a sum of ${done} durations >= 0`);
    // the sketch sums the same durations (its own fromJSON has checked its sum against its values or buckets)
    const sketchSum = compensatedValue(sketch.sum) + compensatedValue(sketch.sumScaled) * 2 ** 500;
    if (!(Math.abs(compensatedValue(sum) - sketchSum) <= 1e-9 * sketchSum)) fail(KIND, "sum", `is ${compensatedValue(sum)}, but the ${done} durations in the sketch sum to ${sketchSum}`);
    if (sketch.values !== null) {
      const fromValues = new Array<number>(edges.length + 1).fill(0);
      for (const d of sketch.values) fromValues[bucketOf(edges, d)]! += 1;
      if (!sameJson(fromValues, histogram)) fail(KIND, "histogram", `is ${JSON.stringify(histogram)}, but the durations kept fall in ${JSON.stringify(fromValues)}`);
    }
    const seen = countNames.reduce((s, c) => s + counts[c]!, 0) + invalid.count;
    if (seen > records) fail(KIND, "records", `is ${records}, fewer than the ${seen} tickets counted`);
    return { v: 1, kind: KIND, options: structuredClone(stateOptions), records, counts, sum, sketch, histogram, survival, invalid };
  };

  const figures = (state: DurationState<string>): DurationFigures => {
    const done = state.counts["done"]!;
    const qs = sketchAgg.quantiles(state.sketch, [0.5, ...percentiles.map((p) => p / 100)]);
    const inUnit = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : x / unitMs);
    const pct: Record<string, number | null> = {};
    percentiles.forEach((p, i) => (pct[`p${p}`] = done === 0 ? null : inUnit(qs[i + 1])));
    const exact = done <= exactLimit;
    const distribution = state.histogram.map((count, i): DurationBucket => {
      const from = i === 0 ? 0 : edges[i - 1]!;
      const to = i < edges.length ? edges[i]! : null;
      const label = i === 0 ? `<${durationLabel(to!)}` : to === null ? `>=${durationLabel(from)}` : `${durationLabel(from)}-${durationLabel(to)}`;
      return { label, from: from / unitMs, to: to === null ? null : to / unitMs, count, share: done === 0 ? null : (100 * count) / done };
    });
    let censored: CensoredSummary | null = null;
    const st = survivalTotals(state.survival);
    if (asOf !== null && st.events + st.censored > 0) {
      const km = kaplanMeierTable(survivalTable(state.survival, relativeAccuracy), { level, interval });
      censored = {
        median: inUnit(km.median),
        lower: inUnit(km.medianInterval.lower),
        upper: inUnit(km.medianInterval.upper),
        level,
        interval,
        events: st.events,
        censored: st.censored,
        relativeError: state.survival.buckets === null ? 0 : relativeAccuracy,
      };
    }
    return {
      median: done === 0 ? null : inUnit(qs[0]),
      percentiles: pct,
      mean: done === 0 ? null : compensatedValue(state.sum) / done / unitMs,
      min: done === 0 ? null : inUnit(state.sketch.min),
      max: done === 0 ? null : inUnit(state.sketch.max),
      distribution,
      censored,
      exact,
      relativeError: exact ? 0 : relativeAccuracy,
    };
  };

  return {
    aggregator: { kind: KIND, empty, add, merge, result: (s) => s, fromJSON },
    figures,
    unit,
    onInvalid,
  };
}

/** The distribution bucket of a duration: the number of edges at or below it. */
function bucketOf(edges: readonly number[], d: number): number {
  let b = 0;
  while (b < edges.length && d >= edges[b]!) b++;
  return b;
}

function checkSameOptions(kind: string, a: DurationState<string>, b: DurationState<string>): void {
  if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(kind, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
}

/** The invalid summary shown in results. */
export function invalidOf(state: DurationState<string>, onInvalid: OnInvalid): InvalidSummary {
  return invalidSummary(state.invalid, onInvalid);
}
