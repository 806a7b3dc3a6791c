import type { Aggregator } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError } from "../errors.ts";
import { checkLevel } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectCount, expectFinite, expectHeader, expectList, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, mergeCompensated, type CompensatedSum } from "../stats/neumaierSum.ts";
import { wilsonInterval, type ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { poissonInterval } from "../stats/poissonInterval.ts";
import { checkPeriodSpec, periodOf, type Period, type PeriodSpec, type PeriodUnit, type WeekStartsOn } from "../time/periodIndexer.ts";
import { addSubscriptionRecord, checkRange, subscriptionReader, type Subscription, type SubscriptionAccessors, mergeCommonCounts, readCommonCounts } from "./subscriptionRecord.ts";

/** How a churn rate divides (DESIGN 6.7). */
export type ChurnMethod = "start" | "start-plus-new" | "customer-days";

const METHODS: readonly ChurnMethod[] = ["start", "start-plus-new", "customer-days"];
const DAY = 86_400_000;
/** At most this many periods in one series (ten years of days). */
export const MAX_CHURN_PERIODS = 3660;

/** Options of {@link churnCountsAggregator} (and of churnRate / churnRateSeries). */
export interface ChurnCountsOptions<R> extends SubscriptionAccessors<R> {
  /** Start of the period, inclusive (an instant, DESIGN 5). */
  from: unknown;
  /** End of the period, exclusive. */
  to: unknown;
  /**
   * Split [from, to) into calendar periods (in `timeZone`): one row per period that overlaps [from, to), each
   * period whole (a series from 2024-01-15 by month starts with all of 2024-01). Omit for one row for [from, to).
   */
  period?: { unit: PeriodUnit; weekStartsOn?: WeekStartsOn };
  /** `"start"` (default), `"start-plus-new"` or `"customer-days"`. */
  method?: ChurnMethod;
  /** Confidence level of the Wilson interval. Default 0.95. */
  level?: number;
}

/** What shapes a churn-counts state: the windows it counts in. */
export interface ChurnCountsStateOptions {
  from: number;
  to: number;
  timeZone: string;
  period: PeriodSpec | null;
}

/** The state of {@link churnCountsAggregator}: per window, counts and active milliseconds. */
export interface ChurnCountsState {
  v: 1;
  kind: "churn-counts";
  options: ChurnCountsStateOptions;
  /** Per window: subscriptions active at its start (started before, not ended before). */
  atStart: number[];
  /** Per window: subscriptions started in it. */
  new: number[];
  /** Per window: subscriptions ended in it (all of them). */
  churned: number[];
  /** Per window: ended in it among those active at its start. */
  churnedFromStart: number[];
  /** Per window: active milliseconds inside it, a compensated sum. */
  activeMs: CompensatedSum[];
  /** Valid subscriptions counted. */
  n: number;
  /** Records read (valid, missing or invalid), for error positions. */
  records: number;
  /** Records without a customer or a start. */
  missing: number;
  invalid: InvalidLog;
}

/** One period of a churn result. Rates are fractions 0..1 (customer-days: churn per 30 customer-days). */
export interface ChurnRateRow {
  /** The period's label (`2024-03`), or `from/to` as ISO instants without `period`. */
  period: string;
  from: string;
  to: string;
  method: ChurnMethod;
  /** The churn rate under `method`; null when its denominator is 0. */
  rate: number | null;
  /** Every subscription that ended in the period (also those that started in it). */
  churned: number;
  /** Ended in the period among those active at its start (the numerator of method "start"). */
  churnedFromStart: number;
  atStart: number;
  new: number;
  /** atStart + new - churned. */
  atEnd: number;
  /** Active customer-days inside the period (exact milliseconds / 86,400,000). */
  customerDays: number;
  /** Wilson interval for "start" and "start-plus-new", Poisson (Byar) for "customer-days"; null for a zero denominator. */
  ci: ConfidenceInterval | null;
}

/**
 * The result of {@link churnCountsAggregator}. Streamed or merged states cannot see overlapping duplicates of one
 * customer that arrive in different chunks (no per-customer state): they are counted twice, silently. The one-shot
 * churnRate / churnRateSeries reject them (InvalidRecordError, or counted in `invalid`).
 */
export interface ChurnCountsResult {
  method: ChurnMethod;
  rows: ChurnRateRow[];
  /** Valid subscriptions counted. */
  n: number;
  missing: number;
  invalid: InvalidSummary;
}

const KIND = "churn-counts";

/** The churn-counts aggregator, plus the path the one-shot functions use for subscriptions already read. */
export interface ChurnCountsAggregator<R> extends Aggregator<R, ChurnCountsState, ChurnCountsResult> {
  /** Count a subscription that was read and checked (used by the one-shot functions after the overlap check). */
  addSubscription(state: ChurnCountsState, sub: Subscription): ChurnCountsState;
}

/**
 * The streaming, mergeable counts behind every customer churn rate: for each period (or one window [from, to)),
 * the subscriptions active at its start, new in it, ended in it (all, and among those at start) and the active
 * customer-milliseconds inside it.
 *
 * A subscription touches many periods, so this is not a `breakdown` (which files each record under one period):
 * each record is added to every window it overlaps, O(windows touched) per record, O(windows) memory.
 * Conventions (DESIGN 6.7) over [from, to): new = started in it; churned = ended in it; at start = started before
 * `from` and not ended before `from`; at end = at start + new - churned.
 *
 *   start:          rate = churnedFromStart / atStart                       (Wilson interval)
 *   start-plus-new: rate = churned / (atStart + new)                        (Wilson interval)
 *   customer-days:  rate = churned / (sum of active ms / 86,400,000) * 30   (a monthly rate; Poisson interval,
 *                   Byar's approximation, for the churn count over the exposure)
 *
 * The streaming form keeps no per-customer state: its input must be one record per continuous customer lifetime.
 * It does not join back-to-back spans of one customer (end === next start; the one-shot functions churnRate and
 * churnRateSeries do), so a plan change written as two touching records counts here as a churn plus a new customer.
 * It also cannot see two overlapping subscriptions of one customer in different chunks; the one-shot functions
 * reject them before counting.
 *
 * @example
 * const agg = churnCountsAggregator({ from: "2024-01-01", to: "2024-02-01" });
 * agg.result(agg.add(agg.empty(), { customerId: 1, start: "2023-06-01", end: "2024-01-10" })).rows[0].rate // => 1
 * @see DESIGN.md 6.5 and 6.7
 */
export function churnCountsAggregator<R>(options: ChurnCountsOptions<R>): ChurnCountsAggregator<R> {
  const reader = subscriptionReader(KIND, options);
  const { timeZone, onInvalid } = reader;
  const { from, to } = checkRange(KIND, ["from", "to"], options.from, options.to, timeZone);
  const method = options.method ?? "start";
  if (!METHODS.includes(method)) throw new InvalidOptionError(KIND, "method", `is ${JSON.stringify(method)}, expected one of ${METHODS.map((m) => `"${m}"`).join(", ")}`);
  const level = checkLevel(KIND, options.level);
  const period = options.period ? checkPeriodSpec(KIND, { ...options.period, timeZone }) : null;
  const windows = churnWindows(KIND, from, to, period);
  const w = windows.length;
  const stateOptions: ChurnCountsStateOptions = { from, to, timeZone, period };
  const starts = windows.map((p) => p.start);

  const empty = (): ChurnCountsState => ({
    v: 1,
    kind: KIND,
    options: { ...stateOptions, period: period && { ...period } },
    atStart: new Array<number>(w).fill(0),
    new: new Array<number>(w).fill(0),
    churned: new Array<number>(w).fill(0),
    churnedFromStart: new Array<number>(w).fill(0),
    activeMs: windows.map((): CompensatedSum => [0, 0]),
    n: 0,
    records: 0,
    missing: 0,
    invalid: emptyInvalidLog(),
  });

  const addSubscription = (state: ChurnCountsState, sub: Subscription): ChurnCountsState => {
    state.n += 1;
    const s = sub.start;
    const e = sub.end;
    // first window that ends after the start
    let lo = 0;
    let hi = w;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (windows[mid]!.end <= s) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < w; i++) {
      const ws = starts[i]!;
      const we = windows[i]!.end;
      if (e !== null && e < ws) break;
      const endsInside = e !== null && e < we;
      if (s < ws) {
        state.atStart[i]! += 1;
        if (endsInside) {
          state.churned[i]! += 1;
          state.churnedFromStart[i]! += 1;
        }
      } else {
        state.new[i]! += 1;
        if (endsInside) state.churned[i]! += 1;
      }
      const active = (endsInside ? e : we) - (s > ws ? s : ws);
      if (active > 0) addCompensated(state.activeMs[i]!, active);
    }
    return state;
  };

  return {
    kind: KIND,
    empty,
    addSubscription,
    add: addSubscriptionRecord(reader, addSubscription),
    merge(a: ChurnCountsState, b: ChurnCountsState): ChurnCountsState {
      if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
      const out = empty();
      for (let i = 0; i < w; i++) {
        out.atStart[i] = a.atStart[i]! + b.atStart[i]!;
        out.new[i] = a.new[i]! + b.new[i]!;
        out.churned[i] = a.churned[i]! + b.churned[i]!;
        out.churnedFromStart[i] = a.churnedFromStart[i]! + b.churnedFromStart[i]!;
        out.activeMs[i] = mergeCompensated(a.activeMs[i]!, b.activeMs[i]!);
      }
      return mergeCommonCounts(out, a, b);
    },
    result(state: ChurnCountsState): ChurnCountsResult {
      const rows = windows.map((p, i): ChurnRateRow => {
        const atStart = state.atStart[i]!;
        const fresh = state.new[i]!;
        const churned = state.churned[i]!;
        const churnedFromStart = state.churnedFromStart[i]!;
        const customerDays = compensatedValue(state.activeMs[i]!) / DAY;
        let rate: number | null = null;
        let ci: ConfidenceInterval | null = null;
        if (method === "start") {
          rate = atStart > 0 ? churnedFromStart / atStart : null;
          ci = wilsonInterval(churnedFromStart, atStart, level);
        } else if (method === "start-plus-new") {
          rate = atStart + fresh > 0 ? churned / (atStart + fresh) : null;
          ci = wilsonInterval(churned, atStart + fresh, level);
        } else if (customerDays > 0) {
          rate = (churned / customerDays) * 30;
          const c = poissonInterval(churned, level);
          ci = { lower: (c.lower / customerDays) * 30, upper: (c.upper / customerDays) * 30, level, method: c.method };
        }
        return {
          period: p.label,
          from: new Date(p.start).toISOString(),
          to: new Date(p.end).toISOString(),
          method,
          rate,
          churned,
          churnedFromStart,
          atStart,
          new: fresh,
          atEnd: atStart + fresh - churned,
          customerDays,
          ci,
        };
      });
      return { method, rows, n: state.n, missing: state.missing, invalid: invalidSummary(state.invalid, onInvalid) };
    },
    fromJSON(json: unknown): ChurnCountsState {
      const o = expectHeader(KIND, json);
      const opts = expectObject(KIND, "options", o["options"]);
      if (!sameJson(opts, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
      const pair = (kind: string, f: string, v: unknown): CompensatedSum => {
        const [x, c] = expectList(kind, f, v, 2, expectFinite);
        return [x!, c!];
      };
      const state: ChurnCountsState = {
        v: 1,
        kind: KIND,
        options: { ...stateOptions, period: period && { ...period } },
        atStart: expectList(KIND, "atStart", o["atStart"], w, expectCount),
        new: expectList(KIND, "new", o["new"], w, expectCount),
        churned: expectList(KIND, "churned", o["churned"], w, expectCount),
        churnedFromStart: expectList(KIND, "churnedFromStart", o["churnedFromStart"], w, expectCount),
        activeMs: expectList(KIND, "activeMs", o["activeMs"], w, pair),
        ...readCommonCounts(KIND, o),
      };
      // Counts that no valid input can give (found in review): more churned from the start than were there, more
      // churned than ever active, negative active time.
      for (let i = 0; i < w; i++) {
        const atStart = state.atStart[i] as number;
        if ((state.churnedFromStart[i] as number) > atStart) fail(KIND, `churnedFromStart[${i}]`, `is ${state.churnedFromStart[i]}, more than atStart (${atStart})`);
        if ((state.churned[i] as number) > atStart + (state.new[i] as number)) fail(KIND, `churned[${i}]`, `is ${state.churned[i]}, more than atStart + new`);
        const [ms, c] = state.activeMs[i] as CompensatedSum;
        if (ms + c < 0) fail(KIND, `activeMs[${i}]`, `is ${ms + c}, expected active time >= 0`);
      }
      return state;
    },
  };
}

/** The windows of a churn count: [from, to) alone, or every calendar period that overlaps it. */
export function churnWindows(metric: string, from: number, to: number, period: PeriodSpec | null): Period[] {
  if (period === null) return [{ label: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`, start: from, end: to }];
  const out: Period[] = [];
  let p = periodOf(from, period);
  while (p.start < to) {
    out.push(p);
    if (out.length > MAX_CHURN_PERIODS) throw new InvalidOptionError(metric, "period", `splits [from, to) into more than ${MAX_CHURN_PERIODS} periods; choose a longer unit or a shorter range`);
    p = periodOf(p.end, period);
  }
  return out;
}
