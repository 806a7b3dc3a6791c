import type { AggregatorState } from "../aggregate/aggregator.ts";
import type { BreakdownState, ColumnTable } from "../aggregate/breakdown.ts";
import { CxError } from "../errors.ts";
import { decodeCsvColumns } from "../io/decodeCsvColumns.ts";
import { decodeNdjsonColumns } from "../io/decodeNdjsonColumns.ts";
import type { CategoryColumn, ColumnBatch, ColumnTypes, DecodeSource, DecodeStats, RejectedRow } from "../io/decodeTypes.ts";
import { metricEntry, specAggregator, type ResolvedSpec } from "./metricSpec.ts";

/** A row that did not count, as written to the rejects file. */
export interface RejectRecord {
  /** 1-based physical line where the row starts (the header is line 1). */
  line: number;
  reason: string;
  /** The row's text; for a row the metric refused after decoding, the fields it read (`name=value`, comma-separated). */
  raw: string;
}

/** A bad row under `onInvalid: "throw"`: the error names the row's physical line. */
export class RowError extends CxError {
  /** 1-based physical line of the row. */
  readonly line: number;
  constructor(line: number, message: string, file?: string) {
    super("INVALID_RECORD", `${file === undefined ? "" : `${file}: `}line ${line}: ${message}`);
    this.name = "RowError";
    this.line = line;
  }
}

/** What one pass over a CSV source gives. */
export interface CsvRun {
  state: BreakdownState<AggregatorState>;
  stats: DecodeStats;
  /** Rows the decoder yielded (the aggregator numbered them from `startIndex`). */
  decoded: number;
  /** True when the source ended inside a quoted field (for a slice of a file: its end was not a record boundary). */
  cut: boolean;
}

/** Options of {@link aggregateCsv}. */
export interface CsvRunOptions {
  /** "csv" (default) or "ndjson" (one JSON object per line; `header` is then ignored). */
  format?: "csv" | "ndjson";
  /** `true`: the source starts with the header; or the column names, for a slice after the header. */
  header: true | string[];
  /** Line number of the source's first line (default 1). */
  startLine?: number;
  /** Index of the first decoded row, for the aggregator's error positions (default 0). */
  startIndex?: number;
  /** True when the source ends where the file ends (an unterminated quote is then the data's fault). */
  last?: boolean;
  /** Every row that did not count, with `onInvalid: "count"`. */
  reject?: (row: RejectRecord) => void;
  /** Bytes read so far, after each batch. */
  progress?: (bytes: number) => void;
}

/**
 * Decode a CSV (or NDJSON) source into typed columns and feed each batch to the spec's breakdown through `addColumns`.
 * The decoder always runs with `onInvalid: "count"`, so this function decides: under "throw" the first bad row
 * (malformed, unparseable, or refused by the metric) is a {@link RowError} naming its line; under "count" each goes
 * to `reject`. A batch in which the metric refused rows is replayed row by row into scratch states to find them
 * (rare; the state itself is fed once). An unterminated quote in a source that is not the file's end marks the run
 * as `cut` instead (see runParallel).
 */
export async function aggregateCsv(spec: ResolvedSpec, source: DecodeSource, options: CsvRunOptions): Promise<CsvRun> {
  const entry = metricEntry(spec.metric);
  const agg = specAggregator(spec);
  const columns: Record<string, "number" | "instant" | "category"> = { [spec.value]: entry.valueType };
  if (spec.at !== null) columns[spec.at] = "instant";
  for (const c of spec.by) columns[c] = "category";
  let cut = false;
  // Decode rejects arrive while a batch is scanned, before the batch (with the rows before them) is yielded:
  // they wait here so that rejects and errors come out in line order.
  let waiting: RejectRecord[] = [];
  const onDecodeReject = (r: RejectedRow): void => {
    if (r.code === "unterminated-quote" && options.last !== true) cut = true;
    else waiting.push({ line: r.line, reason: spec.onInvalid === "throw" ? `${r.reason}${hint}` : r.reason, raw: r.raw });
  };
  const common = {
    columns: columns as ColumnTypes,
    timeZone: spec.timeZone,
    onInvalid: "count" as const,
    rejected: onDecodeReject,
    ...(options.startLine !== undefined && { startLine: options.startLine }),
  };
  const stream = options.format === "ndjson" ? decodeNdjsonColumns(source, common) : decodeCsvColumns(source, { ...common, header: options.header, delimiter: spec.delimiter });
  const state = agg.empty() as BreakdownState<AggregatorState>;
  let index = options.startIndex ?? 0;
  const first = index;
  const emit = (refused: RejectRecord[], upTo: number): void => {
    let k = 0;
    for (const r of refused) {
      while (k < waiting.length && waiting[k]!.line < r.line) options.reject?.(waiting[k++]!);
      options.reject?.(r);
    }
    while (k < waiting.length && waiting[k]!.line <= upTo) options.reject?.(waiting[k++]!);
    waiting = waiting.slice(k);
  };
  for await (const batch of stream as AsyncIterable<ColumnBatch>) {
    const table = tableOf(spec, batch);
    const last = batch.lines[batch.length - 1] ?? 0;
    if (spec.onInvalid === "throw") {
      try {
        agg.addColumns(state as never, table, index);
      } catch (e) {
        const i = (e as { index?: unknown }).index;
        if (e instanceof CxError && e.code === "INVALID_RECORD" && typeof i === "number" && i >= index && i < index + batch.length) {
          const line = batch.lines[i - index]!;
          if (waiting[0] && waiting[0].line < line) throw new RowError(waiting[0].line, waiting[0].reason);
          throw new RowError(line, `${describe(spec, e as unknown as Refusal)}${hint}`);
        }
        throw e;
      }
      if (waiting[0] && waiting[0].line < last) throw new RowError(waiting[0].line, waiting[0].reason);
    } else {
      const before = invalidCount(state);
      agg.addColumns(state as never, table, index);
      emit(invalidCount(state) > before ? findRefused(spec, agg, table, batch, index) : [], last);
    }
    index += batch.length;
    options.progress?.(stream.stats.bytes);
  }
  if (spec.onInvalid === "throw" && waiting[0]) throw new RowError(waiting[0].line, waiting[0].reason);
  emit([], Infinity);
  return { state, stats: stream.stats, decoded: index - first, cut };
}

