import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { InvalidOptionError } from "../errors.ts";
import { checkLevel } from "../_lib/checkOptions.ts";
import type { InvalidSummary } from "../_lib/invalidLog.ts";
import { wilsonInterval, type ConfidenceInterval } from "../stats/wilsonInterval.ts";
import type { Ticket, TicketAccessors, TicketStatus } from "./readTicket.ts";
import { countingSetup, type TicketCountsState } from "./ticketCounts.ts";
import { elapsedOf, firstReplyOf, pausedElapsed, replyIntervalsOf, resolutionOf, type CalendarLike } from "./ticketEvents.ts";
import { calendarSpecOf, checkAsOf, checkCalendar } from "./ticketOptions.ts";

/** Which SLA timer: first reply, every next reply, resolution (full), or updates at least every `target`. */
export type SlaMetric = "firstResponse" | "nextReply" | "resolution" | "periodicUpdate";

/** Options of {@link slaAttainment} and {@link slaAttainmentAggregator}. */
export interface SlaAttainmentOptions<R> extends TicketAccessors<R> {
  metric: SlaMetric;
  /** Target in ms, one for all tickets or one per priority (`{ urgent: 3600000, high: 14400000 }`). */
  target: number | Record<string, number>;
  /** Target for tickets whose priority has no entry in a per-priority `target`. Default: none (counted in `noTarget`). */
  defaultTarget?: number;
  /** Measure in business time on this calendar (`businessCalendar(spec)`). Default: calendar time. */
  calendar?: CalendarLike;
  /** Statuses in which the timer pauses (e.g. ["pending", "on-hold"]), where the ticket has a status history. */
  pauseOn?: readonly TicketStatus[];
  /** The instant of the figures: a timer still running then is pending (within target) or breached. */
  asOf?: unknown;
  /** Confidence level of the Wilson interval. Default 0.95. */
  level?: number;
  onInvalid?: OnInvalid;
}

/** The aggregator state of SLA attainment. */
export type SlaAttainmentState = TicketCountsState<"sla-attainment">;

/** The result of {@link slaAttainment}. */
export interface SlaAttainmentResult {
  metric: "sla-attainment";
  sla: SlaMetric;
  /** Met / (met + breached), in percent 0..100; null when no timer has ended. Pending tickets are left out. */
  rate: number | null;
  /** Wilson interval of the rate, in points 0..100. */
  ci: ConfidenceInterval | null;
  met: number;
  breached: number;
  /** Timers still running at `asOf` and within target (or running, without `asOf`). */
  pending: number;
  /** met + breached + pending. */
  n: number;
  /** Tickets the SLA does not apply to (solved without reply, no next-reply cycle, no agent update yet). */
  notApplicable: number;
  /** Tickets whose priority has no target. */
  noTarget: number;
  /** Tickets without a creation time, without the timeline the SLA needs, or solved without a solve time. */
  missing: number;
  /** Tickets created after `asOf`. */
  notYetCreated: number;
  basis: "calendar" | "business";
  asOf: string | null;
  invalid: InvalidSummary;
}

const KIND = "sla-attainment";
const METRICS: readonly SlaMetric[] = ["firstResponse", "nextReply", "resolution", "periodicUpdate"];
const STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "on-hold", "solved", "closed"];
const COUNTS = ["met", "breached", "pending", "notApplicable", "noTarget", "missing", "notYetCreated"] as const;

/**
 * The streaming form of {@link slaAttainment}; its state is the outcome counts.
 *
 * @example
 * const agg = slaAttainmentAggregator({ metric: "firstResponse", target: 3600000 });
 * agg.result(agg.add(agg.empty(), { createdAt: 0, firstResponseAt: 1800000 })).met // => 1
 * @see slaAttainment
 */
