/**
 * What decodeCsv and decodeCsvColumns share: options, the header, row checks, rejections and counts, and the loop
 * that feeds a source to the scanner. Internal to src/io.
 */
import { InvalidOptionError, InvalidRecordError } from "../errors.ts";
import type { OnInvalid } from "../aggregate/aggregator.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { chunksOf, Utf8Encoder } from "./byteChunks.ts";
import { CsvScanner, SCAN_AFTER_QUOTE, SCAN_OK, SCAN_UNTERMINATED } from "./csvScanner.ts";
import { fieldText } from "./readCell.ts";
import { DEFAULT_BATCH_SIZE, type ColumnType, type ColumnTypes, type DecodeOptions, type DecodeSource, type DecodeStats, type RejectCode, type RejectedRow } from "./decodeTypes.ts";

/** Options of {@link decodeCsv} and {@link decodeCsvColumns}. */
export interface CsvOptions<C extends ColumnTypes = ColumnTypes> extends DecodeOptions<C> {
  /** One character: `","` (default), `";"`, `"\t"`, `"|"` or another ASCII character other than `"`, CR and LF. */
  delimiter?: string;
  /** `true` (default): the first non-blank line names the columns. An array: the names, and line 1 is data. */
  header?: true | readonly string[];
}

const TYPES: readonly ColumnType[] = ["integer", "number", "boolean", "instant", "string", "category"];

/** Type codes for the hot loops. */
export const T_INTEGER = 0;
export const T_NUMBER = 1;
export const T_BOOLEAN = 2;
export const T_INSTANT = 3;
export const T_STRING = 4;
export const T_CATEGORY = 5;

/** What a type expects, for messages. */
export const EXPECTED: readonly string[] = [
  "expected an integer (a decimal number whose value is a safe integer, e.g. 42)",
  "expected a finite decimal number (e.g. -1.5 or 2e3)",
  "expected true, false, 1 or 0",
  "expected an ISO 8601 instant in years 1000 to 9999 (e.g. 2024-03-01T09:30:00Z)",
  "",
  "",
];

/** Validated options. */
export interface CsvSettings {
  delimiter: number;
  /** Given names, or null to read them from the header row. */
  header: string[] | null;
  columns: ColumnTypes | null;
  timeZone: string;
  onInvalid: OnInvalid;
  rejected: ((row: RejectedRow) => void) | null;
  startLine: number;
  startIndex: number;
}

/** Check every option up front (InvalidOptionError naming the option). */
export function csvSettings(metric: string, options: CsvOptions): CsvSettings {
  const d = options.delimiter ?? ",";
  if (typeof d !== "string" || d.length !== 1 || d.charCodeAt(0) > 127 || d === '"' || d === "\r" || d === "\n") {
    throw new InvalidOptionError(metric, "delimiter", `is ${JSON.stringify(d)}, expected one ASCII character other than a quote, CR or LF (e.g. "," ";" "\\t" "|")`);
  }
  let header: string[] | null = null;
  if (options.header !== undefined && options.header !== true) {
    if (!Array.isArray(options.header) || !options.header.every((n) => typeof n === "string")) {
      throw new InvalidOptionError(metric, "header", `is ${JSON.stringify(options.header)}, expected true (the first line names the columns) or an array of column names`);
    }
    header = [...options.header];
    const dup = header.find((n, i) => header!.indexOf(n) !== i);
    if (dup !== undefined) throw new InvalidOptionError(metric, "header", `names the column ${JSON.stringify(dup)} twice`);
  }
  const columns = checkColumns(metric, options.columns);
  if (header && columns) checkKnown(metric, columns, header);
  const timeZone = options.timeZone === undefined ? "UTC" : checkTimeZone(metric, "timeZone", options.timeZone);
  const rejected = checkSink(metric, options.rejected);
  return {
    delimiter: d.charCodeAt(0),
    header,
    columns,
    timeZone,
    onInvalid: checkOnInvalid(metric, options.onInvalid),
    rejected,
    startLine: checkStart(metric, "startLine", options.startLine, 1),
    startIndex: checkStart(metric, "startIndex", options.startIndex, 0),
  };
}

/** `columns`: an object of known type names (or undefined). */
export function checkColumns(metric: string, columns: ColumnTypes | undefined): ColumnTypes | null {
  if (columns === undefined) return null;
  if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
    throw new InvalidOptionError(metric, "columns", `is ${JSON.stringify(columns)}, expected an object of column types, e.g. { score: "integer" }`);
  }
  for (const [name, t] of Object.entries(columns)) {
    if (!TYPES.includes(t)) throw new InvalidOptionError(metric, `columns.${name}`, `is ${JSON.stringify(t)}, expected one of ${TYPES.map((x) => `"${x}"`).join(", ")}`);
  }
  return columns;
}

