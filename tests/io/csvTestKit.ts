/** Test helpers for the decoders: a reference CSV writer, and collectors that turn a decode into plain data. */
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { decodeCsvColumns } from "../../src/io/decodeCsvColumns.ts";
import type { CsvOptions } from "../../src/io/csvRows.ts";
import type { ColumnBatch, ColumnTypes, DecodeSource, DecodeStats, RejectedRow } from "../../src/io/decodeTypes.ts";

export type Cell = string | number | boolean | null;

/**
 * The reference writer (RFC 4180 section 2): a field is quoted when it holds the delimiter, a quote, CR or LF, is
 * the empty string (so that it is not missing), or starts with U+FEFF; quotes inside are doubled. null is an
 * empty unquoted field. Numbers keep -0.
 */
export function writeCsv(names: readonly string[], rows: readonly Cell[][], delimiter = ",", eol = "\n", trailing = true): string {
  const field = (v: Cell): string => {
    if (v === null) return "";
    if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
    if (typeof v === "boolean") return String(v);
    const needs = v === "" || v.includes(delimiter) || v.includes('"') || v.includes("\r") || v.includes("\n") || v.startsWith("\uFEFF");
    return needs ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const lines = [names, ...rows].map((r) => r.map(field).join(delimiter));
  return lines.join(eol) + (trailing ? eol : "");
}

/** Everything a records decode produced: records (as plain objects), rejected rows, final stats, or the error. */
export interface RecordsOutcome {
  records: Record<string, unknown>[];
  rejected: RejectedRow[];
  stats: DecodeStats | null;
  error: { name: string; message: string; line: unknown; column: unknown } | null;
}

export async function recordsOf<C extends ColumnTypes>(source: DecodeSource, options: CsvOptions<C> = {}): Promise<RecordsOutcome> {
  const rejected: RejectedRow[] = [];
  const out: RecordsOutcome = { records: [], rejected, stats: null, error: null };
  const it = decodeCsv(source, { ...options, rejected: (r) => rejected.push(r) });
  try {
    for await (const r of it) out.records.push(r);
    out.stats = structuredClone(it.stats);
  } catch (e) {
    const x = e as { name: string; message: string; line?: unknown; column?: unknown };
    out.error = { name: x.name, message: x.message, line: x.line, column: x.column };
  }
  return out;
}

/** Columnar batches flattened to one array per column (categories as label values), with lines and stats. */
export async function columnsOf<C extends ColumnTypes>(source: DecodeSource, options: CsvOptions<C> & { batchSize?: number } = {}): Promise<{ columns: Record<string, unknown[]>; lines: number[]; stats: DecodeStats; batches: number }> {
  const columns: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>; // a column may be named __proto__
  const lines: number[] = [];
  let batches = 0;
  const it = decodeCsvColumns(source, options);
  for await (const b of it) {
    batches++;
    lines.push(...b.lines);
    for (const [name, col] of Object.entries((b as ColumnBatch).columns)) {
      const list = (columns[name] ??= []);
      if (Array.isArray(col)) list.push(...col);
      else if ("codes" in col) for (const c of col.codes) list.push(col.labels[c]);
      else list.push(...col);
    }
  }
  return { columns, lines, stats: structuredClone(it.stats), batches };
}

/** Cut bytes at the given positions into chunks. */
export function cut<T extends Uint8Array | string>(whole: T, at: readonly number[]): T[] {
  const points = [...new Set(at)].filter((p) => p > 0 && p < whole.length).sort((a, b) => a - b);
  const out: T[] = [];
  let from = 0;
  for (const p of [...points, whole.length]) {
    out.push(whole.slice(from, p) as T);
    from = p;
  }
  return out;
}

/** An async iterable over chunks, one microtask apart. */
export async function* asyncChunks<T>(chunks: readonly T[]): AsyncGenerator<T> {
  for (const c of chunks) yield await Promise.resolve(c);
}

/** A web ReadableStream over chunks. */
export function streamOf<T>(chunks: readonly T[]): ReadableStream<T> {
  let i = 0;
  return new ReadableStream<T>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}
