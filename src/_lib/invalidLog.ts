import { InvalidRecordError, type InvalidRecordInfo } from "../errors.ts";
import type { OnInvalid } from "../aggregate/aggregator.ts";
import { expectArray, expectCount, expectObject, fail } from "./stateChecks.ts";

/** How many invalid records a state keeps as examples. */
export const INVALID_EXAMPLES = 10;

/** The invalid records of a state: how many, and the first 10 (`INVALID_EXAMPLES`) by index. */
export interface InvalidLog {
  count: number;
  examples: InvalidRecordInfo[];
}

/** The summary of invalid records in a result: `null` when the caller asked to throw and none were seen. */
export type InvalidSummary = InvalidLog | null;

/** An empty log. */
export function emptyInvalidLog(): InvalidLog {
  return { count: 0, examples: [] };
}

/**
 * Throw the record's error, or count it in `log` when the caller asked to go on.
 * Examples are kept sorted by index so that merging is commutative and associative.
 */
export function rejectRecord(log: InvalidLog, onInvalid: OnInvalid, metric: string, info: InvalidRecordInfo): void {
  if (onInvalid === "throw") throw new InvalidRecordError(metric, info);
  log.count += 1;
  const ex = log.examples;
  if (ex.length === INVALID_EXAMPLES && compareInfo(info, ex[ex.length - 1]!) >= 0) return;
  let i = ex.length;
  while (i > 0 && compareInfo(info, ex[i - 1]!) < 0) i--;
  ex.splice(i, 0, info);
  if (ex.length > INVALID_EXAMPLES) ex.pop();
}

/** A new log holding both: counts added, the first examples by index kept. */
export function mergeInvalidLogs(a: InvalidLog, b: InvalidLog): InvalidLog {
  const examples = [...a.examples, ...b.examples].sort(compareInfo).slice(0, INVALID_EXAMPLES);
  return { count: a.count + b.count, examples: examples.map((e) => ({ ...e })) };
}

/** A deep copy (states are mutated by `add`, so `merge` copies what it keeps). */
export function copyInvalidLog(log: InvalidLog): InvalidLog {
  return { count: log.count, examples: log.examples.map((e) => ({ ...e })) };
}

/** The summary a result shows: the log when counting was asked for or anything was counted, else null. */
export function invalidSummary(log: InvalidLog, onInvalid: OnInvalid): InvalidSummary {
  return onInvalid === "count" || log.count > 0 ? copyInvalidLog(log) : null;
}

/** Validate a log read from JSON: a count, and at most min(count, 10) examples with index, field, value, reason. */
export function readInvalidLog(kind: string, json: unknown): InvalidLog {
  const o = expectObject(kind, "invalid", json);
  const count = expectCount(kind, "invalid.count", o["count"]);
  const raw = expectArray(kind, "invalid.examples", o["examples"]);
  const most = Math.min(count, INVALID_EXAMPLES);
  if (raw.length > most) fail(kind, "invalid.examples", `holds ${raw.length} examples, expected at most ${most}`);
  const examples = raw.map((e, i): InvalidRecordInfo => {
    const at = `invalid.examples[${i}]`;
    const { index, field, value, reason } = expectObject(kind, at, e);
    if (typeof field !== "string") fail(kind, `${at}.field`, "is not a string");
    if (typeof reason !== "string") fail(kind, `${at}.reason`, "is not a string");
    if (!(value === null || ["string", "number", "boolean"].includes(typeof value))) fail(kind, `${at}.value`, "is not a JSON scalar");
    return { index: expectCount(kind, `${at}.index`, index), field, value: value as InvalidRecordInfo["value"], reason };
  });
  return { count, examples };
}

function compareInfo(a: InvalidRecordInfo, b: InvalidRecordInfo): number {
  if (a.index !== b.index) return a.index - b.index;
  if (a.field !== b.field) return a.field < b.field ? -1 : 1;
  if (a.reason !== b.reason) return a.reason < b.reason ? -1 : 1;
  const av = JSON.stringify(a.value);
  const bv = JSON.stringify(b.value);
  return av === bv ? 0 : av < bv ? -1 : 1;
}