export function slaAttainmentAggregator<R>(options: SlaAttainmentOptions<R>): Aggregator<R, SlaAttainmentState, SlaAttainmentResult> {
  const o = (options ?? {}) as Partial<SlaAttainmentOptions<R>>;
  if (!METRICS.includes(o.metric as SlaMetric)) throw new InvalidOptionError(KIND, "metric", `is ${JSON.stringify(o.metric)}, expected "firstResponse", "nextReply", "resolution" or "periodicUpdate"`);
  const sla = o.metric as SlaMetric;
  const target = checkTarget(o.target);
  const defaultTarget = o.defaultTarget === undefined ? null : checkTargetMs("defaultTarget", o.defaultTarget);
  const calendar = checkCalendar(KIND, o.calendar);
  const asOf = checkAsOf(KIND, o.asOf, o.timeZone);
  const level = checkLevel(KIND, o.level);
  const pauseList = o.pauseOn ?? [];
  if (!Array.isArray(pauseList) || pauseList.some((s) => !STATUSES.includes(s))) {
    throw new InvalidOptionError(KIND, "pauseOn", `is ${JSON.stringify(pauseList)}, expected an array of statuses such as ["pending", "on-hold"]`);
  }
  const pauseOn = new Set<TicketStatus>(pauseList);
  const elapsed = elapsedOf(calendar);
  const limit = asOf ?? Infinity;
  // The timer of a ticket from a to b, paused in the pauseOn statuses; a timer still running at asOf.
  const clock = (t: Ticket & { createdAt: number }, a: number, b: number): number => pausedElapsed(elapsed, a, b, t.createdAt, t.statusHistory, pauseOn);
  const running = (t: Ticket & { createdAt: number }, start: number, goal: number): string =>
    asOf === null ? "pending" : clock(t, start, asOf) > goal ? "breached" : "pending";
  const setup = countingSetup<R>(
    {
      kind: KIND,
      options: {
        metric: sla,
        target,
        defaultTarget,
        basis: calendar === null ? "calendar" : "business",
        calendar: calendarSpecOf(calendar),
        pauseOn: STATUSES.filter((s) => pauseOn.has(s)),
        asOf,
      },
      counts: COUNTS,
      classify(t): string {
        const created = t.createdAt;
        if (created > limit) return "notYetCreated";
        const goal = typeof target === "number" ? target : t.priority !== null && Object.hasOwn(target, String(t.priority)) ? target[String(t.priority)]! : defaultTarget;
        if (goal === null) return "noTarget";
        if (sla === "firstResponse") {
          const f = firstReplyOf(t, asOf);
          if (f.kind === "replied") return clock(t, f.start, f.at) <= goal ? "met" : "breached";
          if (f.kind === "waiting") return running(t, f.start, goal);
          return f.kind === "missing" ? "missing" : "notApplicable";
        }
        if (sla === "resolution") {
          const r = resolutionOf(t, "full", asOf);
          if (r === null) return running(t, created, goal);
          return Number.isNaN(r) ? "missing" : clock(t, created, r) <= goal ? "met" : "breached";
        }
        if (t.messages === null) return "missing";
        const { intervals, waitingSince, agentMessages } = replyIntervalsOf(t.messages, asOf);
        if (sla === "nextReply") {
          const next = intervals.slice(1);
          if (next.some(([a, b]) => clock(t, a, b) > goal)) return "breached";
          if (waitingSince !== null && intervals.length > 0) {
            // the solve ends the open cycle: measured up to it (a message after the final solve starts no timer)
            const solved = resolutionOf(t, "full", asOf);
            if (solved === null) return running(t, waitingSince, goal);
            if (Number.isNaN(solved)) return "missing";
            if (solved < waitingSince) return next.length > 0 ? "met" : "notApplicable";
            return clock(t, waitingSince, solved) > goal ? "breached" : "met";
          }
          return next.length > 0 ? "met" : "notApplicable";
        }
        // periodicUpdate: every gap between public agent messages, and from the last one to the solve (or asOf).
        if (agentMessages.length === 0) return "notApplicable";
        for (let i = 1; i < agentMessages.length; i++) if (clock(t, agentMessages[i - 1]!, agentMessages[i]!) > goal) return "breached";
        const last = agentMessages[agentMessages.length - 1]!;
        const solved = resolutionOf(t, "full", asOf);
        if (solved === null) return running(t, last, goal);
        if (Number.isNaN(solved)) return "missing";
        return solved > last && clock(t, last, solved) > goal ? "breached" : "met";
      },
    },
    o as TicketAccessors<R> & { onInvalid?: OnInvalid },
  );
  const agg = setup.aggregator as Omit<Aggregator<R, SlaAttainmentState, never>, "result">;
  return {
    ...agg,
    result(state: SlaAttainmentState): SlaAttainmentResult {
      const c = state.counts;
      const met = c["met"]!;
      const decided = met + c["breached"]!;
      const ci = wilsonInterval(met, decided, level);
      return {
        metric: KIND,
        sla,
        rate: decided === 0 ? null : (100 * met) / decided,
        ci: ci && { lower: 100 * ci.lower, upper: 100 * ci.upper, level, method: "wilson" },
        met,
        breached: c["breached"]!,
        pending: c["pending"]!,
        n: decided + c["pending"]!,
        notApplicable: c["notApplicable"]!,
        noTarget: c["noTarget"]!,
        missing: c["missing"]!,
        notYetCreated: c["notYetCreated"]!,
        basis: calendar === null ? "calendar" : "business",
        asOf: asOf === null ? null : new Date(asOf).toISOString(),
        invalid: setup.invalid(state),
      };
    },
  };
}

