import { InvalidOptionError, InvalidRecordError, jsonSafeValue } from "../errors.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { parseInstant } from "../time/parseInstant.ts";

/** Ticket statuses, in the order a ticket may move through them (Zendesk's names; `on-hold` also reads `hold`, `on_hold`). */
export type TicketStatus = "new" | "open" | "pending" | "on-hold" | "solved" | "closed";

/** Who wrote a message of a ticket's timeline. */
export type AuthorKind = "customer" | "agent" | "bot";

/** One message of a timeline as read: epoch ms, author kind, and whether the customer could see it. */
export interface TicketMessage {
  at: number;
  author: AuthorKind;
  public: boolean;
}

/** One status change as read: the status entered and when (epoch ms). */
export interface TicketStatusChange {
  status: TicketStatus;
  at: number;
}

/**
 * A ticket as the metrics read it: instants in epoch milliseconds, `null` where the record has no value.
 * `messages` is sorted by time (stable); `statusHistory` is in time order (a record out of order is invalid).
 */
export interface Ticket {
  createdAt: number | null;
  firstResponseAt: number | null;
  /** The last solve (full resolution), as help desks export it (Zendesk `solved_at`). */
  resolvedAt: number | null;
  /** The first solve, where the record carries it apart from `resolvedAt`. */
  firstResolvedAt: number | null;
  reopens: number | null;
  /** Public agent replies, where the record carries the count (Zendesk ticket metric `replies`). */
  replies: number | null;
  priority: string | number | null;
  status: TicketStatus | null;
  messages: TicketMessage[] | null;
  statusHistory: TicketStatusChange[] | null;
  /** Who opened the ticket, where the record says (Zendesk: the submitter / via channel); null: read from the timeline. */
  openedBy: "customer" | "agent" | null;
}

/**
 * How to read a ticket from a record: one accessor per field, each defaulting to the field of the same name
 * (`r => r.createdAt`, ...). Instants are `Date`, epoch ms or ISO 8601 strings; a string without an offset is read
 * in `timeZone` (default "UTC"). `messages` is an array of `{ at, author: "customer" | "agent" | "bot", public? }`
 * (public defaults to true); `statusHistory` an array of `{ status, at }`. An empty array reads as absent (null), as
 * exporters write one for a ticket whose comments or audits were not exported: the scalar fields then decide.
 */
export interface TicketAccessors<R> {
  /** When the ticket was opened (an instant). Default `record.createdAt`. */
  createdAt?: (record: R) => unknown;
  /** The first agent reply (an instant), where the record carries it. Default `record.firstResponseAt`. */
  firstResponseAt?: (record: R) => unknown;
  /** The last solve (an instant). Default `record.resolvedAt`. */
  resolvedAt?: (record: R) => unknown;
  /** The first solve (an instant), where it differs from `resolvedAt`. Default `record.firstResolvedAt`. */
  firstResolvedAt?: (record: R) => unknown;
  /** How many times the ticket was reopened (a count). Default `record.reopens`. */
  reopens?: (record: R) => unknown;
  /** Public agent replies (a count). Default `record.replies`. */
  replies?: (record: R) => unknown;
  /** The ticket's priority (string or number), for SLA targets by priority. Default `record.priority`. */
  priority?: (record: R) => unknown;
  /** The current status ("new", "open", "pending", "on-hold", "solved" or "closed"). Default `record.status`. */
  status?: (record: R) => unknown;
  /** The timeline of messages, `{ at, author, public? }[]`. Default `record.messages`. */
  messages?: (record: R) => unknown;
  /** The status changes, `{ status, at }[]`. Default `record.statusHistory`. */
  statusHistory?: (record: R) => unknown;
  /** Who opened the ticket: "customer" or "agent". Default `record.openedBy`; absent: the timeline decides. */
  openedBy?: (record: R) => unknown;
  /** IANA zone for ISO strings without an offset. Default "UTC". */
  timeZone?: string;
}

