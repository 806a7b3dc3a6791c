import { InvalidRecordError } from "../errors.ts";
import { isRejection, ticketReader, type TicketAccessors } from "./readTicket.ts";
import { elapsedOf, firstReplyOf, replyIntervalsOf, type CalendarLike } from "./ticketEvents.ts";
import { checkAsOf, checkCalendar } from "./ticketOptions.ts";

/** Options of {@link ticketReplyTimes}. */
export interface TicketReplyTimesOptions<R> extends TicketAccessors<R> {
  /** Business calendar (`businessCalendar(spec)`): durations in business time. Default: calendar time. */
  calendar?: CalendarLike;
  /** Only messages up to this instant count. Default: all. */
  asOf?: unknown;
}

/** The reply times of one ticket (ms of calendar or business time). */
export interface TicketReplyTimes {
  /** First reply time (see firstResponseTime for the start); null when there is none. */
  firstReply: number | null;
  /** Next reply times: each later wait from the oldest unanswered public customer message to the next public agent reply. */
  nextReplies: number[];
  /** Every answered wait, the first reply's included (what an average response time averages). */
  responses: number[];
  /** Mean of `responses`; null when there are none. */
  averageResponse: number | null;
  /** The oldest public customer message still unanswered (ISO 8601), or null. */
  waitingSince: string | null;
  /** Public agent messages, the opening one of an agent-opened ticket included. */
  publicAgentMessages: number;
  basis: "calendar" | "business";
}

const KIND = "ticketReplyTimes";

/**
 * First reply, next reply and response times of one ticket from its message timeline. Bot messages and private
 * notes are skipped; consecutive customer messages wait from the oldest one; the first public agent message
 * after a customer message answers it.
 *
 *   responses   = [reply_k - oldestUnanswered_k for each answered customer turn k]
 *   nextReplies = responses without the first; averageResponse = mean(responses)
 *
 * Without a timeline only `firstReply` (from `firstResponseAt`) is filled in. O(messages).
 *
 * @param record the ticket
 * @param options accessors, `calendar`, `asOf`
 * @returns the durations in ms
 * @example
 * ticketReplyTimes({ createdAt: "2024-01-02T09:00Z", messages: [
 *   { at: "2024-01-02T09:00Z", author: "customer" }, { at: "2024-01-02T09:20Z", author: "agent" },
 *   { at: "2024-01-02T10:00Z", author: "customer" }, { at: "2024-01-02T11:00Z", author: "agent" }] }).responses
 * // => [1200000, 3600000]
 * @see Zendesk, "About native Support time duration metrics"; Zendesk SLA metrics "next reply time"
 */
export function ticketReplyTimes<R>(record: R, options: TicketReplyTimesOptions<R> = {}): TicketReplyTimes {
  const reader = ticketReader(KIND, options);
  const calendar = checkCalendar(KIND, options.calendar);
  const asOf = checkAsOf(KIND, options.asOf, reader.timeZone);
  const elapsed = elapsedOf(calendar);
  const t = reader.read(record);
  if (isRejection(t)) throw new InvalidRecordError(KIND, { index: 0, ...t });
  const f = firstReplyOf(t, asOf);
  const firstReply = f.kind === "replied" ? elapsed(f.start, f.at) : null;
  const basis = calendar === null ? "calendar" : "business";
  if (t.messages === null) return { firstReply, nextReplies: [], responses: [], averageResponse: null, waitingSince: null, publicAgentMessages: 0, basis };
  const r = replyIntervalsOf(t.messages, asOf);
  const responses = r.intervals.map(([a, b]) => elapsed(a, b));
  return {
    firstReply,
    nextReplies: responses.slice(1),
    responses,
    averageResponse: responses.length === 0 ? null : responses.reduce((s, x) => s + x, 0) / responses.length,
    waitingSince: r.waitingSince === null ? null : new Date(r.waitingSince).toISOString(),
    publicAgentMessages: r.agentMessages.length,
    basis,
  };
}
