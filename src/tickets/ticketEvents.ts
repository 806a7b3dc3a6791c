/**
 * What the ticket metrics read from a ticket (internal to src/tickets): when it was resolved (first or full), when
 * it got its first reply, its reply intervals, its reopens and the time it spent in each status, all as of an
 * instant `asOf` (null: as of now, i.e. everything the record holds has happened).
 */
import type { Ticket, TicketMessage, TicketStatus, TicketStatusChange } from "./readTicket.ts";

/** Calendar or business time between two instants (epoch ms). */
export type Elapsed = (start: number, end: number) => number;

/** Anything that measures business time: `businessCalendar(spec)` (its `spec` goes into aggregator states). */
export interface CalendarLike {
  readonly spec: unknown;
  /** Business milliseconds from `start` to `end` (epoch ms). */
  elapsed(start: number, end: number): number;
}

/** `resolution` option: the first solve, or the last solve after any reopens (help desks' "full resolution"). */
export type ResolutionKind = "first" | "full";

const calendarTime: Elapsed = (a, b) => b - a;

/** The clock of a basis: calendar time, or the calendar's business time. */
export function elapsedOf(calendar: CalendarLike | null): Elapsed {
  return calendar === null ? calendarTime : (a, b) => calendar.elapsed(a, b);
}

const isSolved = (s: TicketStatus | null): boolean => s === "solved" || s === "closed";

/**
 * The instant a ticket was resolved, as of `asOf`: a number; `null` when it is open at `asOf` (never solved, solved
 * after `asOf`, or reopened); `NaN` when it is solved but the record does not say when.
 *
 * With a status history that has a solve: first = the first change to solved or closed; full = the start of the
 * final run of solved/closed (solved then closed keeps the solve time). A history with no solved/closed change at
 * all (a partial export, e.g. only pending/on-hold changes) is read as not covering the solve, so the fields below
 * decide. Without: `resolvedAt` is the last solve (Zendesk
 * `solved_at`), open when `status` says the ticket is not solved; first = `firstResolvedAt`, or `resolvedAt` when
 * the ticket was never reopened (a reopened ticket without `firstResolvedAt` has no first solve time: NaN).
 */
export function resolutionOf(t: Ticket, kind: ResolutionKind, asOf: number | null): number | null {
  const limit = asOf ?? Infinity;
  const history = t.statusHistory;
  if (history !== null && history.some((c) => isSolved(c.status))) {
    let since: number | null = null;
    for (const c of history) {
      if (c.at > limit) break;
      if (isSolved(c.status)) {
        if (kind === "first") return c.at;
        if (since === null) since = c.at;
      } else since = null;
    }
    return since;
  }
  if (kind === "first") {
    if (t.firstResolvedAt !== null) return t.firstResolvedAt <= limit ? t.firstResolvedAt : null;
    if (t.reopens !== null && t.reopens > 0) return Number.NaN;
  }
  if (t.status !== null && !isSolved(t.status)) return null;
  if (t.resolvedAt !== null) return t.resolvedAt <= limit ? t.resolvedAt : null;
  return isSolved(t.status) ? Number.NaN : null;
}

/**
 * Reopens as of `asOf`: changes from solved back to an unsolved status in the history, else the `reopens` field
 * (also when the history has no solve at all and the field is given: such a history does not cover the solves).
 */
export function reopensOf(t: Ticket, asOf: number | null): number | null {
  const history = t.statusHistory;
  if (history === null) return t.reopens;
  if (t.reopens !== null && !history.some((c) => isSolved(c.status))) return t.reopens;
  const limit = asOf ?? Infinity;
  let n = 0;
  let solved = false;
  for (const c of history) {
    if (c.at > limit) break;
    if (solved && !isSolved(c.status)) n++;
    solved = isSolved(c.status);
  }
  return n;
}

/** The first reply of a ticket: where its clock starts, and the reply instant (null: none yet at `asOf`). */
export type FirstReply =
  | { kind: "replied"; start: number; at: number }
  | { kind: "waiting"; start: number }
  | { kind: "solvedWithoutReply" }
  | { kind: "noCustomerMessage" }
  | { kind: "missing" };

/**
 * First reply, as of `asOf`. From a timeline: the first public agent message at or after the start, where the
 * start is the creation, or for a ticket an agent opened (`openedBy: "agent"`, or without `openedBy` its first
 * public non-bot message is an agent's) the first public customer message; bots and private notes never count. Without a timeline: `firstResponseAt`.
 * No reply yet: "solvedWithoutReply" when the ticket is solved at `asOf`, else "waiting".
 */
