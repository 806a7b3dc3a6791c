import type { AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, jsonSafeValue } from "../errors.ts";
import { emptyInvalidLog, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog } from "../_lib/invalidLog.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectCount, expectCounts, expectHeader } from "../_lib/stateChecks.ts";

/**
 * The state shared by the survey metrics on a small answer scale (CSAT, CES): counts per scale point, so that
 * means, variances and shares are exact and merging is plain addition.
 */
export interface ScaleCountsState<K extends string, O> extends AggregatorState {
  readonly kind: K;
  /** The options that shape the state; states with different options do not merge. */
  options: O;
  /** Valid answers per scale point, from the lowest point up. */
  counts: number[];
  /** Answers that were null, undefined or NaN. */
  missing: number;
  invalid: InvalidLog;
}

/** How one metric reads answers into scale points. */
export interface ScaleReader {
  /** The point index of a present answer (0 = lowest point), or -1 when the answer is invalid. */
  pointOf(v: unknown): number;
  /** Why an invalid answer was refused, e.g. "expected an integer from 1 to 5". */
  expected: string;
}

/** A new empty state with `points` scale points. */
export function emptyScaleCounts<K extends string, O>(kind: K, options: O, points: number): ScaleCountsState<K, O> {
  return { v: 1, kind, options, counts: new Array<number>(points).fill(0), missing: 0, invalid: emptyInvalidLog() };
}

/** Add one answer in place: counted on its point, as missing, or rejected (thrown or counted per `onInvalid`). */
export function addScaleAnswer<K extends string, O>(
  state: ScaleCountsState<K, O>,
  v: unknown,
  index: number | undefined,
  reader: ScaleReader,
  onInvalid: OnInvalid,
): ScaleCountsState<K, O> {
  const p = reader.pointOf(v);
  if (p >= 0) state.counts[p]! += 1;
  else if (isMissing(v)) state.missing += 1;
  else rejectRecord(state.invalid, onInvalid, state.kind, { index: index ?? seen(state), field: "score", value: jsonSafeValue(v), reason: reader.expected });
  return state;
}

/** A new state holding both; throws IncompatibleStatesError when the options differ. */
export function mergeScaleCounts<K extends string, O>(a: ScaleCountsState<K, O>, b: ScaleCountsState<K, O>): ScaleCountsState<K, O> {
  if (!sameJson(a.options, b.options) || a.counts.length !== b.counts.length) {
    throw new IncompatibleStatesError(a.kind, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
  }
  return {
    v: 1,
    kind: a.kind,
    options: structuredClone(a.options),
    counts: a.counts.map((c, i) => c + b.counts[i]!),
    missing: a.missing + b.missing,
    invalid: mergeInvalidLogs(a.invalid, b.invalid),
  };
}

/**
 * Validate a parsed JSON value as a state of this kind: the header, counts for `points` points, missing and
 * invalid; `readOptions` checks the options and must return them equal to the aggregator's own.
 */
export function readScaleCounts<K extends string, O>(kind: K, json: unknown, points: number, readOptions: (raw: unknown) => O): ScaleCountsState<K, O> {
  const o = expectHeader(kind, json);
  return {
    v: 1,
    kind,
    options: readOptions(o["options"]),
    counts: expectCounts(kind, "counts", o["counts"], points),
    missing: expectCount(kind, "missing", o["missing"]),
    invalid: readInvalidLog(kind, o["invalid"]),
  };
}

/** Mean and sample standard deviation of a scale from its counts (point i has value min + i); exact sums. */
export function scaleMoments(counts: readonly number[], min: number): { n: number; mean: number | null; sd: number | null } {
  let n = 0, sum = 0;
  for (let i = 0; i < counts.length; i++) (n += counts[i]!), (sum += counts[i]! * (min + i));
  if (n === 0) return { n, mean: null, sd: null };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < counts.length; i++) ss += counts[i]! * (min + i - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null };
}

function seen(state: ScaleCountsState<string, unknown>): number {
  let s = state.missing + state.invalid.count;
  for (const c of state.counts) s += c;
  return s;
}
