import type { Aggregator } from "../aggregate/aggregator.ts";
import { reopensOf, resolutionOf } from "./ticketEvents.ts";
import { runShare, shareAggregator, type TicketCountsState, type TicketShareOptions, type TicketShareResult } from "./ticketCounts.ts";

/** The result of {@link reopenRate}: `yes` = reopened tickets. */
export type ReopenRateResult = TicketShareResult<"reopen-rate">;
/** The aggregator state of {@link reopenRateAggregator}. */
export type ReopenRateState = TicketCountsState<"reopen-rate">;

/**
 * The streaming form of {@link reopenRate}.
 *
 * @example
 * const agg = reopenRateAggregator();
 * agg.result(agg.add(agg.empty(), { createdAt: 0, resolvedAt: 10, reopens: 1 })).rate // => 100
 * @see reopenRate
 */
export function reopenRateAggregator<R>(options: TicketShareOptions<R> = {}): Aggregator<R, ReopenRateState, ReopenRateResult> {
  return shareAggregator("reopen-rate", options, (t, asOf) => {
    const reopens = reopensOf(t, asOf);
    if (reopens !== null && reopens > 0) return "yes";
    // never solved at asOf: it cannot have been reopened, so it needs no reopens count
    if (resolutionOf(t, "first", asOf) === null) return "notApplicable";
    return reopens === null ? "missing" : "no";
  });
}

/**
 * Reopen rate: the share of tickets solved at least once that were reopened afterwards, with a Wilson interval.
 *
 *   rate = 100 * reopened / solved at least once        reopened = reopens > 0
 *
 * Reopens come from the status history (changes from solved back to an unsolved status, up to `asOf`) or the
 * `reopens` count. Tickets never solved are `notApplicable`; tickets with neither field are `missing`.
 * O(n) time, O(1) memory.
 *
 * @param tickets ticket records
 * @param options accessors, asOf, level, onInvalid
 * @returns rate, interval and counts
 * @example
 * reopenRate([{ createdAt: 0, resolvedAt: 5, reopens: 0 }, { createdAt: 0, resolvedAt: 9, reopens: 2 }]).rate // => 50
 * @see Zendesk Explore, "Reopened tickets" (tickets solved, then reopened)
 */
export function reopenRate<R>(tickets: Iterable<R>, options: TicketShareOptions<R> = {}): ReopenRateResult {
  return runShare(reopenRateAggregator(options), tickets);
}
