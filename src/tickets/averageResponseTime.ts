import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError } from "../errors.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectCount, expectFinite, expectHeader, expectList, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, mergeCompensated, type CompensatedSum } from "../stats/neumaierSum.ts";
import { durationSketch, type DurationSketchState } from "./durationSketch.ts";
import { isRejection, ticketReader, type TicketAccessors } from "./readTicket.ts";
import { elapsedOf, replyIntervalsOf, type CalendarLike } from "./ticketEvents.ts";
import { calendarSpecOf, checkAsOf, checkCalendar, checkPercentiles, checkUnit, type DurationUnit } from "./ticketOptions.ts";

/** Options of {@link averageResponseTime} and {@link averageResponseTimeAggregator}. */
export interface AverageResponseTimeOptions<R> extends TicketAccessors<R> {
  /** "all" (default): every answered customer turn, the first reply included; "next": next replies only. */
  include?: "all" | "next";
  /** Measure in business time on this calendar (`businessCalendar(spec)`). Default: calendar time. */
  calendar?: CalendarLike;
  /** Only messages up to this instant count. */
  asOf?: unknown;
  /** Unit of the presented figures. Default "ms". */
  unit?: DurationUnit;
  /** Percentiles to present, 0..100. Default [50, 90, 95]. */
  percentiles?: readonly number[];
  /** Relative accuracy of the quantile sketch. Default 0.01. */
  relativeAccuracy?: number;
  /** Response times kept exactly up to this many. Default: the sketch's. */
  exactLimit?: number;
  onInvalid?: OnInvalid;
}

/** The aggregator state of {@link averageResponseTimeAggregator}: plain JSON. */
export interface AverageResponseTimeState {
  v: 1;
  kind: "average-response-time";
  options: { include: "all" | "next"; basis: "calendar" | "business"; calendar: unknown; asOf: number | null; relativeAccuracy: number; exactLimit: number };
  records: number;
  /** Tickets with a timeline. */
  tickets: number;
  /** Tickets with a customer message unanswered at `asOf`. */
  waiting: number;
  /** Tickets without a creation time or a timeline. */
  missing: number;
  sum: CompensatedSum;
  sketch: DurationSketchState;
  invalid: InvalidLog;
}

/** The result of {@link averageResponseTime}: figures in `unit`, medians first. */
export interface AverageResponseTimeResult {
  metric: "average-response-time";
  median: number | null;
  percentiles: Record<string, number | null>;
  /** Sum of response times / responses (every agent reply weighs the same). */
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Response times measured. */
  responses: number;
  tickets: number;
  waiting: number;
  missing: number;
  include: "all" | "next";
  basis: "calendar" | "business";
  unit: DurationUnit;
  exact: boolean;
  relativeError: number;
  invalid: InvalidSummary;
}

const KIND = "average-response-time";

/**
 * The streaming form of {@link averageResponseTime}.
 *
 * @example
 * const agg = averageResponseTimeAggregator({ unit: "minutes" });
 * agg.result(agg.add(agg.empty(), { createdAt: 0, messages: [{ at: 0, author: "customer" }, { at: 600000, author: "agent" }] })).mean // => 10
 * @see averageResponseTime
 */
