import { TZDate } from "@date-fns/tz";
import type { Aggregator } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError } from "../errors.ts";
import { emptyInvalidLog, invalidSummary, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectArray, expectCount, expectFinite, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { isInstant } from "../time/instantRange.ts";
import { checkPeriodSpec, periodOf, PeriodIndexer, type Period, type PeriodSpec, type PeriodUnit, type WeekStartsOn } from "../time/periodIndexer.ts";
import { addSubscriptionRecord, checkInstantOption, foldSubscriptions, subscriptionReader, type Subscription, type SubscriptionAccessors, mergeCommonCounts, readCommonCounts } from "./subscriptionRecord.ts";

/** Options of {@link cohortRetention} and {@link cohortCountsAggregator}. */
export interface CohortRetentionOptions<R> extends SubscriptionAccessors<R> {
  /** Cohort and age unit: customers who started in the same period form a cohort. Default "month". */
  period?: PeriodUnit;
  /** For `period: "week"`: 0 Sunday .. 6 Saturday, default 1. */
  weekStartsOn?: WeekStartsOn;
  /** The observation time: ends after it are not known yet, and later periods are censored. Required. */
  asOf: unknown;
}

/** What shapes a cohort-counts state. */
export interface CohortCountsStateOptions {
  period: PeriodSpec;
  asOf: number;
}

/** The state of {@link cohortCountsAggregator}. */
export interface CohortCountsState {
  v: 1;
  kind: "cohort-counts";
  options: CohortCountsStateOptions;
  /**
   * By cohort label: the cohort period's start, and `lastAge[k]` = subscriptions whose last period-start they were
   * active at is age k (so retained at age k = sum of lastAge[j] for j >= k).
   */
  cohorts: Record<string, { start: number; lastAge: number[] }>;
  n: number;
  records: number;
  missing: number;
  invalid: InvalidLog;
}

/** One cell of the retention matrix. */
export interface CohortCell {
  /** Periods since the cohort's period (0 = the cohort's own period: everyone). */
  age: number;
  /** Subscriptions of the cohort still active at the start of period `age`; null when censored. */
  retained: number | null;
  /** retained / cohort size; null when censored. */
  rate: number | null;
  /** The period starts after `asOf`: not observed yet (not a zero). */
  censored: boolean;
}

/** The result of {@link cohortRetention}. */
export interface CohortRetentionResult {
  metric: "cohort-retention";
  period: PeriodUnit;
  timeZone: string;
  asOf: string;
  /** Cohorts by start, each with cells for ages 0..maxAge (a rectangular matrix; younger cohorts end in censored cells). */
  cohorts: { cohort: string; start: string; size: number; cells: CohortCell[] }[];
  maxAge: number;
  n: number;
  missing: number;
  invalid: InvalidSummary;
}

const KIND = "cohort-counts";
const DAY = 86_400_000;

/** The aggregator form of {@link cohortRetention}, plus the path for subscriptions already read. */
export interface CohortCountsAggregator<R> extends Aggregator<R, CohortCountsState, CohortRetentionResult> {
  /** Adds one subscription already read (and checked) to the state; `index` names it in invalid-record reports. */
  addSubscription(state: CohortCountsState, sub: Subscription, index: number): CohortCountsState;
}

/**
 * The streaming form of {@link cohortRetention}: per cohort, a histogram of the last age each subscription was
 * active at. O(1) per record (periods are cached), O(cohorts x ages) memory; merges add histograms.
 *
 * @example
 * const agg = cohortCountsAggregator({ asOf: "2024-04-15" });
 * agg.result(agg.add(agg.empty(), { customerId: 1, start: "2024-01-10", end: "2024-02-20" })).cohorts[0].cells.map((c) => c.retained)
 * // => [1, 1, 0, 0]
 * @see cohortRetention
 */
export function cohortCountsAggregator<R>(options: CohortRetentionOptions<R>): CohortCountsAggregator<R> {
  const reader = subscriptionReader(KIND, options);
  const { timeZone, onInvalid } = reader;
  const unit = options.period ?? "month";
  const spec = checkPeriodSpec(KIND, options.weekStartsOn === undefined ? { unit, timeZone } : { unit, timeZone, weekStartsOn: options.weekStartsOn });
  const asOf = checkInstantOption(KIND, "asOf", options.asOf, timeZone);
  const stateOptions: CohortCountsStateOptions = { period: spec, asOf };
  const copyOptions = (): CohortCountsStateOptions => ({ period: { ...spec }, asOf });
  const indexer = new PeriodIndexer(spec);
  const ordinals: number[] = [];
  const ordinalOfSlot = (slot: number): number => ordinals[slot] ?? (ordinals[slot] = periodOrdinal(indexer.periods[slot]!, spec));
  const asOfOrdinal = periodOrdinal(periodOf(asOf, spec), spec);

  const empty = (): CohortCountsState => ({ v: 1, kind: KIND, options: copyOptions(), cohorts: {}, n: 0, records: 0, missing: 0, invalid: emptyInvalidLog() });

  const addSubscription = (state: CohortCountsState, sub: Subscription, index: number): CohortCountsState => {
    const s = sub.start;
    if (s > asOf) {
      rejectRecord(state.invalid, onInvalid, KIND, { index, field: "start", value: new Date(s).toISOString(), reason: `is after asOf (${new Date(asOf).toISOString()}); expected subscriptions started by then` });
      return state;
    }
    state.n += 1;
    const e = sub.end !== null && sub.end <= asOf ? sub.end : asOf;
    const cs = indexer.slotOf(s);
    const age = ordinalOfSlot(indexer.slotOf(e)) - ordinalOfSlot(cs);
    const p = indexer.periods[cs]!;
    let c = Object.prototype.hasOwnProperty.call(state.cohorts, p.label) ? state.cohorts[p.label] : undefined;
    if (c === undefined) state.cohorts[p.label] = c = { start: p.start, lastAge: [] };
    while (c.lastAge.length <= age) c.lastAge.push(0);
    c.lastAge[age]! += 1;
    return state;
  };

  return {
    kind: KIND,
    empty,
    addSubscription,
    add: addSubscriptionRecord(reader, addSubscription),
    merge(a: CohortCountsState, b: CohortCountsState): CohortCountsState {
      if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
      const out = empty();
      for (const src of [a, b]) {
        for (const [label, c] of Object.entries(src.cohorts)) {
          const have = out.cohorts[label];
          if (have === undefined) {
            out.cohorts[label] = { start: c.start, lastAge: [...c.lastAge] };
            continue;
          }
          c.lastAge.forEach((x, k) => (have.lastAge[k] = (have.lastAge[k] ?? 0) + x));
        }
      }
      return mergeCommonCounts(out, a, b);
    },
    result(state: CohortCountsState): CohortRetentionResult {
      const list = Object.entries(state.cohorts).sort((x, y) => x[1].start - y[1].start);
      const observable = list.map(([, c]) => asOfOrdinal - periodOrdinal(periodOf(c.start, spec), spec));
      const maxAge = observable.reduce((m, k) => Math.max(m, k), 0);
      const cohorts = list.map(([label, c], i) => {
        const size = c.lastAge.reduce((x, y) => x + y, 0);
        const cells: CohortCell[] = [];
        let retained = size;
        for (let age = 0; age <= maxAge; age++) {
          if (age > observable[i]!) {
            cells.push({ age, retained: null, rate: null, censored: true });
            continue;
          }
          cells.push({ age, retained, rate: size > 0 ? retained / size : null, censored: false });
          retained -= c.lastAge[age] ?? 0;
        }
        return { cohort: label, start: new Date(c.start).toISOString(), size, cells };
      });
      return { metric: "cohort-retention", period: spec.unit, timeZone, asOf: new Date(asOf).toISOString(), cohorts, maxAge, n: state.n, missing: state.missing, invalid: invalidSummary(state.invalid, onInvalid) };
    },
    fromJSON(json: unknown): CohortCountsState {
      const o = expectHeader(KIND, json);
      const opts = expectObject(KIND, "options", o["options"]);
      if (!sameJson(opts, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
      const raw = expectObject(KIND, "cohorts", o["cohorts"]);
      const cohorts: Record<string, { start: number; lastAge: number[] }> = {};
      for (const [label, v] of Object.entries(raw)) {
        const at = `cohorts[${label}]`;
        const c = expectObject(KIND, at, v);
        const start = expectFinite(KIND, `${at}.start`, c["start"]);
        const p = isInstant(start) && start <= asOf ? periodOf(start, spec) : null;
        if (p === null || p.start !== start || p.label !== label) fail(KIND, `${at}.start`, `is ${JSON.stringify(start)}, not the start of period ${label} by asOf`);
        const lastAge = expectArray(KIND, `${at}.lastAge`, c["lastAge"]).map((x, k) => expectCount(KIND, `${at}.lastAge[${k}]`, x));
        if (lastAge.length === 0 || lastAge.length > asOfOrdinal - periodOrdinal(p, spec) + 1) fail(KIND, `${at}.lastAge`, `has ${lastAge.length} ages, more than observable by asOf or none`);
        Object.defineProperty(cohorts, label, { value: { start, lastAge }, enumerable: true, writable: true, configurable: true });
      }
      return {
        v: 1,
        kind: KIND,
        options: copyOptions(),
        cohorts,
        ...readCommonCounts(KIND, o),
      };
    },
  };
}

/**
 * Cohort retention matrix: subscriptions grouped by the period they started in (the cohort) x periods since then,
 * with counts and rates; cells not observed by `asOf` are censored (null, `censored: true`), never 0.
 *
 *   retained(c, k) = subscriptions of cohort c not ended before the start of period c + k  (ends after asOf unknown)
 *   rate(c, k)     = retained(c, k) / size(c);  age 0 = the whole cohort
 *   censored(c, k) = period c + k starts after asOf
 *
 * Periods in the IANA `timeZone` (DESIGN 5). A start after `asOf` is invalid, as are overlapping subscriptions of one
 * customer; back-to-back spans of one customer (end === next start) are joined into one lifetime first, so a plan
 * change is not a drop (the streaming {@link cohortCountsAggregator} needs one record per lifetime). Empty input: no cohorts. O(n log n) time (overlap check), O(cohorts x ages) for the counts.
 *
 * @param subscriptions records read through the accessors
 * @param options period (default "month"), timeZone, asOf, onInvalid
 * @returns cohorts with cells { age, retained, rate, censored }
 * @example
 * cohortRetention([{ customerId: 1, start: "2024-01-10", end: "2024-02-20" }, { customerId: 2, start: "2024-03-05" }], { asOf: "2024-03-31" })
 *   .cohorts.map((c) => c.cells.map((x) => x.retained)) // => [[1, 1, 0], [1, null, null]]
 * @see Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1) (survivors by cohort)
 */
export function cohortRetention<R>(subscriptions: Iterable<R>, options: CohortRetentionOptions<R>): CohortRetentionResult {
  const agg = cohortCountsAggregator<R>(options);
  return agg.result(foldSubscriptions("cohortRetention", subscriptions, options, agg.empty(), agg.addSubscription));
}

/** A period's position on its unit's scale (months since year 0, days since 1970, ...), from its start's wall date. */
function periodOrdinal(p: Period, spec: PeriodSpec): number {
  const d = new TZDate(p.start, spec.timeZone);
  const months = d.getFullYear() * 12 + d.getMonth();
  switch (spec.unit) {
    case "month":
      return months;
    case "quarter":
      return months / 3;
    case "year":
      return d.getFullYear();
    default: {
      const days = Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY);
      return spec.unit === "day" ? days : Math.round(days / 7);
    }
  }
}