const hint = " (run with --on-invalid count to count bad rows and go on)";

function tableOf(spec: ResolvedSpec, batch: ColumnBatch): ColumnTable {
  const entry = metricEntry(spec.metric);
  const raw = batch.columns[spec.value] as Float64Array;
  const at = spec.at === null ? null : (batch.columns[spec.at] as Float64Array);
  const keys: Record<string, { codes: Int32Array; labels: (string | null)[] }> = {};
  for (const c of spec.by) keys[c] = batch.columns[c] as CategoryColumn;
  return { values: entry.values ? entry.values(raw, at) : raw, keys, ...(at !== null && { at }) };
}

/** Invalid rows a breakdown state has counted: its own (keys, instants) and its groups' (values). */
function invalidCount(state: BreakdownState<AggregatorState>): number {
  let n = state.invalid.count;
  for (const id in state.groups) n += (state.groups[id]!.state as { invalid?: { count: number } }).invalid?.count ?? 0;
  return n;
}

/** The first invalid example a breakdown state holds. */
function firstRefusal(state: BreakdownState<AggregatorState>): Refusal | undefined {
  if (state.invalid.examples[0]) return state.invalid.examples[0];
  for (const id in state.groups) {
    const e = (state.groups[id]!.state as { invalid?: { examples: Refusal[] } }).invalid?.examples[0];
    if (e) return e;
  }
  return undefined;
}

interface Refusal {
  field: string;
  value: unknown;
  reason: string;
}

/** A metric's refusal in the words of the file: the column's name instead of the aggregator's field name. */
function describe(spec: ResolvedSpec, e: Refusal): string {
  if (e.field === "at" && spec.at !== null && (e.value === "NaN" || e.value === null)) return `column "${spec.at}" is empty: a row without an instant has no period`;
  const column = e.field === "at" && spec.at !== null ? spec.at : spec.by.includes(e.field) ? e.field : spec.value;
  return `column "${column}" is ${JSON.stringify(e.value)}, ${e.reason}`;
}

/** The rows of a batch the metric refused, found by adding each row to a scratch state. */
function findRefused(spec: ResolvedSpec, agg: ReturnType<typeof specAggregator>, table: ColumnTable, batch: ColumnBatch, base: number): RejectRecord[] {
  const out: RejectRecord[] = [];
  const one = (a: ArrayLike<number>, i: number): number[] => [a[i]!];
  for (let i = 0; i < batch.length; i++) {
    const row: ColumnTable = {
      values: one(table.values, i),
      keys: Object.fromEntries(Object.entries(table.keys ?? {}).map(([k, c]) => [k, { codes: one(c.codes, i), labels: c.labels }])),
      ...(table.at && { at: one(table.at, i) }),
    };
    const scratch = agg.addColumns(agg.empty() as never, row, base + i) as unknown as BreakdownState<AggregatorState>;
    const e = firstRefusal(scratch);
    if (e === undefined) continue;
    const fields = [`${spec.value}=${String(table.values[i])}`];
    if (table.at) fields.push(`${spec.at}=${Number.isNaN(table.at[i]) ? "" : new Date(table.at[i]!).toISOString()}`);
    for (const [k, c] of Object.entries(table.keys ?? {})) fields.push(`${k}=${c.labels[c.codes[i]!] ?? ""}`);
    out.push({ line: batch.lines[i]!, reason: describe(spec, e), raw: fields.join(",") });
  }
  return out;
}
