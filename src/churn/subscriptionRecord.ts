import type { OnInvalid } from "../aggregate/aggregator.ts";
import { InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkOnInvalid } from "../_lib/checkOptions.ts";
import { mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog } from "../_lib/invalidLog.ts";
import { expectCount } from "../_lib/stateChecks.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";

/**
 * How subscription records are read (DESIGN 6.5). Every accessor defaults to the field of the same name, so a record
 * `{ customerId, start, end, reason, mrr }` needs no accessors at all.
 */
export interface SubscriptionAccessors<R> {
  /** The customer (a string or a finite number). Default `r.customerId`. */
  customerId?: (record: R) => unknown;
  /** When the subscription started: Date, epoch ms or ISO 8601 (DESIGN 5). Default `r.start`. */
  start?: (record: R) => unknown;
  /** When it ended (cancelled); null/undefined = still active. Default `r.end`. */
  end?: (record: R) => unknown;
  /** Cancellation reason (a string); missing = unknown reason. Default `r.reason`. */
  reason?: (record: R) => unknown;
  /** Time zone for instants written without an offset. Default "UTC". */
  timeZone?: string;
  /** `"throw"` (default) stops at the first invalid record; `"count"` counts it in `invalid` and goes on. */
  onInvalid?: OnInvalid;
}

/** One subscription as read: instants in epoch ms, `end` null while active. */
export interface Subscription {
  customerId: string | number;
  start: number;
  end: number | null;
  reason: string | null;
}

/** The checked form of {@link SubscriptionAccessors}. */
export interface SubscriptionReader<R> {
  read(record: R, index: number, log: InvalidLog): Subscription | "missing" | "invalid";
  timeZone: string;
  onInvalid: OnInvalid;
}

const field = (name: string) => (r: unknown): unknown => (r !== null && typeof r === "object" ? (r as Record<string, unknown>)[name] : undefined);

/** An instant option (`from`, `to`, `asOf`): required, parsed in the time zone. */
export function checkInstantOption(metric: string, name: string, value: unknown, timeZone: string): number {
  const t = parseInstant(value, timeZone);
  if (t === null) throw new InvalidOptionError(metric, name, `is ${JSON.stringify(jsonSafeValue(value))}, expected a Date, epoch milliseconds or an ISO 8601 string`);
  return t;
}

/** Validate the accessors once, up front, and return a reader. */
export function subscriptionReader<R>(metric: string, options: SubscriptionAccessors<R>): SubscriptionReader<R> {
  const customerId = checkAccessor(metric, "customerId", options.customerId) ?? field("customerId");
  const start = checkAccessor(metric, "start", options.start) ?? field("start");
  const end = checkAccessor(metric, "end", options.end) ?? field("end");
  const reason = checkAccessor(metric, "reason", options.reason) ?? field("reason");
  const timeZone = checkTimeZone(metric, "timeZone", options.timeZone ?? "UTC");
  const onInvalid = checkOnInvalid(metric, options.onInvalid);
  const instantReason = "expected a Date, epoch milliseconds or an ISO 8601 string, in years 1000 to 9999";
  return {
    timeZone,
    onInvalid,
    read(record: R, index: number, log: InvalidLog): Subscription | "missing" | "invalid" {
      const id = customerId(record as never);
      const rawStart = start(record as never);
      if (isMissing(id) || isMissing(rawStart)) return "missing";
      if (!((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id)))) {
        rejectRecord(log, onInvalid, metric, { index, field: "customerId", value: jsonSafeValue(id), reason: "expected a non-empty string or a finite number" });
        return "invalid";
      }
      const s = parseInstant(rawStart, timeZone);
      if (s === null) {
        rejectRecord(log, onInvalid, metric, { index, field: "start", value: jsonSafeValue(rawStart), reason: instantReason });
        return "invalid";
      }
      const rawEnd = end(record as never);
      let e: number | null = null;
      if (!isMissing(rawEnd)) {
        e = parseInstant(rawEnd, timeZone);
        if (e === null) {
          rejectRecord(log, onInvalid, metric, { index, field: "end", value: jsonSafeValue(rawEnd), reason: instantReason });
          return "invalid";
        }
        if (e < s) {
          rejectRecord(log, onInvalid, metric, { index, field: "end", value: jsonSafeValue(rawEnd), reason: `is before the start ${new Date(s).toISOString()}; expected an end at or after the start` });
          return "invalid";
        }
      }
      const rawReason = reason(record as never);
      if (!isMissing(rawReason) && typeof rawReason !== "string") {
        rejectRecord(log, onInvalid, metric, { index, field: "reason", value: jsonSafeValue(rawReason), reason: "expected a string (or null when unknown)" });
        return "invalid";
      }
      return { customerId: typeof id === "number" ? id + 0 : id, start: s, end: e, reason: rawReason === "" || isMissing(rawReason) ? null : (rawReason as string) };
    },
  };
}