/** Every typed column must be one the input has. */
export function checkKnown(metric: string, columns: ColumnTypes, names: readonly string[]): void {
  for (const name of Object.keys(columns)) {
    if (!names.includes(name)) {
      throw new InvalidOptionError(metric, `columns.${name}`, `names a column the input does not have (its columns: ${names.map((n) => JSON.stringify(n)).join(", ")})`);
    }
  }
}

/** `rejected`: a function, or null when not given. */
export function checkSink(metric: string, sink: ((row: RejectedRow) => void) | undefined): ((row: RejectedRow) => void) | null {
  if (sink !== undefined && typeof sink !== "function") throw new InvalidOptionError(metric, "rejected", `is ${typeof sink}, expected a function that receives each rejected row`);
  return sink ?? null;
}

/** `batchSize`: rows per batch, 1 to 2^24 (default 65,536). */
export function checkBatchSize(metric: string, size: number | undefined): number {
  if (size === undefined) return DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** 24) {
    throw new InvalidOptionError(metric, "batchSize", `is ${JSON.stringify(size)}, expected an integer from 1 to 16777216 (e.g. 65536)`);
  }
  return size;
}

/** `startLine` (>= 1) or `startIndex` (>= 0), with its default. */
export function checkStart(metric: string, name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v < dflt) throw new InvalidOptionError(metric, name, `is ${JSON.stringify(v)}, expected an integer >= ${dflt}`);
  return v;
}

/** Type code of a column (own properties only: a column named `__proto__` must not read Object.prototype). */
export function typeCodeOf(columns: ColumnTypes | null, name: string): number {
  return columns !== null && Object.hasOwn(columns, name) ? TYPES.indexOf(columns[name]!) : T_STRING;
}

/** New zeroed counts. */
export function emptyStats(): DecodeStats {
  return {
    lines: 0,
    header: 0,
    blank: 0,
    rows: 0,
    complete: 0,
    withMissing: 0,
    rejected: 0,
    rejectedBy: { "field-count": 0, "unterminated-quote": 0, "stray-quote": 0, type: 0, json: 0, "not-object": 0 },
    continuationLines: 0,
    bytes: 0,
  };
}

/** Throw the row's error, or count it and hand it to the sink. */
export function rejectRow(metric: string, onInvalid: OnInvalid, sink: ((row: RejectedRow) => void) | null, stats: DecodeStats, index: number, row: RejectedRow, value: string): void {
  if (onInvalid === "throw") {
    // a field without a name: an extra CSV field is "#<column>", a whole NDJSON line is "(line)"
    const field = row.field ?? (row.code === "json" || row.code === "not-object" ? "(line)" : `#${row.column ?? 1}`);
    const info = { index, field, value: value.length > 200 ? `${value.slice(0, 200)}...` : value, reason: row.reason, line: row.line };
    throw new InvalidRecordError(metric, row.column === null ? info : { ...info, column: row.column });
  }
  stats.rejected++;
  stats.rejectedBy[row.code]++;
  if (sink) sink(row);
}

/**
 * The row logic over the scanner: reads the header, checks each record's shape, rejects bad ones; a well-formed
 * record goes to `accept`, which reads its values and returns false after rejecting a value that does not parse.
 */
export abstract class CsvRowReader {
  readonly stats: DecodeStats = emptyStats();
  names: string[] | null;
  readonly scanner: CsvScanner;
  protected readonly metric: string;
  protected readonly settings: CsvSettings;

  constructor(metric: string, settings: CsvSettings) {
    this.metric = metric;
    this.settings = settings;
    this.names = settings.header;
    this.scanner = new CsvScanner(settings.delimiter, settings.startLine, (sc) => this.record(sc));
  }

  /** The names are known (from the header row or the options): set up the columns. */
  protected abstract start(names: string[]): void;
  /** Read a well-formed record's values; false when one was rejected (through {@link rejectValue}). */
  protected abstract accept(sc: CsvScanner, index: number): boolean;

  private started = false;

  /** Called once, before any data row, with the names. */
  protected ready(): void {
    if (!this.started) {
      this.started = true;
      this.start(this.names!);
    }
  }

