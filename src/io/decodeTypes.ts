import type { OnInvalid } from "../aggregate/aggregator.ts";

/**
 * How a decoder reads a column:
 * - `"integer"`: a decimal number whose value is a safe integer (`7`, `-3`, `7.0`, `1e3`); columnar: Float64Array;
 * - `"number"`: a finite decimal number (`-0.5`, `.5`, `1e300`, `5e-324`; not `NaN`, `Infinity`, `1e999`, hex or spaces); Float64Array;
 * - `"boolean"`: `true`/`false` (any case) or `1`/`0`; columnar: Uint8Array with 0, 1 and {@link MISSING_BOOLEAN};
 * - `"instant"`: an ISO 8601 string read by parseInstant (DESIGN 5) in the `timeZone` option, as epoch milliseconds;
 *   columnar: Float64Array (for epoch milliseconds written as numbers use `"number"`);
 * - `"string"`: the text; columnar: an array of strings;
 * - `"category"`: the text, dictionary-coded in columnar batches as `{ codes: Int32Array, labels }`, the shape
 *   `breakdownAggregator(...).addColumns` takes for its `keys`.
 *
 * A missing value (an empty field; in NDJSON `null` or an absent key) is `null` in records and `NaN`,
 * {@link MISSING_BOOLEAN}, `null` or the code of the label `null` in columns. For `"string"` and `"category"` an
 * empty quoted CSV field `""` is the empty string, not missing.
 */
export type ColumnType = "integer" | "number" | "boolean" | "instant" | "string" | "category";

/** Column types by column name. */
export type ColumnTypes = Readonly<Record<string, ColumnType>>;

/** The byte a columnar boolean column holds for a missing value (true is 1, false is 0). */
export const MISSING_BOOLEAN = 255;

/** A dictionary-coded column: `labels[codes[i]]` is row i's value (`null` = missing). Fits `ColumnTable.keys`. */
export interface CategoryColumn {
  codes: Int32Array;
  /** Labels in order of first appearance in the input; the same code means the same label in every batch. */
  labels: (string | null)[];
}

/** The array a columnar batch holds for a column of type `T`. */
export type ColumnArray<T extends ColumnType> = T extends "integer" | "number" | "instant"
  ? Float64Array
  : T extends "boolean"
    ? Uint8Array
    : T extends "category"
      ? CategoryColumn
      : (string | null)[];

/** Any column of a batch. */
export type AnyColumnArray = Float64Array | Uint8Array | CategoryColumn | (string | null)[];

/** A block of accepted rows as typed columns, in input order (rejected rows are left out and reported). */
export interface ColumnBatch<C extends ColumnTypes = ColumnTypes> {
  /** Rows in this batch. */
  length: number;
  /** Physical line (1-based) of the batch's first row. */
  firstLine: number;
  /** Physical line of each row (a row whose quoted field holds line breaks is numbered by its first line). */
  lines: Int32Array;
  columns: { [K in keyof C]: ColumnArray<C[K]> };
}

/** Why a row was rejected. */
export type RejectCode = "field-count" | "unterminated-quote" | "stray-quote" | "type" | "json" | "not-object";

/** A rejected row, as handed to the `rejected` sink with `onInvalid: "count"`. */
export interface RejectedRow {
  /** 1-based physical line where the row starts (a CSV header is line 1). */
  line: number;
  /** 1-based column (field position) of the fault, or null when the whole line is at fault (NDJSON). */
  column: number | null;
  /** The column's name, or null when it has none (an extra field, a whole NDJSON line). */
  field: string | null;
  code: RejectCode;
  /** What was wrong and what was expected, for a person. */
  reason: string;
  /** The row's text without its line break. */
  raw: string;
}

/**
 * Counts of a decode, final once iteration has ended. Every physical line is in exactly one count:
 *
 *   header + blank + complete + withMissing + rejected + continuationLines = lines
 */
export interface DecodeStats {
  /** Physical lines read. */
  lines: number;
  /** 1 when a header row was read, else 0. */
  header: number;
  /** Blank lines, skipped. */
  blank: number;
  /** Data rows read: complete + withMissing + rejected. */
  rows: number;
  /** Rows yielded with every value present. */
  complete: number;
  /** Rows yielded with at least one missing value. */
  withMissing: number;
  /** Rows rejected (only with `onInvalid: "count"`; with "throw" the first one stops the decode). */
  rejected: number;
  /** Rejected rows by reason. */
  rejectedBy: Record<RejectCode, number>;
  /** Lines that continue a CSV record inside a quoted field (its line breaks); 0 for NDJSON. */
  continuationLines: number;
  /** Bytes read: Uint8Array chunks, and in CSV also the UTF-8 length of string chunks (NDJSON does not encode them). */
  bytes: number;
}

/** What a decoder returns: its items, and counts that are final once iteration ends. */
export interface DecodeStream<T> extends AsyncIterableIterator<T> {
  readonly stats: DecodeStats;
}

/** Where bytes or text come from: a string, bytes, a web ReadableStream, or any (async) iterable of chunks. */
export type DecodeSource =
  | string
  | Uint8Array
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** Options every decoder shares. */
export interface DecodeOptions<C extends ColumnTypes = ColumnTypes> {
  /** Column types by name. Records: other columns are strings (CSV) or left as parsed (NDJSON). Columns: the columns. */
  columns?: C;
  /** IANA zone for instants written without an offset (default "UTC"). */
  timeZone?: string;
  /** `"throw"` (default): the first bad row throws InvalidRecordError; `"count"`: it is counted and sent to `rejected`. */
  onInvalid?: OnInvalid;
  /** Receives every rejected row with `onInvalid: "count"`. */
  rejected?: (row: RejectedRow) => void;
  /** Line number of the source's first line (default 1), for a source that is a slice of a file. */
  startLine?: number;
  /** Index of the source's first data row (default 0), for a source that is a slice of a file. */
  startIndex?: number;
}

/** Rows per columnar batch unless `batchSize` says otherwise. */
export const DEFAULT_BATCH_SIZE: number = 65_536;

/** Options of the columnar decoders. */
export interface BatchOptions {
  /** Rows per batch (default 65,536); the last batch may be shorter. */
  batchSize?: number;
}