/**
 * Subscriptions read by the one-shot functions, in columns: a million records leave a few arrays of numbers alive
 * between the two passes, not a million objects (which the garbage collector would have to promote and trace).
 */
export interface SubscriptionColumns {
  length: number;
  ids: (string | number)[];
  starts: number[];
  /** NaN while active. */
  ends: number[];
  reasons: (string | null)[];
  /** Each subscription's record index in the input. */
  indexes: number[];
  /**
   * 1 where the subscription was rejected as an overlapping duplicate, 2 where it was joined into an earlier span of
   * the same customer that ends exactly when it starts (that earlier span now carries its end and reason).
   */
  rejected: Uint8Array;
}

/** Subscription `i` of the columns as an object. */
export function subscriptionAt(c: SubscriptionColumns, i: number): Subscription {
  const end = c.ends[i]!;
  return { customerId: c.ids[i]!, start: c.starts[i]!, end: Number.isNaN(end) ? null : end, reason: c.reasons[i]! };
}

/**
 * The subscriptions that overlap an earlier subscription of the same customer (a customer counted twice would bias
 * every customer count), each with the position of the one it overlaps. Subscriptions of a customer are ordered by
 * start (then the later or null end, then record index; so the kept duplicate does not depend on input order); one
 * that starts before the previous kept one ends (or while it is still active) is a
 * duplicate. Back-to-back subscriptions (end = next start, e.g. a plan change exported as "old one ended, new one
 * started") are one continuous customer lifetime: the later span is joined into the kept one (its end and reason
 * move to the kept one, and `rejected` marks it 2), so the customer neither churns nor starts again at the join.
 * O(n) to find the customers seen more than once (a typed array for dense integer ids 0..~4n, else a Map),
 * O(k log k) to sort those k. Mutates `c.ends`, `c.reasons` and `c.rejected` for joins.
 */
export function overlappingSubscriptions(c: SubscriptionColumns): Map<number, number> {
  const n = c.length;
  let repeated: Map<string | number, number[]> | null = null;
  const again = (id: string | number, j: number, i: number): void => {
    repeated ??= new Map();
    const list = repeated.get(id);
    if (list) list.push(i);
    else repeated.set(id, [j, i]);
  };
  let maxId = -1;
  for (let i = 0; i < n && maxId !== -2; i++) {
    const id = c.ids[i]!;
    maxId = typeof id === "number" && Number.isInteger(id) && id >= 0 && id <= 4 * n + 1024 ? Math.max(maxId, id) : -2;
  }
  if (maxId >= 0) {
    const first = new Int32Array(maxId + 1); // position + 1 of the customer's first subscription
    for (let i = 0; i < n; i++) {
      const id = c.ids[i] as number;
      const j = first[id]!;
      if (j === 0) first[id] = i + 1;
      else again(id, j - 1, i);
    }
  } else {
    const first = new Map<string | number, number>();
    for (let i = 0; i < n; i++) {
      const id = c.ids[i]!;
      const j = first.get(id);
      if (j === undefined) first.set(id, i);
      else again(id, j, i);
    }
  }
  const out = new Map<number, number>();
  if (repeated === null) return out;
  for (const list of (repeated as Map<string | number, number[]>).values()) {
    // earliest start first; at equal starts the later end (an active one first), then input order: which of two
    // overlapping duplicates is kept does not depend on the input order
    const endKey = (i: number): number => (Number.isNaN(c.ends[i]!) ? Infinity : c.ends[i]!);
    list.sort((a, b) => c.starts[a]! - c.starts[b]! || endKey(b) - endKey(a) || c.indexes[a]! - c.indexes[b]!);
    let kept = list[0]!;
    for (let k = 1; k < list.length; k++) {
      const i = list[k]!;
      const lastEnd = c.ends[kept]!;
      if (Number.isNaN(lastEnd) || c.starts[i]! < lastEnd) out.set(i, kept);
      else if (c.starts[i]! === lastEnd) {
        // touching: one continuous lifetime, the kept span takes this one's end and reason
        c.ends[kept] = c.ends[i]!;
        c.reasons[kept] = c.reasons[i]!;
        c.rejected[i] = 2;
      } else kept = i;
    }
  }
  return out;
}

/**
 * Read every record, reject the invalid ones and the overlapping duplicates (DESIGN 4) and join back-to-back spans of
 * one customer into one lifetime: the shared first pass of the one-shot churn functions. The kept subscriptions
 * (customer lifetimes) are those with `rejected[i] === 0`, in input order.
 */