export function averageResponseTimeAggregator<R>(options: AverageResponseTimeOptions<R> = {}): Aggregator<R, AverageResponseTimeState, AverageResponseTimeResult> {
  const reader = ticketReader(KIND, options);
  const include = options.include ?? "all";
  if (include !== "all" && include !== "next") throw new InvalidOptionError(KIND, "include", `is ${JSON.stringify(include)}, expected "all" or "next"`);
  const calendar = checkCalendar(KIND, options.calendar);
  const asOf = checkAsOf(KIND, options.asOf, reader.timeZone);
  const { unit, ms: unitMs } = checkUnit(KIND, options.unit);
  const percentiles = checkPercentiles(KIND, options.percentiles);
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const sketchAgg = durationSketch({
    ...(options.relativeAccuracy === undefined ? {} : { relativeAccuracy: options.relativeAccuracy }),
    ...(options.exactLimit === undefined ? {} : { exactLimit: options.exactLimit }),
  });
    const stateOptions: AverageResponseTimeState["options"] = {
    include,
    basis: calendar === null ? "calendar" : "business",
    calendar: calendarSpecOf(calendar),
    asOf,
    relativeAccuracy: sketchAgg.relativeAccuracy,
    exactLimit: sketchAgg.exactLimit,
  };
  const elapsed = elapsedOf(calendar);
  return {
    kind: KIND,
    empty: (): AverageResponseTimeState => ({ v: 1, kind: KIND, options: structuredClone(stateOptions), records: 0, tickets: 0, waiting: 0, missing: 0, sum: [0, 0], sketch: sketchAgg.empty(), invalid: emptyInvalidLog() }),
    add(state: AverageResponseTimeState, record: R, index?: number): AverageResponseTimeState {
      const at = index ?? state.records;
      state.records += 1;
      const t = reader.read(record);
      if (isRejection(t)) {
        rejectRecord(state.invalid, onInvalid, KIND, { index: at, ...t });
        return state;
      }
      if (t.createdAt === null || t.messages === null) {
        state.missing += 1;
        return state;
      }
      state.tickets += 1;
      const r = replyIntervalsOf(t.messages, asOf);
      if (r.waitingSince !== null) state.waiting += 1;
      for (let i = include === "next" ? 1 : 0; i < r.intervals.length; i++) {
        const d = elapsed(r.intervals[i]![0], r.intervals[i]![1]);
        addCompensated(state.sum, d);
        state.sketch = sketchAgg.add(state.sketch, d);
      }
      return state;
    },
    merge(a: AverageResponseTimeState, b: AverageResponseTimeState): AverageResponseTimeState {
      if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
      return {
        v: 1,
        kind: KIND,
        options: structuredClone(a.options),
        records: a.records + b.records,
        tickets: a.tickets + b.tickets,
        waiting: a.waiting + b.waiting,
        missing: a.missing + b.missing,
        sum: mergeCompensated(a.sum, b.sum),
        sketch: sketchAgg.merge(a.sketch, b.sketch),
        invalid: mergeInvalidLogs(a.invalid, b.invalid),
      };
    },
    result(state: AverageResponseTimeState): AverageResponseTimeResult {
      const n = state.sketch.count;
      const qs = sketchAgg.quantiles(state.sketch, [0.5, ...percentiles.map((p) => p / 100)]);
      const inUnit = (x: number | null | undefined): number | null => (n === 0 || x === null || x === undefined ? null : x / unitMs);
      const pct: Record<string, number | null> = {};
      percentiles.forEach((p, i) => (pct[`p${p}`] = inUnit(qs[i + 1])));
      return {
        metric: KIND,
        median: inUnit(qs[0]),
        percentiles: pct,
        mean: n === 0 ? null : compensatedValue(state.sum) / n / unitMs,
        min: inUnit(state.sketch.min),
        max: inUnit(state.sketch.max),
        responses: n,
        tickets: state.tickets,
        waiting: state.waiting,
        missing: state.missing,
        include,
        basis: stateOptions.basis,
        unit,
        exact: n <= stateOptions.exactLimit,
        relativeError: n <= stateOptions.exactLimit ? 0 : stateOptions.relativeAccuracy,
        invalid: invalidSummary(state.invalid, onInvalid),
      };
    },
    fromJSON(json: unknown): AverageResponseTimeState {
      const o = expectHeader(KIND, json);
      const opts = expectObject(KIND, "options", o["options"]);
      if (!sameJson(opts, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
      const records = expectCount(KIND, "records", o["records"]);
      const tickets = expectCount(KIND, "tickets", o["tickets"]);
      const waiting = expectCount(KIND, "waiting", o["waiting"]);
      const missing = expectCount(KIND, "missing", o["missing"]);
      const sum = expectList(KIND, "sum", o["sum"], 2, expectFinite) as CompensatedSum;
      const sketch = sketchAgg.fromJSON(o["sketch"]);
      const invalid = readInvalidLog(KIND, o["invalid"]);
      if (waiting > tickets) fail(KIND, "waiting", `is ${waiting}, more than the ${tickets} tickets`);
      if (tickets + missing + invalid.count > records) fail(KIND, "records", `is ${records}, fewer than the tickets counted`);
      if (sketch.count === 0 ? compensatedValue(sum) !== 0 : !(compensatedValue(sum) >= 0)) fail(KIND, "sum", `is ${compensatedValue(sum)}, expected a sum of response times >= 0`);
      // the sketch sums the same response times (its own fromJSON has checked its sum against its values or buckets)
      const sketchSum = compensatedValue(sketch.sum) + compensatedValue(sketch.sumScaled) * 2 ** 500;
      if (!(Math.abs(compensatedValue(sum) - sketchSum) <= 1e-9 * sketchSum)) fail(KIND, "sum", `is ${compensatedValue(sum)}, but the ${sketch.count} response times in the sketch sum to ${sketchSum}`);
      return { v: 1, kind: KIND, options: structuredClone(stateOptions), records, tickets, waiting, missing, sum, sketch, invalid };
    },
  };
}

/**
 * Average response time over every agent reply of tickets with a message timeline, with the median first.
 *
 *   response_k = first public agent message after customer turn k - the oldest public customer message of turn k
 *   mean = sum of response_k / number of responses (pooled over tickets: each reply weighs the same)
 *
 * Bots and private notes are skipped. `include: "next"` leaves out each ticket's first reply (next reply time).
 * Tickets without a timeline are `missing`. O(messages) time; memory bounded by the sketch.
 *
 * @param tickets ticket records with `messages`
 * @param options see {@link AverageResponseTimeOptions}
 * @returns figures in `unit` and counts
 * @example
 * averageResponseTime([{ createdAt: 0, messages: [
 *   { at: 0, author: "customer" }, { at: 600000, author: "agent" }, { at: 900000, author: "customer" }, { at: 2700000, author: "agent" }] }],
 *   { unit: "minutes" }).mean // => 20
 * @see Intercom Help, "Responsiveness report" (response time at any point of a conversation, median by default)
 */
export function averageResponseTime<R>(tickets: Iterable<R>, options: AverageResponseTimeOptions<R> = {}): AverageResponseTimeResult {
  const agg = averageResponseTimeAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const t of tickets) state = agg.add(state, t, i++);
  return agg.result(state);
}