/** Why a record is not a valid ticket: the field (e.g. `statusHistory[2].at`), its value and the reason. */
export interface TicketRejection {
  field: string;
  value: string | number | boolean | null;
  reason: string;
}

const FIELDS = ["createdAt", "firstResponseAt", "resolvedAt", "firstResolvedAt", "reopens", "replies", "priority", "status", "messages", "statusHistory", "openedBy"] as const;
type Field = (typeof FIELDS)[number];

type Fields = Partial<Record<Field, unknown>> | null | undefined;
/** One accessor per field with a fixed property name (a shared `r[name]` would make every read megamorphic). */
const DEFAULT_ACCESSORS: Record<Field, (r: Fields) => unknown> = {
  createdAt: (r) => r?.createdAt,
  firstResponseAt: (r) => r?.firstResponseAt,
  resolvedAt: (r) => r?.resolvedAt,
  firstResolvedAt: (r) => r?.firstResolvedAt,
  reopens: (r) => r?.reopens,
  replies: (r) => r?.replies,
  priority: (r) => r?.priority,
  status: (r) => r?.status,
  messages: (r) => r?.messages,
  statusHistory: (r) => r?.statusHistory,
  openedBy: (r) => r?.openedBy,
};

const STATUS_NAMES: Record<string, TicketStatus> = {
  new: "new",
  open: "open",
  pending: "pending",
  "on-hold": "on-hold",
  on_hold: "on-hold",
  hold: "on-hold",
  "on hold": "on-hold",
  solved: "solved",
  closed: "closed",
};
const AUTHORS: Record<string, AuthorKind> = { customer: "customer", agent: "agent", bot: "bot" };

/** The accessors of a ticket reader after checking, plus its zone. */
export interface TicketReader<R> {
  read(record: R): Ticket | TicketRejection;
  /** The accessors' zone, for the options a state carries. */
  timeZone: string;
}

/**
 * Build the reader the ticket metrics share (checks the accessors up front). Internal to src/tickets.
 */