export function readSubscriptions<R>(
  metric: string,
  records: Iterable<R>,
  reader: SubscriptionReader<R>,
  log: InvalidLog,
): { columns: SubscriptionColumns; missing: number; records: number } {
  const ids: (string | number)[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const reasons: (string | null)[] = [];
  const indexes: number[] = [];
  let missing = 0;
  let index = 0;
  for (const r of records) {
    const s = reader.read(r, index, log);
    if (s === "missing") missing++;
    else if (s !== "invalid") {
      ids.push(s.customerId);
      starts.push(s.start);
      ends.push(s.end === null ? Number.NaN : s.end);
      reasons.push(s.reason);
      indexes.push(index);
    }
    index++;
  }
  const columns: SubscriptionColumns = { length: ids.length, ids, starts, ends, reasons, indexes, rejected: new Uint8Array(ids.length) };
  for (const [i, j] of overlappingSubscriptions(columns)) {
    columns.rejected[i] = 1;
    const end = ends[j]!;
    rejectRecord(log, reader.onInvalid, metric, {
      index: indexes[i]!,
      field: "start",
      value: new Date(starts[i]!).toISOString(),
      reason: `overlaps another subscription of customer ${JSON.stringify(ids[i])} (from ${new Date(starts[j]!).toISOString()}${Number.isNaN(end) ? ", still active" : ` to ${new Date(end).toISOString()}`}); expected one active subscription per customer at a time`,
    });
  }
  return { columns, missing, records: index };
}

/**
 * The one-shot path shared by churnRate, churnRateSeries, churnByReason and cohortRetention: read every record,
 * reject invalid ones and overlapping duplicates into the state's log, and add the rest with the aggregator's own
 * `add` for read subscriptions, so that the one-shot result is the aggregator's result over the same records.
 */
export function foldSubscriptions<R, S extends { records: number; missing: number; invalid: InvalidLog }>(
  metric: string,
  records: Iterable<R>,
  options: SubscriptionAccessors<R>,
  state: S,
  add: (state: S, sub: Subscription, index: number) => S,
): S {
  const reader = subscriptionReader(metric, options);
  const { columns, missing, records: count } = readSubscriptions(metric, records, reader, state.invalid);
  for (let i = 0; i < columns.length; i++) if (columns.rejected[i] === 0) state = add(state, subscriptionAt(columns, i), columns.indexes[i]!);
  state.records += count;
  state.missing += missing;
  return state;
}

/** A period option pair: both instants, `to` after `from` (names as the caller calls them, e.g. "previous.from"). */
export function checkRange(metric: string, names: readonly [string, string], from: unknown, to: unknown, timeZone: string): { from: number; to: number } {
  const f = checkInstantOption(metric, names[0], from, timeZone);
  const t = checkInstantOption(metric, names[1], to, timeZone);
  if (!(t > f)) throw new InvalidOptionError(metric, names[1], `is ${new Date(t).toISOString()}, expected an instant after "${names[0]}" (${new Date(f).toISOString()})`);
  return { from: f, to: t };
}

/**
 * The `add` of a subscription aggregator: read the record (missing counted, invalid rejected into the state's log)
 * and hand a valid subscription to `addSubscription`.
 */
export function addSubscriptionRecord<R, S extends { records: number; missing: number; invalid: InvalidLog }>(
  reader: SubscriptionReader<R>,
  addSubscription: (state: S, sub: Subscription, index: number) => S,
): (state: S, record: R, index?: number) => S {
  return (state: S, record: R, index?: number): S => {
    const i = index ?? state.records;
    state.records += 1;
    const sub = reader.read(record, i, state.invalid);
    if (sub === "missing") state.missing += 1;
    else if (sub !== "invalid") addSubscription(state, sub, i);
    return state;
  };
}

/** The counts every churn aggregator state ends with. */
export interface CommonCounts {
  /** Valid records counted. */
  n: number;
  /** Records read (valid, missing or invalid), for error positions. */
  records: number;
  missing: number;
  invalid: InvalidLog;
}

/** Set `out`'s common counts to those of `a` and `b` together (merge). */
export function mergeCommonCounts<S extends CommonCounts>(out: S, a: CommonCounts, b: CommonCounts): S {
  out.n = a.n + b.n;
  out.records = a.records + b.records;
  out.missing = a.missing + b.missing;
  out.invalid = mergeInvalidLogs(a.invalid, b.invalid);
  return out;
}

/** Read the common counts of a state from JSON (fromJSON). */
export function readCommonCounts(kind: string, o: Record<string, unknown>): CommonCounts {
  return { n: expectCount(kind, "n", o["n"]), records: expectCount(kind, "records", o["records"]), missing: expectCount(kind, "missing", o["missing"]), invalid: readInvalidLog(kind, o["invalid"]) };
}
