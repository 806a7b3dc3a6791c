import type { AggregatorState } from "../aggregate/aggregator.ts";
import type { BreakdownResult, BreakdownState } from "../aggregate/breakdown.ts";
import type { DecodeSource } from "../io/decodeTypes.ts";
import { aggregateCsv, type RejectRecord } from "./aggregateCsv.ts";
import type { ShownResult } from "./metricRegistry.ts";
import { resolveSpec, specAggregator, type MetricSpec, type ResolvedSpec } from "./metricSpec.ts";

/** Where every data row of a run went: accepted + missing + rejected = rows. */
export interface RunCounts {
  /** Physical lines read (header, blank lines and the lines inside quoted fields included). */
  lines: number;
  /** Data rows read. */
  rows: number;
  /** Rows that counted in the metric. */
  accepted: number;
  /** Rows whose value was empty (counted as missing, never as zero). */
  missing: number;
  /** Rows that did not count: malformed, unparseable, or refused by the metric (out of range, no instant). */
  rejected: number;
  bytes: number;
}

/** The outcome of {@link runCsv} and runParallel. */
export interface CsvReport {
  /** The breakdown's result: rows of segment x period and the total. */
  result: BreakdownResult<ShownResult>;
  /** The merged state (plain JSON), e.g. to store or merge with other files. */
  state: BreakdownState<AggregatorState>;
  counts: RunCounts;
  /** Threads that decoded the file (1 when a split could not be verified and the file was read again in one). */
  workers: number;
}

/** Options of {@link runCsv}. */
export interface RunCsvOptions {
  /** "csv" (default) or "ndjson" (one JSON object per line). */
  format?: "csv" | "ndjson";
  /** Every row that did not count (with `onInvalid: "count"`), in line order. */
  rejected?: (row: RejectRecord) => void;
  /** Bytes read so far. */
  progress?: (bytes: number) => void;
}

/**
 * A metric by segment x period over one CSV source (a file's chunks, stdin, a string, a web stream) in this
 * thread: the single-thread reference that runParallel must equal. Memory: one chunk plus the groups' states.
 *
 * @param spec the metric, its columns, segments, period, time zone and onInvalid
 * @param source CSV with a header row
 * @param options rejected-row sink and progress callback
 * @returns the breakdown result, its state and the row accounting
 * @example
 * const r = await runCsv({ metric: "nps", by: ["channel"] }, "at,channel,nps\n2025-01-01T00:00:00Z,chat,9\n");
 * r.result.total.score // => 100
 * @see runParallel
 */
export async function runCsv(spec: MetricSpec, source: DecodeSource, options: RunCsvOptions = {}): Promise<CsvReport> {
  const resolved = resolveSpec(spec);
  const run = await aggregateCsv(resolved, source, { header: true, last: true, ...(options.format && { format: options.format }), ...(options.rejected && { reject: options.rejected }), ...(options.progress && { progress: options.progress }) });
  return report(resolved, run.state, { lines: run.stats.lines, rows: run.stats.rows, decodeRejected: run.stats.rejected, bytes: run.stats.bytes }, 1);
}

/** The result and the accounting of a state (internal: runParallel shares it). */
export function report(spec: ResolvedSpec, state: BreakdownState<AggregatorState>, c: { lines: number; rows: number; decodeRejected: number; bytes: number }, workers: number): CsvReport {
  const result = specAggregator(spec).result(state as never);
  const { total } = result;
  const refused = (result.invalid?.count ?? 0) + (total.invalid?.count ?? 0);
  return {
    result,
    state,
    counts: { lines: c.lines, rows: c.rows, accepted: total.n, missing: total.missing, rejected: c.decodeRejected + refused, bytes: c.bytes },
    workers,
  };
}