export function ticketReader<R>(metric: string, accessors: TicketAccessors<R>): TicketReader<R> {
  const timeZone = accessors.timeZone === undefined ? "UTC" : checkTimeZone(metric, "timeZone", accessors.timeZone);
  const get = {} as Record<Field, (record: R) => unknown>;
  for (const name of FIELDS) {
    const f = accessors[name];
    if (f !== undefined && typeof f !== "function") {
      throw new InvalidOptionError(metric, name, `is ${typeof f}, expected a function that reads the field from a record`);
    }
    get[name] = (f ?? DEFAULT_ACCESSORS[name]) as (record: R) => unknown;
  }
  const instant = (field: string, raw: unknown): number | null | TicketRejection => {
    if (isMissing(raw)) return null;
    const t = parseInstant(raw, timeZone);
    return t === null ? reject(field, raw, "expected an instant: a Date, epoch milliseconds or an ISO 8601 string") : t;
  };
  return {
    timeZone,
    read(record: R): Ticket | TicketRejection {
      const createdAt = instant("createdAt", get.createdAt(record));
      if (isRejection(createdAt)) return createdAt;
      const firstResponseAt = instant("firstResponseAt", get.firstResponseAt(record));
      if (isRejection(firstResponseAt)) return firstResponseAt;
      const resolvedAt = instant("resolvedAt", get.resolvedAt(record));
      if (isRejection(resolvedAt)) return resolvedAt;
      const firstResolvedAt = instant("firstResolvedAt", get.firstResolvedAt(record));
      if (isRejection(firstResolvedAt)) return firstResolvedAt;
      if (createdAt !== null) {
        if (firstResponseAt !== null && firstResponseAt < createdAt) return beforeCreation("firstResponseAt", get.firstResponseAt(record), createdAt);
        if (resolvedAt !== null && resolvedAt < createdAt) return beforeCreation("resolvedAt", get.resolvedAt(record), createdAt);
        if (firstResolvedAt !== null && firstResolvedAt < createdAt) return beforeCreation("firstResolvedAt", get.firstResolvedAt(record), createdAt);
      }
      if (firstResolvedAt !== null && resolvedAt !== null && firstResolvedAt > resolvedAt) {
        return reject("firstResolvedAt", get.firstResolvedAt(record), `is after resolvedAt (${iso(resolvedAt)}): the first solve cannot follow the last`);
      }
      const reopens = count("reopens", get.reopens(record));
      if (isRejection(reopens)) return reopens;
      const replies = count("replies", get.replies(record));
      if (isRejection(replies)) return replies;
      const rawPriority = get.priority(record);
      let priority: string | number | null = null;
      if (!isMissing(rawPriority)) {
        if (typeof rawPriority === "string" || (typeof rawPriority === "number" && Number.isFinite(rawPriority))) priority = rawPriority;
        else return reject("priority", rawPriority, "expected a string or a finite number (e.g. \"urgent\", \"high\", 1)");
      }
      const rawStatus = get.status(record);
      let status: TicketStatus | null = null;
      if (!isMissing(rawStatus)) {
        status = statusOf(rawStatus);
        if (status === null) return reject("status", rawStatus, STATUS_EXPECTED);
      }
      const messages = readMessages(get.messages(record), createdAt, timeZone);
      if (isRejection(messages)) return messages;
      const statusHistory = readHistory(get.statusHistory(record), createdAt, timeZone);
      if (isRejection(statusHistory)) return statusHistory;
      const rawOpenedBy = get.openedBy(record);
      let openedBy: "customer" | "agent" | null = null;
      if (!isMissing(rawOpenedBy)) {
        const o = typeof rawOpenedBy === "string" ? rawOpenedBy.toLowerCase() : rawOpenedBy;
        if (o !== "customer" && o !== "agent") return reject("openedBy", rawOpenedBy, 'expected "customer" or "agent" (who opened the ticket)');
        openedBy = o;
      }
      return { createdAt, firstResponseAt, resolvedAt, firstResolvedAt, reopens, replies, priority, status, messages, statusHistory, openedBy };
    },
  };
}

/** Whether a reader's answer is a rejection. */
export function isRejection(x: unknown): x is TicketRejection {
  return x !== null && typeof x === "object" && "reason" in x;
}

/**
 * Read and validate one ticket record: instants to epoch milliseconds, counts, priority, status, the message
 * timeline (sorted by time) and the status history.
 *
 * Invalid (InvalidRecordError naming the field): an instant that does not parse; a response or resolution before
 * creation; a first solve after the last; a negative or fractional count (`reopens`, `replies`); an unknown
 * status or author; a message or status change before creation; status changes out of time order, `new` after
 * another status, or any status after `closed`. Missing values (null, undefined, NaN) read as `null`.
 * O(messages log messages + status changes).
 *
 * @param record the ticket
 * @param options accessors (default: fields of the same name) and `timeZone`
 * @param index the record's position, for the error
 * @returns the ticket as the metrics read it
 * @example
 * readTicket({ createdAt: "2024-01-02T09:00Z", resolvedAt: "2024-01-02T11:30Z" }).resolvedAt // => 1704195000000
 * @see Zendesk, "About native Support time duration metrics" (statuses new, open, pending, on-hold, solved, closed)
 */
export function readTicket<R>(record: R, options: TicketAccessors<R> = {}, index = 0): Ticket {
  const t = ticketReader("readTicket", options).read(record);
  if (isRejection(t)) throw new InvalidRecordError("readTicket", { index, ...t });
  return t;
}

const STATUS_EXPECTED = 'expected a ticket status: "new", "open", "pending", "on-hold", "solved" or "closed"';

