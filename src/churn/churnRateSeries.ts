import type { PeriodUnit, WeekStartsOn } from "../time/periodIndexer.ts";
import { churnCountsAggregator, type ChurnCountsOptions, type ChurnCountsResult } from "./churnCounts.ts";
import { foldSubscriptions } from "./subscriptionRecord.ts";

/** Options of {@link churnRateSeries}: [from, to), the calendar unit of the rows, the method. */
export interface ChurnRateSeriesOptions<R> extends Omit<ChurnCountsOptions<R>, "period"> {
  /** Calendar unit of each row, computed in `timeZone`. */
  unit: PeriodUnit;
  /** For `unit: "week"`: 0 Sunday .. 6 Saturday, default 1. */
  weekStartsOn?: WeekStartsOn;
}

/**
 * Customer churn rate per calendar period (month, week, ...) over [from, to): one row per period that overlaps the
 * range, each computed as {@link churnRate} over that whole period, with the same method.
 *
 * A subscription is counted in every period it touches (at start of each period it was active at, new in the
 * period it started, churned in the period it ended), so the rows come from one pass: O(n log n + n x periods
 * touched) time, O(periods) memory for the counts. Back-to-back spans of one customer are joined into one lifetime
 * first, as in churnRate. The streaming form is {@link churnCountsAggregator} with
 * `period`.
 *
 * @param subscriptions records read through the accessors
 * @param options from, to, unit, weekStartsOn, method, level, timeZone, onInvalid
 * @returns `{ method, rows: [{ period: "2024-01", rate, churned, atStart, new, atEnd, customerDays, ci }], n, missing, invalid }`
 * @example
 * churnRateSeries([{ customerId: 1, start: "2023-12-01", end: "2024-02-10" }], { from: "2024-01-01", to: "2024-03-01", unit: "month" })
 *   .rows.map((r) => r.rate) // => [0, 1]
 * @see churnRate; DESIGN.md 6.7
 */
export function churnRateSeries<R>(subscriptions: Iterable<R>, options: ChurnRateSeriesOptions<R>): ChurnCountsResult {
  const { unit, weekStartsOn, ...rest } = options;
  const agg = churnCountsAggregator<R>({ ...rest, period: weekStartsOn === undefined ? { unit } : { unit, weekStartsOn } });
  return agg.result(foldSubscriptions("churnRateSeries", subscriptions, options, agg.empty(), agg.addSubscription));
}