/**
 * SLA attainment: the share of tickets whose timer ended within target, with a Wilson interval.
 *
 *   firstResponse:  first reply time (see firstResponseTime) <= target
 *   resolution:     full resolution time <= target
 *   nextReply:      every next reply (oldest unanswered public customer message -> next public agent reply) <= target
 *   periodicUpdate: every gap between public agent messages, and the last one to the solve, <= target
 *   rate = 100 * met / (met + breached); ci = Wilson(met, met + breached) in points
 *
 * Timers run in calendar or business time and pause in the `pauseOn` statuses where the ticket has a status
 * history. A timer still running at `asOf` is breached once past target, else pending (left out of the rate).
 * One target or one per priority (`defaultTarget` for the rest; tickets with none are `noTarget`). O(n) time,
 * O(1) memory. Invalid tickets throw unless `onInvalid: "count"`. Empty input: rate null.
 *
 * @param tickets ticket records
 * @param options metric, target, calendar, pauseOn, asOf, level, accessors
 * @returns met, breached, pending, the rate and its interval
 * @example
 * slaAttainment([
 *   { createdAt: 0, firstResponseAt: 1800000 },
 *   { createdAt: 0, firstResponseAt: 7200000 },
 * ], { metric: "firstResponse", target: 3600000 }).rate // => 50
 * @see Zendesk, "Defining and using SLA policies" (first reply, next reply, periodic update, requester wait)
 * @see Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22(158).
 */
export function slaAttainment<R>(tickets: Iterable<R>, options: SlaAttainmentOptions<R>): SlaAttainmentResult {
  const agg = slaAttainmentAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const t of tickets) state = agg.add(state, t, i++);
  return agg.result(state);
}

function checkTargetMs(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new InvalidOptionError(KIND, name, `is ${JSON.stringify(v)}, expected a duration in ms > 0 (e.g. 3600000 for one hour)`);
  return v;
}

function checkTarget(v: unknown): number | Record<string, number> {
  if (typeof v === "number") return checkTargetMs("target", v);
  if (v === null || typeof v !== "object" || Array.isArray(v) || Object.keys(v).length === 0) {
    throw new InvalidOptionError(KIND, "target", `is ${JSON.stringify(v)}, expected a duration in ms or one per priority ({ urgent: 3600000, high: 14400000 })`);
  }
  const out: Record<string, number> = {};
  // defineProperty: a priority named "__proto__" is a key like any other, never the object's prototype.
  for (const [k, ms] of Object.entries(v)) Object.defineProperty(out, k, { value: checkTargetMs(`target.${k}`, ms), enumerable: true, writable: true, configurable: true });
  return out;
}
