/**
 * What decodeNdjson and decodeNdjsonColumns share: options, splitting text into lines, parsing and checking each
 * line, typed values, rejections and counts. Internal to src/io.
 */
import type { OnInvalid } from "../aggregate/aggregator.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { chunksOf } from "./byteChunks.ts";
import { checkColumns, checkSink, checkStart, emptyStats, rejectRow, T_BOOLEAN, T_CATEGORY, T_INSTANT, T_INTEGER, T_NUMBER, T_STRING, typeCodeOf } from "./csvRows.ts";
import type { ColumnTypes, DecodeOptions, DecodeSource, DecodeStats, RejectedRow } from "./decodeTypes.ts";

/** What a type expects of a JSON value, for messages. */
const EXPECTED_JSON: readonly string[] = [
  "expected a JSON number that is a safe integer",
  "expected a JSON number",
  "expected true or false",
  "expected an ISO 8601 string or epoch milliseconds, in years 1000 to 9999",
  "expected a JSON string",
  "expected a JSON string",
];

/** Validated options. */
export interface NdjsonSettings {
  columns: ColumnTypes | null;
  names: string[];
  types: number[];
  timeZone: string;
  onInvalid: OnInvalid;
  rejected: ((row: RejectedRow) => void) | null;
  startLine: number;
  startIndex: number;
}

/** Check every option up front. */
export function ndjsonSettings(metric: string, options: DecodeOptions): NdjsonSettings {
  const columns = checkColumns(metric, options.columns);
  const names = columns ? Object.keys(columns) : [];
  return {
    columns,
    names,
    types: names.map((n) => typeCodeOf(columns, n)),
    timeZone: options.timeZone === undefined ? "UTC" : checkTimeZone(metric, "timeZone", options.timeZone),
    onInvalid: checkOnInvalid(metric, options.onInvalid),
    rejected: checkSink(metric, options.rejected),
    startLine: checkStart(metric, "startLine", options.startLine, 1),
    startIndex: checkStart(metric, "startIndex", options.startIndex, 0),
  };
}

/** The value of a JSON value read as column type t: the value, null when missing, or undefined when it is not one. */
export function typedValue(t: number, v: unknown, timeZone: string): string | number | boolean | null | undefined {
  if (v === null || v === undefined) return null;
  switch (t) {
    case T_INTEGER:
      return typeof v === "number" && Number.isSafeInteger(v) ? v : undefined;
    case T_NUMBER:
      return typeof v === "number" ? v : undefined;
    case T_BOOLEAN:
      return typeof v === "boolean" ? v : undefined;
    case T_INSTANT:
      return typeof v === "string" || typeof v === "number" ? (parseInstant(v, timeZone) ?? undefined) : undefined;
    case T_STRING:
    case T_CATEGORY:
      return typeof v === "string" ? v : undefined;
  }
  return undefined;
}

/**
 * Reads NDJSON lines: each non-blank line must be one JSON object. A well-formed object goes to `accept`, which reads
 * the typed columns and returns false after rejecting one (through {@link rejectValue}).
 */
export abstract class NdjsonRowReader {
  readonly stats: DecodeStats = emptyStats();
  protected readonly metric: string;
  protected readonly settings: NdjsonSettings;
  private line: number;

  constructor(metric: string, settings: NdjsonSettings) {
    this.metric = metric;
    this.settings = settings;
    this.line = settings.startLine;
  }

  /** Read one parsed object; false when a value was rejected. */
  protected abstract accept(obj: Record<string, unknown>, index: number, line: number, raw: string): boolean;

  /** One physical line (without its LF; a CR before it is dropped here). */
  readLine(text: string): void {
    const line = this.line++;
    const stats = this.stats;
    stats.lines++;
    const raw = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (/^[ \t\r]*$/.test(raw)) {
      stats.blank++;
      return;
    }
    const index = this.settings.startIndex + stats.rows;
    stats.rows++;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const m = /position (\d+)/.exec(message) ?? /column (\d+)/.exec(message);
      const column = m ? Number(m[1]) + (m[0].startsWith("position") ? 1 : 0) : null;
      this.reject(index, { line, column, field: null, code: "json", reason: `is not valid JSON (${message})`, raw }, raw);
      return;
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
      this.reject(index, { line, column: 1, field: null, code: "not-object", reason: `is ${obj === null ? "null" : Array.isArray(obj) ? "an array" : `a ${typeof obj}`}, expected a JSON object`, raw }, raw);
      return;
    }
    this.accept(obj as Record<string, unknown>, index, line, raw);
  }

  private reject(index: number, row: RejectedRow, value: string): void {
    rejectRow(this.metric, this.settings.onInvalid, this.settings.rejected, this.stats, index, row, value);
  }

  /** Reject the row because column j's value is not of its type. */
  protected rejectValue(index: number, line: number, raw: string, j: number, value: unknown): false {
    const t = this.settings.types[j]!;
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
    this.reject(index, { line, column: null, field: this.settings.names[j]!, code: "type", reason: EXPECTED_JSON[t]!, raw }, text);
    return false;
  }

  /** The input has ended. */
  end(): void {}
}

/** Own property of a parsed object (JSON.parse makes own properties; a missing key must not read the prototype). */
export function ownValue(obj: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

/**
 * Feed a source to a reader line by line (LF ends a line; JSON strings cannot hold a raw LF, so splitting at LF is
 * always right); after each chunk, hand over what `take` collected. Bytes are decoded as UTF-8 by one streaming
 * TextDecoder (a character split between chunks stays whole; a BOM at the start is dropped).
 */
export async function* feedNdjson<T>(metric: string, source: DecodeSource, reader: NdjsonRowReader, take: (final: boolean) => T[]): AsyncGenerator<T, void, undefined> {
  const decoder = new TextDecoder("utf-8");
  let first = true;
  const pieces: string[] = [];
  const push = (text: string): void => {
    let from = 0;
    for (;;) {
      const at = text.indexOf("\n", from);
      if (at < 0) break;
      let line = text.slice(from, at);
      if (pieces.length > 0) {
        pieces.push(line);
        line = pieces.join("");
        pieces.length = 0;
      }
      reader.readLine(line);
      from = at + 1;
    }
    if (from < text.length) pieces.push(text.slice(from));
  };
  for await (const chunk of chunksOf(metric, source)) {
    if (typeof chunk === "string") {
      // the decoder drops a BOM that starts bytes; a string source may start with one too
      push(first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk);
    } else {
      reader.stats.bytes += chunk.length;
      push(decoder.decode(chunk, { stream: true }));
    }
    if (chunk.length > 0) first = false;
    yield* take(false);
  }
  push(decoder.decode());
  if (pieces.length > 0) reader.readLine(pieces.join(""));
  reader.end();
  yield* take(true);
}
