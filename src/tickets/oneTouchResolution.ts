import type { Aggregator } from "../aggregate/aggregator.ts";
import { publicAgentReplies, resolutionOf } from "./ticketEvents.ts";
import { runShare, shareAggregator, type TicketCountsState, type TicketShareOptions, type TicketShareResult } from "./ticketCounts.ts";

/** The result of {@link oneTouchResolution}: `yes` = solved with fewer than two public agent replies. */
export type OneTouchResolutionResult = TicketShareResult<"one-touch-resolution">;
/** The aggregator state of {@link oneTouchResolutionAggregator}. */
export type OneTouchResolutionState = TicketCountsState<"one-touch-resolution">;

/**
 * The streaming form of {@link oneTouchResolution}.
 *
 * @example
 * const agg = oneTouchResolutionAggregator();
 * agg.result(agg.add(agg.empty(), { createdAt: 0, resolvedAt: 10, replies: 1 })).rate // => 100
 * @see oneTouchResolution
 */
export function oneTouchResolutionAggregator<R>(options: TicketShareOptions<R> = {}): Aggregator<R, OneTouchResolutionState, OneTouchResolutionResult> {
  return shareAggregator("one-touch-resolution", options, (t, asOf) => {
    const solved = resolutionOf(t, "full", asOf);
    if (solved === null) return "notApplicable";
    const replies = publicAgentReplies(t, asOf);
    if (Number.isNaN(solved) || replies === null) return "missing";
    return replies < 2 ? "yes" : "no";
  });
}

/**
 * One-touch resolution: the share of solved tickets solved with fewer than two public agent replies (Zendesk's
 * "one-touch tickets"), with a Wilson interval.
 *
 *   rate = 100 * (solved with replies < 2) / solved
 *
 * Replies are the public agent messages of the timeline (bots and private notes never count) or the `replies`
 * count. Unsolved tickets are `notApplicable`; solved tickets without either field are `missing`. O(n), O(1) memory.
 *
 * @param tickets ticket records
 * @param options accessors, asOf, level, onInvalid
 * @returns rate, interval and counts
 * @example
 * oneTouchResolution([{ createdAt: 0, resolvedAt: 5, replies: 1 }, { createdAt: 0, resolvedAt: 9, replies: 3 }]).rate // => 50
 * @see Zendesk Explore, "One-touch tickets" (solved with one agent reply)
 */
export function oneTouchResolution<R>(tickets: Iterable<R>, options: TicketShareOptions<R> = {}): OneTouchResolutionResult {
  return runShare(oneTouchResolutionAggregator(options), tickets);
}
