import type { Aggregator } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError } from "../errors.ts";
import { checkLevel } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectCount, expectHeader, expectList, expectObject, fail } from "../_lib/stateChecks.ts";
import { twoProportionTest, type TwoProportionTest } from "../stats/twoProportionTest.ts";
import { wilsonInterval, type ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { addSubscriptionRecord, checkRange, foldSubscriptions, subscriptionReader, type Subscription, type SubscriptionAccessors, mergeCommonCounts, readCommonCounts } from "./subscriptionRecord.ts";

/** Options of {@link churnByReason} and {@link churnByReasonAggregator}. */
export interface ChurnByReasonOptions<R> extends SubscriptionAccessors<R> {
  /** The period [from, to): every subscription that ended in it is counted under its reason. */
  from: unknown;
  to: unknown;
  /** A second period to compare the reasons' shares with (e.g. the month before). */
  previous?: { from: unknown; to: unknown };
  /** Confidence level of the Wilson intervals and of the comparison. Default 0.95. */
  level?: number;
}

/** The options a churn-reasons state is built with. */
export interface ChurnByReasonStateOptions {
  from: number;
  to: number;
  previous: { from: number; to: number } | null;
  timeZone: string;
}

/** The state of {@link churnByReasonAggregator}: per reason, churn counts [in the period, in the previous period]. */
export interface ChurnByReasonState {
  v: 1;
  kind: "churn-reasons";
  options: ChurnByReasonStateOptions;
  /** Counts by reason text. */
  reasons: Record<string, [number, number]>;
  /** Counts of churns without a reason. */
  unknown: [number, number];
  n: number;
  records: number;
  missing: number;
  invalid: InvalidLog;
}

/** One reason of a {@link ChurnByReasonResult}. */
export interface ChurnReasonRow {
  /** The reason; null for churns without one. */
  reason: string | null;
  churned: number;
  /** churned / all churned in the period, a fraction; null when none churned. */
  share: number | null;
  ci: ConfidenceInterval | null;
  /** The same in the previous period, when one was given. */
  previous: { churned: number; share: number | null } | null;
  /** share - previous share, with a two-proportion z-test; null without a previous period or when either has no churn. */
  change: TwoProportionTest | null;
}

/** The result of {@link churnByReason}. */
export interface ChurnByReasonResult {
  metric: "churn-by-reason";
  from: string;
  to: string;
  /** All churns in the period. */
  churned: number;
  /** Reasons by churn count (most first), then by name; a reason seen only in the previous period has churned 0. */
  rows: ChurnReasonRow[];
  previous: { from: string; to: string; churned: number } | null;
  n: number;
  missing: number;
  invalid: InvalidSummary;
}

const KIND = "churn-reasons";

/** The aggregator form of {@link churnByReason}, plus the path for subscriptions already read. */
export interface ChurnByReasonAggregator<R> extends Aggregator<R, ChurnByReasonState, ChurnByReasonResult> {
  /** Adds one subscription already read (and checked) to the state: the fast path of the one-shot function. */
  addSubscription(state: ChurnByReasonState, sub: Subscription): ChurnByReasonState;
}

/**
 * The streaming form of {@link churnByReason}: counts per reason of the churns in [from, to) (and in `previous`).
 * O(1) per record, O(reasons) memory.
 *
 * @example
 * const agg = churnByReasonAggregator({ from: "2024-01-01", to: "2024-02-01" });
 * agg.result(agg.add(agg.empty(), { customerId: 1, start: "2023-01-01", end: "2024-01-05", reason: "price" })).rows[0].reason // => "price"
 * @see churnByReason
 */
export function churnByReasonAggregator<R>(options: ChurnByReasonOptions<R>): ChurnByReasonAggregator<R> {
  const reader = subscriptionReader(KIND, options);
  const { timeZone, onInvalid } = reader;
  const level = checkLevel(KIND, options.level);
  const { from, to } = checkRange(KIND, ["from", "to"], options.from, options.to, timeZone);
  const previous = options.previous ? checkRange(KIND, ["previous.from", "previous.to"], options.previous.from, options.previous.to, timeZone) : null;
  const stateOptions: ChurnByReasonStateOptions = { from, to, previous, timeZone };
  const copyOptions = (): ChurnByReasonStateOptions => ({ from, to, previous: previous && { ...previous }, timeZone });

  const empty = (): ChurnByReasonState => ({ v: 1, kind: KIND, options: copyOptions(), reasons: {}, unknown: [0, 0], n: 0, records: 0, missing: 0, invalid: emptyInvalidLog() });

  const counts = (state: ChurnByReasonState, reason: string | null): [number, number] => {
    if (reason === null) return state.unknown;
    let c = Object.prototype.hasOwnProperty.call(state.reasons, reason) ? state.reasons[reason] : undefined;
    if (c === undefined) {
      c = [0, 0];
      // defineProperty: a reason named __proto__ stays data
      Object.defineProperty(state.reasons, reason, { value: c, enumerable: true, writable: true, configurable: true });
    }
    return c;
  };

  const addSubscription = (state: ChurnByReasonState, sub: Subscription): ChurnByReasonState => {
    state.n += 1;
    const e = sub.end;
    if (e === null) return state;
    if (e >= from && e < to) counts(state, sub.reason)[0] += 1;
    if (previous && e >= previous.from && e < previous.to) counts(state, sub.reason)[1] += 1;
    return state;
  };

  return {
    kind: KIND,
    empty,
    addSubscription,
    add: addSubscriptionRecord(reader, addSubscription),
    merge(a: ChurnByReasonState, b: ChurnByReasonState): ChurnByReasonState {
      if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
      const out = empty();
      for (const src of [a, b]) {
        for (const [reason, [x, y]] of Object.entries(src.reasons)) {
          const c = counts(out, reason);
          c[0] += x;
          c[1] += y;
        }
      }
      out.unknown = [a.unknown[0] + b.unknown[0], a.unknown[1] + b.unknown[1]];
      return mergeCommonCounts(out, a, b);
    },
    result(state: ChurnByReasonState): ChurnByReasonResult {
      const entries: [string | null, [number, number]][] = Object.entries(state.reasons);
      if (state.unknown[0] > 0 || state.unknown[1] > 0) entries.push([null, state.unknown]);
      let total = 0;
      let totalPrevious = 0;
      for (const [, [x, y]] of entries) {
        total += x;
        totalPrevious += y;
      }
      const rows = entries
        .filter(([, [x, y]]) => x > 0 || y > 0)
        .map(([reason, [x, y]]): ChurnReasonRow => ({
          reason,
          churned: x,
          share: total > 0 ? x / total : null,
          ci: wilsonInterval(x, total, level),
          previous: previous ? { churned: y, share: totalPrevious > 0 ? y / totalPrevious : null } : null,
          change: previous && total > 0 && totalPrevious > 0 ? twoProportionTest(x, total, y, totalPrevious, level) : null,
        }))
        .sort((p, q) => q.churned - p.churned || (q.previous?.churned ?? 0) - (p.previous?.churned ?? 0) || compareReasons(p.reason, q.reason));
      return {
        metric: "churn-by-reason",
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        churned: total,
        rows,
        previous: previous && { from: new Date(previous.from).toISOString(), to: new Date(previous.to).toISOString(), churned: totalPrevious },
        n: state.n,
        missing: state.missing,
        invalid: invalidSummary(state.invalid, onInvalid),
      };
    },
    fromJSON(json: unknown): ChurnByReasonState {
      const o = expectHeader(KIND, json);
      const opts = expectObject(KIND, "options", o["options"]);
      if (!sameJson(opts, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
      const pair = (kind: string, f: string, v: unknown): [number, number] => {
        const [x, y] = expectList(kind, f, v, 2, expectCount);
        if (previous === null && y !== 0) fail(kind, f, "counts churns in a previous period, but this aggregator has none");
        return [x!, y!];
      };
      const raw = expectObject(KIND, "reasons", o["reasons"]);
      const reasons: Record<string, [number, number]> = {};
      for (const [reason, v] of Object.entries(raw)) {
        Object.defineProperty(reasons, reason, { value: pair(KIND, `reasons[${JSON.stringify(reason)}]`, v), enumerable: true, writable: true, configurable: true });
      }
      return {
        v: 1,
        kind: KIND,
        options: copyOptions(),
        reasons,
        unknown: pair(KIND, "unknown", o["unknown"]),
        ...readCommonCounts(KIND, o),
      };
    },
  };
}

/**
 * Why customers left: the churns of [from, to) counted per cancellation reason, with each reason's share of all
 * churns and its Wilson interval; optionally compared with a previous period (two-proportion z-test per reason).
 *
 *   share(reason) = churned with that reason / all churned in [from, to)     (every churn in the period, DESIGN 6.7)
 *   change = share - previous share, z = pooled two-proportion statistic
 *
 * A churn without a reason (null, undefined, NaN, "") is its own row, keyed `null`, never dropped. Overlapping
 * subscriptions of one customer are invalid and back-to-back spans (end === next start) are one lifetime whose churn
 * carries the last span's reason, as in churnRate. Empty input: no rows, churned 0. O(n log n).
 *
 * @param subscriptions records read through the accessors (reason default `r.reason`)
 * @param options from, to, previous, level, timeZone, onInvalid
 * @returns rows `{ reason, churned, share, ci, previous, change }`, totals
 * @example
 * churnByReason([
 *   { customerId: 1, start: "2023-01-01", end: "2024-01-05", reason: "price" },
 *   { customerId: 2, start: "2023-01-01", end: "2024-01-09" },
 * ], { from: "2024-01-01", to: "2024-02-01" }).rows.map((r) => [r.reason, r.share]) // => [[null, 0.5], ["price", 0.5]]
 * @see Agresti (2013), Categorical Data Analysis, 3rd ed., 3.1 (two-proportion test); Wilson (1927), JASA 22(158)
 */
export function churnByReason<R>(subscriptions: Iterable<R>, options: ChurnByReasonOptions<R>): ChurnByReasonResult {
  const agg = churnByReasonAggregator<R>(options);
  return agg.result(foldSubscriptions("churnByReason", subscriptions, options, agg.empty(), agg.addSubscription));
}

function compareReasons(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