function statusOf(v: unknown): TicketStatus | null {
  if (typeof v !== "string") return null;
  return (Object.hasOwn(STATUS_NAMES, v) ? STATUS_NAMES[v] : Object.hasOwn(STATUS_NAMES, v.toLowerCase()) ? STATUS_NAMES[v.toLowerCase()] : null) ?? null;
}

function reject(field: string, value: unknown, reason: string): TicketRejection {
  return { field, value: jsonSafeValue(value), reason };
}

function beforeCreation(field: string, value: unknown, createdAt: number): TicketRejection {
  return reject(field, value, `is before createdAt (${iso(createdAt)})`);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function count(field: string, raw: unknown): number | null | TicketRejection {
  if (isMissing(raw)) return null;
  if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) return raw;
  return reject(field, raw, "expected a count: an integer >= 0");
}

function readMessages(raw: unknown, createdAt: number | null, timeZone: string): TicketMessage[] | null | TicketRejection {
  if (isMissing(raw)) return null;
  if (Array.isArray(raw) && raw.length === 0) return null; // an export without the comments: the fields decide
  if (!Array.isArray(raw)) return reject("messages", raw, "expected an array of { at, author, public } messages");
  const out: TicketMessage[] = [];
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i] as Record<string, unknown> | null;
    const at = `messages[${i}]`;
    if (m === null || typeof m !== "object") return reject(at, m, "expected a message { at, author, public }");
    const t = parseInstant(m["at"], timeZone);
    if (t === null) return reject(`${at}.at`, m["at"], "expected an instant: a Date, epoch milliseconds or an ISO 8601 string");
    if (createdAt !== null && t < createdAt) return reject(`${at}.at`, m["at"], `is before createdAt (${iso(createdAt)})`);
    const a = m["author"];
    const author = typeof a === "string" && Object.hasOwn(AUTHORS, a.toLowerCase()) ? AUTHORS[a.toLowerCase()] : undefined;
    if (author === undefined) return reject(`${at}.author`, m["author"], 'expected "customer", "agent" or "bot"');
    const pub = m["public"];
    if (pub !== undefined && typeof pub !== "boolean") return reject(`${at}.public`, pub, "expected true (public) or false (private note)");
    out.push({ at: t, author, public: pub !== false });
  }
  // Exports list messages by id, which is not always time order; a stable sort keeps ties in record order.
  return out.sort((a, b) => a.at - b.at);
}

function readHistory(raw: unknown, createdAt: number | null, timeZone: string): TicketStatusChange[] | null | TicketRejection {
  if (isMissing(raw)) return null;
  if (Array.isArray(raw) && raw.length === 0) return null; // an export without the audits: the fields decide
  if (!Array.isArray(raw)) return reject("statusHistory", raw, "expected an array of { status, at } changes");
  const out: TicketStatusChange[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as Record<string, unknown> | null;
    const at = `statusHistory[${i}]`;
    if (c === null || typeof c !== "object") return reject(at, c, "expected a status change { status, at }");
    const status = statusOf(c["status"]);
    if (status === null) return reject(`${at}.status`, c["status"], STATUS_EXPECTED);
    const t = parseInstant(c["at"], timeZone);
    if (t === null) return reject(`${at}.at`, c["at"], "expected an instant: a Date, epoch milliseconds or an ISO 8601 string");
    if (createdAt !== null && t < createdAt) return reject(`${at}.at`, c["at"], `is before createdAt (${iso(createdAt)})`);
    const prev = out[i - 1];
    if (prev !== undefined) {
      if (t < prev.at) return reject(`${at}.at`, c["at"], `is before statusHistory[${i - 1}].at (${iso(prev.at)}): status changes must be in time order`);
      if (status === "new") return reject(`${at}.status`, c["status"], `follows "${prev.status}": a ticket is new only before any other status`);
      if (prev.status === "closed") return reject(`${at}.status`, c["status"], 'follows "closed": a closed ticket takes no further status');
    }
    out.push({ status, at: t });
  }
  return out;
}
