import type { InvalidSummary } from "../_lib/invalidLog.ts";
import { churnCountsAggregator, type ChurnCountsOptions, type ChurnRateRow } from "./churnCounts.ts";
import { foldSubscriptions } from "./subscriptionRecord.ts";

/** Options of {@link churnRate}: the period [from, to), the method, and how records are read. */
export type ChurnRateOptions<R> = Omit<ChurnCountsOptions<R>, "period">;

/** The result of {@link churnRate}: the counts and rate of [from, to), plus what was not counted. */
export interface ChurnRateResult extends ChurnRateRow {
  metric: "churn-rate";
  /** Valid subscriptions read. */
  n: number;
  /** Records without a customer id or a start. */
  missing: number;
  /** Invalid records (end before start, unreadable instants, overlapping duplicates): null unless counted. */
  invalid: InvalidSummary;
}

/**
 * Customer churn rate over [from, to) under a named method (DESIGN 6.5, 6.7).
 *
 *   new = started in [from, to); churned = ended in [from, to); atStart = started before from, not ended before from
 *   start (default):  rate = (churned among atStart) / atStart
 *   start-plus-new:   rate = churned / (atStart + new)
 *   customer-days:    rate = churned / (active ms inside [from, to) / 86,400,000) * 30     (per 30 customer-days)
 *   atEnd = atStart + new - churned; Wilson interval for the two proportions, Poisson (Byar) for customer-days.
 *
 * One record = one subscription span of a customer; a second subscription of the same customer that overlaps the
 * first is invalid (it would count the customer twice), as is an end before the start. Back-to-back spans of one
 * customer (end === next start, e.g. a plan change) are joined into one continuous lifetime first (no churn, no new
 * customer at the join; the lifetime ends with the last span's end and reason); `n` counts lifetimes. Spans with a gap
 * are a churn and a return. Missing customer or start: counted in `missing`. Empty input:
 * rate null. O(n log n) time (the overlap check), O(n) memory; {@link churnCountsAggregator} streams in O(1).
 *
 * @param subscriptions records read through the accessors (default fields customerId, start, end, reason)
 * @param options from, to, method ("start" | "start-plus-new" | "customer-days"), level, timeZone, onInvalid
 * @returns rate (fraction), churned, atStart, new, atEnd, customerDays, ci, method
 * @example
 * churnRate([
 *   { customerId: "a", start: "2023-01-01", end: "2024-01-20" },
 *   { customerId: "b", start: "2023-03-01" },
 *   { customerId: "c", start: "2024-01-05" },
 * ], { from: "2024-01-01", to: "2024-02-01" }).rate // => 0.5
 * @see ChartMogul, "Customer Churn Rate" (churned customers / customers at the start of the period)
 * @see Baremetrics, "User churn" (churned / users at the start); Stripe Billing analytics "Subscriber churn rate"
 */
export function churnRate<R>(subscriptions: Iterable<R>, options: ChurnRateOptions<R>): ChurnRateResult {
  const agg = churnCountsAggregator<R>(options);
  const state = foldSubscriptions("churnRate", subscriptions, options, agg.empty(), agg.addSubscription);
  const { rows, n, missing, invalid } = agg.result(state);
  return { metric: "churn-rate", ...rows[0]!, n, missing, invalid };
}
