import type { OnInvalid } from "../aggregate/aggregator.ts";
import { InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkOnInvalid } from "../_lib/checkOptions.ts";
import { rejectRecord, type InvalidLog } from "../_lib/invalidLog.ts";
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
 * Indexes of the records that overlap an earlier subscription of the same customer (a customer counted twice would
 * bias every customer count). Subscriptions of a customer are ordered by start (then by index); one that starts
 * before the previous one ends (or while it is still active) is a duplicate. Back-to-back subscriptions
 * (end = next start) do not overlap. O(n log n).
 */
export function overlappingSubscriptions(subs: readonly { sub: Subscription; index: number }[]): Map<number, Subscription> {
  // one pass finds the customers with more than one subscription (usually few); only those are grouped and sorted.
  // Dense integer ids (0..~4n, as database keys often are) use a typed array instead of a Map: same answer, faster.
  let repeated: Map<string | number, { sub: Subscription; index: number }[]> | null = null;
  const again = (id: string | number, j: number, i: number): void => {
    repeated ??= new Map();
    const list = repeated.get(id);
    if (list) list.push(subs[i]!);
    else repeated.set(id, [subs[j]!, subs[i]!]);
  };
  let maxId = -1;
  for (let i = 0; i < subs.length && maxId !== -2; i++) {
    const id = subs[i]!.sub.customerId;
    maxId = typeof id === "number" && Number.isInteger(id) && id >= 0 && id <= 4 * subs.length + 1024 ? Math.max(maxId, id) : -2;
  }
  if (maxId >= 0) {
    const first = new Int32Array(maxId + 1); // index + 1 of the customer's first subscription
    for (let i = 0; i < subs.length; i++) {
      const id = subs[i]!.sub.customerId as number;
      const j = first[id]!;
      if (j === 0) first[id] = i + 1;
      else again(id, j - 1, i);
    }
  } else {
    const first = new Map<string | number, number>();
    for (let i = 0; i < subs.length; i++) {
      const id = subs[i]!.sub.customerId;
      const j = first.get(id);
      if (j === undefined) first.set(id, i);
      else again(id, j, i);
    }
  }
  const out = new Map<number, Subscription>();
  if (repeated === null) return out;
  for (const list of (repeated as Map<string | number, { sub: Subscription; index: number }[]>).values()) {
    list.sort((a, b) => a.sub.start - b.sub.start || a.index - b.index);
    let lastEnd: number | null = list[0]!.sub.end;
    for (let i = 1; i < list.length; i++) {
      const x = list[i]!;
      if (lastEnd === null || x.sub.start < lastEnd) {
        out.set(x.index, list[i - 1]!.sub);
        continue;
      }
      lastEnd = x.sub.end;
    }
  }
  return out;
}

/**
 * Read every record, reject the invalid ones and the overlapping duplicates (DESIGN 4), and hand the rest on in input
 * order: the shared first pass of the one-shot churn functions.
 */
export function readSubscriptions<R>(
  metric: string,
  records: Iterable<R>,
  reader: SubscriptionReader<R>,
  log: InvalidLog,
): { subs: { sub: Subscription; index: number }[]; missing: number; records: number } {
  const subs: { sub: Subscription; index: number }[] = [];
  let missing = 0;
  let index = 0;
  for (const r of records) {
    const s = reader.read(r, index, log);
    if (s === "missing") missing++;
    else if (s !== "invalid") subs.push({ sub: s, index });
    index++;
  }
  const dup = overlappingSubscriptions(subs);
  if (dup.size === 0) return { subs, missing, records: index };
  const kept: { sub: Subscription; index: number }[] = [];
  for (const x of subs) {
    const other = dup.get(x.index);
    if (other === undefined) {
      kept.push(x);
      continue;
    }
    rejectRecord(log, reader.onInvalid, metric, {
      index: x.index,
      field: "start",
      value: new Date(x.sub.start).toISOString(),
      reason: `overlaps another subscription of customer ${JSON.stringify(x.sub.customerId)} (from ${new Date(other.start).toISOString()}${other.end === null ? ", still active" : ` to ${new Date(other.end).toISOString()}`}); expected one active subscription per customer at a time`,
    });
  }
  return { subs: kept, missing, records: index };
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
  const { subs, missing, records: count } = readSubscriptions(metric, records, reader, state.invalid);
  for (const x of subs) state = add(state, x.sub, x.index);
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
