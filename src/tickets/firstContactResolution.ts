import type { Aggregator } from "../aggregate/aggregator.ts";
import { publicAgentReplies, reopensOf, resolutionOf } from "./ticketEvents.ts";
import { runShare, shareAggregator, type TicketCountsState, type TicketShareOptions, type TicketShareResult } from "./ticketCounts.ts";

/** The result of {@link firstContactResolution}: `yes` = solved on first contact. */
export type FirstContactResolutionResult = TicketShareResult<"first-contact-resolution">;
/** The aggregator state of {@link firstContactResolutionAggregator}. */
export type FirstContactResolutionState = TicketCountsState<"first-contact-resolution">;

/**
 * The streaming form of {@link firstContactResolution}.
 *
 * @example
 * const agg = firstContactResolutionAggregator();
 * agg.result(agg.add(agg.empty(), { createdAt: 0, resolvedAt: 10, replies: 1, reopens: 0 })).rate // => 100
 * @see firstContactResolution
 */
export function firstContactResolutionAggregator<R>(options: TicketShareOptions<R> = {}): Aggregator<R, FirstContactResolutionState, FirstContactResolutionResult> {
  return shareAggregator("first-contact-resolution", options, (t, asOf) => {
    const solved = resolutionOf(t, "full", asOf);
    if (solved === null) return "notApplicable";
    const replies = publicAgentReplies(t, asOf);
    const reopens = reopensOf(t, asOf);
    if (Number.isNaN(solved) || replies === null || reopens === null) return "missing";
    return replies < 2 && reopens === 0 ? "yes" : "no";
  });
}

/**
 * First-contact resolution: the share of solved tickets solved by the first agent contact and never reopened,
 * with a Wilson interval.
 *
 *   rate = 100 * (solved with public agent replies < 2 and reopens = 0) / solved
 *
 * It is one-touch resolution that also stays solved: a one-touch ticket the customer reopens was not resolved on
 * first contact. Needs the replies (timeline or `replies`) and the reopens (history or `reopens`); a solved ticket
 * without them is `missing`, an unsolved one `notApplicable`. O(n), O(1) memory.
 *
 * @param tickets ticket records
 * @param options accessors, asOf, level, onInvalid
 * @returns rate, interval and counts
 * @example
 * firstContactResolution([{ createdAt: 0, resolvedAt: 5, replies: 1, reopens: 0 }, { createdAt: 0, resolvedAt: 9, replies: 1, reopens: 1 }]).rate // => 50
 * @see Zendesk Explore, "One-touch tickets"; first-contact resolution as help desks use it (no further contact needed)
 */
export function firstContactResolution<R>(tickets: Iterable<R>, options: TicketShareOptions<R> = {}): FirstContactResolutionResult {
  return runShare(firstContactResolutionAggregator(options), tickets);
}