export function firstReplyOf(t: Ticket, asOf: number | null): FirstReply {
  const created = t.createdAt;
  if (created === null) return { kind: "missing" };
  const limit = asOf ?? Infinity;
  let start = created;
  let reply: number | null = null;
  const messages = t.messages;
  if (messages !== null) {
    const opener = messages.find((m) => m.public && m.author !== "bot");
    const agentOpened = t.openedBy !== null ? t.openedBy === "agent" : opener !== undefined && opener.author === "agent";
    if (agentOpened) {
      const first = messages.find((m) => m.public && m.author === "customer" && m.at <= limit);
      if (first === undefined) return { kind: "noCustomerMessage" };
      start = first.at;
    }
    for (const m of messages) {
      if (m.at > limit) break;
      if (m.public && m.author === "agent" && m.at >= start) {
        reply = m.at;
        break;
      }
    }
  } else if (t.firstResponseAt !== null && t.firstResponseAt <= limit) reply = t.firstResponseAt;
  if (reply !== null) return { kind: "replied", start, at: reply };
  const solved = resolutionOf(t, "full", asOf);
  return solved === null ? { kind: "waiting", start } : { kind: "solvedWithoutReply" };
}

/** Reply intervals of a timeline as of `asOf`: [oldest unanswered public customer message, next public agent reply]. */
export interface ReplyIntervals {
  /** Answered intervals in order; the first is the first reply, the rest are next replies. */
  intervals: [number, number][];
  /** The oldest public customer message still unanswered at `asOf`, or null. */
  waitingSince: number | null;
  /** Public agent messages (replies or not), for one-touch resolution and periodic updates. */
  agentMessages: number[];
}

/** Walk a timeline (sorted) up to `asOf`; bots and private notes are skipped. */
export function replyIntervalsOf(messages: readonly TicketMessage[], asOf: number | null): ReplyIntervals {
  const limit = asOf ?? Infinity;
  const intervals: [number, number][] = [];
  const agentMessages: number[] = [];
  let waiting: number | null = null;
  for (const m of messages) {
    if (m.at > limit) break;
    if (!m.public || m.author === "bot") continue;
    if (m.author === "customer") {
      if (waiting === null) waiting = m.at;
    } else {
      agentMessages.push(m.at);
      if (waiting !== null) intervals.push([waiting, m.at]);
      waiting = null;
    }
  }
  return { intervals, waitingSince: waiting, agentMessages };
}

/** The spans a ticket spent in each status, from creation (status new until the first change) to `end`. */
export function statusSpans(createdAt: number, history: readonly TicketStatusChange[], end: number): { status: TicketStatus; from: number; to: number }[] {
  const spans: { status: TicketStatus; from: number; to: number }[] = [];
  let status: TicketStatus = "new";
  let from = createdAt;
  for (const c of history) {
    if (c.at >= end) break;
    if (c.at > from) spans.push({ status, from, to: c.at });
    status = c.status;
    from = Math.max(from, c.at);
  }
  if (end > from) spans.push({ status, from, to: end });
  return spans;
}

/**
 * Time from `start` to `end` on the clock, leaving out the spans in a paused status (SLA timers that pause in
 * pending or on-hold). Without a history, or with no paused statuses, the plain elapsed time.
 */
export function pausedElapsed(
  elapsed: Elapsed,
  start: number,
  end: number,
  createdAt: number,
  history: readonly TicketStatusChange[] | null,
  pauseOn: ReadonlySet<TicketStatus>,
): number {
  if (history === null || pauseOn.size === 0 || end <= start) return elapsed(start, end);
  let total = 0;
  for (const s of statusSpans(createdAt, history, end)) {
    if (pauseOn.has(s.status)) continue;
    const a = Math.max(s.from, start);
    const b = Math.min(s.to, end);
    if (b > a) total += elapsed(a, b);
  }
  return total;
}

/** Public agent replies up to `asOf`: from the timeline, else the `replies` count; null when neither is there. */
export function publicAgentReplies(t: Ticket, asOf: number | null): number | null {
  return t.messages !== null ? replyIntervalsOf(t.messages, asOf).agentMessages.length : t.replies;
}

/**
 * Time a ticket spent in each status, from creation to its final solve as of `asOf`, or to `asOf` while it is
 * unsolved (`open: true`); null when it is unsolved and there is no `asOf` to measure to.
 */
export function statusTotals(createdAt: number, history: readonly TicketStatusChange[], asOf: number | null, elapsed: Elapsed): { open: boolean; totals: Record<TicketStatus, number> } | null {
  const limit = asOf ?? Infinity;
  let solvedAt = 0;
  let open = true;
  for (const c of history) {
    if (c.at > limit) break;
    if (isSolved(c.status)) {
      if (open) solvedAt = c.at;
      open = false;
    } else open = true;
  }
  let end = solvedAt;
  if (open) {
    if (asOf === null) return null;
    end = asOf;
  }
  const totals: Record<TicketStatus, number> = { new: 0, open: 0, pending: 0, "on-hold": 0, solved: 0, closed: 0 };
  for (const s of statusSpans(createdAt, history, end)) totals[s.status] += elapsed(s.from, s.to);
  return { open, totals };
}