  private record(sc: CsvScanner): void {
    if (this.names === null) {
      this.readHeader(sc);
      return;
    }
    this.ready();
    const stats = this.stats;
    const index = this.settings.startIndex + stats.rows;
    stats.rows++;
    if (sc.error !== SCAN_OK) {
      const code: RejectCode = sc.error === SCAN_UNTERMINATED ? "unterminated-quote" : "stray-quote";
      const reason =
        sc.error === SCAN_UNTERMINATED
          ? "has a quoted field that is never closed (its quote runs to the end of the input)"
          : sc.error === SCAN_AFTER_QUOTE
            ? "has text after a closing quote (a quoted field must end at a delimiter or a line break)"
            : 'has a quote inside an unquoted field (quote the whole field and double the quote: "a ""b"" c")';
      this.rejectRecord(sc, index, code, sc.errorField, reason);
      return;
    }
    const n = this.names.length;
    if (sc.count !== n) {
      const at = Math.min(sc.count, n);
      this.rejectRecord(sc, index, "field-count", at, `has ${sc.count} field${sc.count === 1 ? "" : "s"}, expected ${n} (${this.names.join(this.delimiterText())})`);
      return;
    }
    this.accept(sc, index);
  }

  private delimiterText(): string {
    return String.fromCharCode(this.settings.delimiter);
  }

  private readHeader(sc: CsvScanner): void {
    if (sc.error !== SCAN_OK) {
      throw new InvalidRecordError(this.metric, { index: 0, field: "header", value: rawOf(sc).slice(0, 200), reason: "is not a readable header row (a quote is unbalanced)", line: sc.line, column: sc.errorField + 1 });
    }
    const names: string[] = [];
    for (let k = 0; k < sc.count; k++) {
      const name = fieldText(sc.buf, sc.starts[k]!, sc.ends[k]!, sc.flags[k]!);
      if (names.includes(name)) {
        throw new InvalidRecordError(this.metric, { index: 0, field: "header", value: name, reason: "names a column twice; each column needs its own name", line: sc.line, column: k + 1 });
      }
      names.push(name);
    }
    if (this.settings.columns) checkKnown(this.metric, this.settings.columns, names);
    this.names = names;
    this.stats.header = 1;
    this.ready();
  }

  private rejectRecord(sc: CsvScanner, index: number, code: RejectCode, field: number, reason: string): void {
    const raw = rawOf(sc);
    const name = this.names![field];
    rejectRow(this.metric, this.settings.onInvalid, this.settings.rejected, this.stats, index, { line: sc.line, column: field + 1, field: name ?? null, code, reason, raw }, raw);
  }

  /** Reject the record because field k does not parse as type t. */
  protected rejectValue(sc: CsvScanner, index: number, k: number, t: number): void {
    const raw = rawOf(sc);
    const value = fieldText(sc.buf, sc.starts[k]!, sc.ends[k]!, sc.flags[k]!);
    rejectRow(this.metric, this.settings.onInvalid, this.settings.rejected, this.stats, index, { line: sc.line, column: k + 1, field: this.names![k]!, code: "type", reason: EXPECTED[t]!, raw }, value);
  }

  /** Copy the scanner's counts into the stats. */
  sync(): void {
    const sc = this.scanner;
    const s = this.stats;
    s.lines = sc.lines;
    s.blank = sc.blank;
    s.continuationLines = sc.continuation;
    s.bytes = sc.bytes;
  }

  /** The input has ended: with given names and no data, the columns still start. */
  end(): void {
    if (this.names !== null) this.ready();
    this.sync();
  }
}

function rawOf(sc: CsvScanner): string {
  return fieldText(sc.buf, sc.recordStart, sc.recordEnd, 0);
}

/**
 * Feed a source to a reader; after each chunk, hand over what `take` collected. Strings are encoded to UTF-8
 * (an astral character split between string chunks stays whole).
 */
export async function* feedCsv<T>(metric: string, source: DecodeSource, reader: CsvRowReader, take: (final: boolean) => T[]): AsyncGenerator<T, void, undefined> {
  const encoder = new Utf8Encoder();
  for await (const chunk of chunksOf(metric, source)) {
    reader.scanner.feed(typeof chunk === "string" ? encoder.encode(chunk, false) : chunk);
    reader.sync();
    yield* take(false);
  }
  const tail = encoder.encode("", true);
  if (tail.length > 0) reader.scanner.feed(tail);
  reader.scanner.finish();
  reader.end();
  yield* take(true);
}
