import type { Aggregator } from "../aggregate/aggregator.ts";
import { InvalidOptionError } from "../errors.ts";
import type { InvalidSummary } from "../_lib/invalidLog.ts";
import type { TicketStatus } from "./readTicket.ts";
import { durationSetup, invalidOf, type DurationFigures, type DurationOptions, type DurationState } from "./durationSummary.ts";
import { statusTotals } from "./ticketEvents.ts";
import type { DurationUnit } from "./ticketOptions.ts";

/** Which status time: Zendesk's requester wait, agent wait, on-hold or agent work time. */
export type StatusMeasure = "requesterWait" | "agentWait" | "onHold" | "agentWork";

/** Options of {@link statusTime} and {@link statusTimeAggregator}. */
export interface StatusTimeOptions<R> extends DurationOptions<R> {
  measure: StatusMeasure;
}

/** The aggregator state of {@link statusTimeAggregator}. */
export type StatusTimeState = DurationState<"status-time">;

/** The result of {@link statusTime}: figures in `unit`, medians first. */
export interface StatusTimeResult extends DurationFigures {
  metric: "status-time";
  measure: StatusMeasure;
  basis: "calendar" | "business";
  unit: DurationUnit;
  asOf: string | null;
  /** solved + open. */
  n: number;
  /** Tickets solved at `asOf`: their total time in the measure's statuses. */
  solved: number;
  /** Tickets unsolved at `asOf`: censored at their time in the measure's statuses so far. */
  open: number;
  /** Tickets without a creation time or a status history. */
  missing: number;
  notYetCreated: number;
  invalid: InvalidSummary;
}

const KIND = "status-time";
const STATUSES: Record<StatusMeasure, readonly TicketStatus[]> = {
  requesterWait: ["new", "open", "on-hold"],
  agentWait: ["pending"],
  onHold: ["on-hold"],
  agentWork: ["new", "open"],
};

/**
 * The streaming form of {@link statusTime}.
 *
 * @example
 * const agg = statusTimeAggregator({ measure: "agentWait", unit: "hours" });
 * agg.result(agg.add(agg.empty(), { createdAt: 0, statusHistory: [{ status: "pending", at: 0 }, { status: "solved", at: 7200000 }] })).median // => 2
 * @see statusTime
 */
export function statusTimeAggregator<R>(options: StatusTimeOptions<R>): Aggregator<R, StatusTimeState, StatusTimeResult> {
  const measure = (options ?? {}).measure;
  if (!Object.hasOwn(STATUSES, measure)) throw new InvalidOptionError(KIND, "measure", `is ${JSON.stringify(measure)}, expected "requesterWait", "agentWait", "onHold" or "agentWork"`);
  const statuses = STATUSES[measure];
  const setup = durationSetup<R>(
    {
      kind: KIND,
      extraOptions: { measure },
      extraCounts: [],
      observe(t, asOf, elapsed, out) {
        if (t.statusHistory === null) return; // stays "missing"
        const m = statusTotals(t.createdAt!, t.statusHistory, asOf, elapsed);
        if (m === null) {
          out.kind = "censored"; // unsolved, no asOf to measure to: counted open only
          return;
        }
        out.kind = m.open ? "censored" : "event";
        out.duration = statuses.reduce((s, st) => s + m.totals[st], 0);
      },
    },
    options,
  );
  const agg = setup.aggregator as unknown as Aggregator<R, StatusTimeState, StatusTimeState>;
  return {
    kind: KIND,
    empty: agg.empty,
    add: agg.add,
    merge: agg.merge,
    fromJSON: agg.fromJSON,
    result(state: StatusTimeState): StatusTimeResult {
      const c = state.counts;
      const asOf = state.options.asOf;
      return {
        metric: KIND,
        ...setup.figures(state),
        measure,
        basis: state.options.basis,
        unit: setup.unit,
        asOf: asOf === null ? null : new Date(asOf).toISOString(),
        n: c["done"]! + c["open"]!,
        solved: c["done"]!,
        open: c["open"]!,
        missing: c["missing"]!,
        notYetCreated: c["notYetCreated"]!,
        invalid: invalidOf(state, setup.onInvalid),
      };
    },
  };
}

/**
 * Requester wait, agent wait, on-hold or agent work time over tickets with a status history, as Zendesk defines
 * them, with the same figures as {@link timeToResolution} (median first, percentiles, mean, distribution, and a
 * Kaplan-Meier median with unsolved tickets censored at their time so far):
 *
 *   requesterWait = time in new + open + on-hold    agentWait = time in pending
 *   onHold        = time in on-hold                 agentWork = time in new + open
 *
 * Per ticket from creation to its final solve (time in solved or closed counts in none). In business time each
 * status span is measured on the calendar. Tickets without a history are `missing`. O(status changes) per ticket.
 *
 * @param tickets ticket records with `statusHistory`
 * @param options `measure`, and the options of {@link DurationOptions}
 * @returns figures in `unit` and counts
 * @example
 * statusTime([{ createdAt: 0, statusHistory: [{ status: "pending", at: 3600000 }, { status: "solved", at: 10800000 }] }],
 *   { measure: "requesterWait", unit: "hours" }).median // => 1
 * @see Zendesk, "About native Support time duration metrics" (requester wait, agent wait, on-hold time)
 */
export function statusTime<R>(tickets: Iterable<R>, options: StatusTimeOptions<R>): StatusTimeResult {
  const agg = statusTimeAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const t of tickets) state = agg.add(state, t, i++);
  return agg.result(state);
}
