import type { Aggregator } from "../aggregate/aggregator.ts";
import type { InvalidSummary } from "../_lib/invalidLog.ts";
import { durationSetup, invalidOf, type DurationFigures, type DurationOptions, type DurationState } from "./durationSummary.ts";
import { firstReplyOf } from "./ticketEvents.ts";
import type { DurationUnit } from "./ticketOptions.ts";

/** Options of {@link firstResponseTime} and {@link firstResponseTimeAggregator}. */
export type FirstResponseTimeOptions<R> = DurationOptions<R>;

/** The aggregator state of first response time. */
export type FirstResponseTimeState = DurationState<"first-response-time">;

/** The result of {@link firstResponseTime}: plain JSON, durations in `unit`, medians first. */
export interface FirstResponseTimeResult extends DurationFigures {
  metric: "first-response-time";
  basis: "calendar" | "business";
  unit: DurationUnit;
  asOf: string | null;
  /** Tickets with a first reply or still waiting for one: responded + open. */
  n: number;
  /** Tickets with a first reply at `asOf`. */
  responded: number;
  /** Unsolved tickets with no reply yet at `asOf` (censored at their wait so far). */
  open: number;
  /** Tickets solved with no agent reply: counted, left out of every figure (DESIGN 6.7). */
  solvedWithoutReply: number;
  /** Agent-opened tickets (timeline) with no customer message yet: no reply is owed. */
  noCustomerMessage: number;
  /** Tickets without a creation time. */
  missing: number;
  /** Tickets created after `asOf`. */
  notYetCreated: number;
  invalid: InvalidSummary;
}

const KIND = "first-response-time";

/**
 * The streaming form of {@link firstResponseTime}; the same state layout as time to resolution.
 *
 * @example
 * const agg = firstResponseTimeAggregator({ unit: "minutes" });
 * agg.result(agg.add(agg.empty(), { createdAt: "2024-01-02T09:00Z", firstResponseAt: "2024-01-02T09:45Z" })).median // => 45
 * @see firstResponseTime
 */
export function firstResponseTimeAggregator<R>(options: FirstResponseTimeOptions<R> = {}): Aggregator<R, FirstResponseTimeState, FirstResponseTimeResult> {
  const setup = durationSetup<R>(
    {
      kind: KIND,
      extraOptions: {},
      extraCounts: ["solvedWithoutReply", "noCustomerMessage"],
      observe(t, asOf, elapsed, out) {
        const f = firstReplyOf(t, asOf);
        if (f.kind === "replied") {
          out.kind = "event";
          out.duration = elapsed(f.start, f.at);
        } else if (f.kind === "waiting") {
          out.kind = "censored";
          out.duration = asOf === null ? 0 : Math.max(0, elapsed(f.start, asOf));
        } else out.kind = f.kind;
      },
    },
    options,
  );
  const agg = setup.aggregator as unknown as Aggregator<R, FirstResponseTimeState, FirstResponseTimeState>;
  return {
    kind: KIND,
    empty: agg.empty,
    add: agg.add,
    merge: agg.merge,
    fromJSON: agg.fromJSON,
    result(state: FirstResponseTimeState): FirstResponseTimeResult {
      const c = state.counts;
      const asOf = state.options.asOf;
      return {
        metric: KIND,
        ...setup.figures(state),
        basis: state.options.basis,
        unit: setup.unit,
        asOf: asOf === null ? null : new Date(asOf).toISOString(),
        n: c["done"]! + c["open"]!,
        responded: c["done"]!,
        open: c["open"]!,
        solvedWithoutReply: c["solvedWithoutReply"]!,
        noCustomerMessage: c["noCustomerMessage"]!,
        missing: c["missing"]!,
        notYetCreated: c["notYetCreated"]!,
        invalid: invalidOf(state, setup.onInvalid),
      };
    },
  };
}

/**
 * First response time of support tickets: per ticket the time from creation to the first public agent reply,
 * in calendar or business time; over tickets the same figures as {@link timeToResolution}.
 *
 *   frt_i = firstReply_i - start_i
 *   start_i = createdAt_i, or for a ticket an agent opened (timeline) its first public customer message
 *   firstReply_i = the first public agent message at or after start_i (bots and private notes never count),
 *                  or `firstResponseAt` when the record has no timeline
 *
 * Zendesk starts at creation in every case and, for an agent-created ticket whose first comment is public,
 * ends at the agent's second public comment; we start such a ticket's clock at the customer's first message,
 * so the figure is the customer's wait (identical when the customer answers the agent's opening at once).
 * No reply yet: counted in `open`, censored at its wait so far in the Kaplan-Meier median (with `asOf`).
 * Solved with no reply: counted in `solvedWithoutReply` and left out (DESIGN 6.7). O(n) time, bounded memory.
 *
 * @param tickets ticket records (default fields createdAt, firstResponseAt, messages, ...)
 * @param options see {@link DurationOptions}
 * @returns counts and figures in `unit`
 * @example
 * firstResponseTime([
 *   { createdAt: "2024-01-02T09:00Z", firstResponseAt: "2024-01-02T09:30Z" },
 *   { createdAt: "2024-01-02T09:00Z", messages: [{ at: "2024-01-02T09:00Z", author: "customer" }, { at: "2024-01-02T09:05Z", author: "bot" }, { at: "2024-01-02T10:00Z", author: "agent" }] },
 * ], { unit: "minutes" }).percentiles // => { p50: 45, p90: 57, p95: 58.5 }
 * @see Zendesk, "Calculating first reply time"; "About native Support time duration metrics"
 */
export function firstResponseTime<R>(tickets: Iterable<R>, options: FirstResponseTimeOptions<R> = {}): FirstResponseTimeResult {
  const agg = firstResponseTimeAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const t of tickets) state = agg.add(state, t, i++);
  return agg.result(state);
}
