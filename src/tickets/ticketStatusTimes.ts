import { InvalidRecordError } from "../errors.ts";
import { isRejection, ticketReader, type TicketAccessors } from "./readTicket.ts";
import { elapsedOf, statusTotals, type CalendarLike } from "./ticketEvents.ts";
import { checkAsOf, checkCalendar } from "./ticketOptions.ts";

/** Options of {@link ticketStatusTimes}. */
export interface TicketStatusTimesOptions<R> extends TicketAccessors<R> {
  /** Business calendar (`businessCalendar(spec)`): figures in business time. Default: calendar time. */
  calendar?: CalendarLike;
  /** Measure an unsolved ticket up to this instant. Without it an unsolved ticket has null figures. */
  asOf?: unknown;
}

/** The time a ticket spent in each group of statuses (ms of calendar or business time). */
export interface TicketStatusTimes {
  /** new + open + on-hold: the requester is waiting on the support side. */
  requesterWait: number | null;
  /** pending: the agent is waiting on the requester. */
  agentWait: number | null;
  /** on-hold: waiting on a third party. */
  onHold: number | null;
  /** new + open: waiting on an agent's direct action. */
  agentWork: number | null;
  /** Whether the ticket was still unsolved at the end of the measurement (figures run to `asOf`). */
  open: boolean;
  /** Null when the record has no status history or no creation time. */
  basis: "calendar" | "business";
}

const KIND = "ticketStatusTimes";

/**
 * Requester wait, agent wait, on-hold and agent work time of one ticket from its status history, as Zendesk
 * defines them:
 *
 *   requesterWait = time in new + open + on-hold     agentWait = time in pending
 *   onHold        = time in on-hold                  agentWork = time in new + open
 *
 * The ticket is `new` from creation to its first status change; spans run until it is solved or closed (time in
 * solved/closed counts in none), or to `asOf` while it is unsolved. In business time each span is measured on the
 * calendar, so the four figures of one ticket add up (requesterWait = agentWork + onHold) on the same calendar.
 * O(status changes) calls of the clock.
 *
 * @param record the ticket (status history through `options.statusHistory`, default `record.statusHistory`)
 * @param options accessors, `calendar`, `asOf`
 * @returns the four durations in ms; null without a history (or when unsolved without `asOf`)
 * @example
 * ticketStatusTimes({ createdAt: "2024-01-01T09:00Z", statusHistory: [
 *   { status: "pending", at: "2024-01-01T10:00Z" }, { status: "open", at: "2024-01-01T12:00Z" }, { status: "solved", at: "2024-01-01T14:00Z" }] })
 * // => { requesterWait: 10800000, agentWait: 7200000, onHold: 0, agentWork: 10800000, open: false, basis: "calendar" }
 * @see Zendesk, "About native Support time duration metrics" (requester wait, agent wait, on-hold time)
 */
export function ticketStatusTimes<R>(record: R, options: TicketStatusTimesOptions<R> = {}): TicketStatusTimes {
  const reader = ticketReader(KIND, options);
  const calendar = checkCalendar(KIND, options.calendar);
  const asOf = checkAsOf(KIND, options.asOf);
  const elapsed = elapsedOf(calendar);
  const basis = calendar === null ? "calendar" : "business";
  const t = reader.read(record);
  if (isRejection(t)) throw new InvalidRecordError(KIND, { index: 0, ...t });
  const none: TicketStatusTimes = { requesterWait: null, agentWait: null, onHold: null, agentWork: null, open: false, basis };
  const history = t.statusHistory;
  if (history === null || t.createdAt === null) return none;
  const measured = statusTotals(t.createdAt, history, asOf, elapsed);
  if (measured === null) return { ...none, open: true };
  const { totals } = measured;
  return {
    requesterWait: totals.new + totals.open + totals["on-hold"],
    agentWait: totals.pending,
    onHold: totals["on-hold"],
    agentWork: totals.new + totals.open,
    open: measured.open,
    basis,
  };
}
