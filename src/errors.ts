/**
 * Errors thrown by cx-metrics. Every error is a {@link CxError} with a stable `code` that callers can switch on;
 * messages say what was wrong and what was expected.
 *
 * @see docs/errors.md
 */

/** The stable codes of every error cx-metrics throws. */
export type CxErrorCode = "INVALID_RECORD" | "INVALID_OPTION" | "INVALID_STATE" | "INCOMPATIBLE_STATES";

/**
 * The base class of every error thrown by cx-metrics; switch on `code`, not on the message.
 *
 * @example
 * try { nps([11]); } catch (e) { if (e instanceof CxError) e.code; } // => "INVALID_RECORD"
 */
export class CxError extends Error {
  /** A stable, machine-readable code. */
  declare readonly code: CxErrorCode;

  constructor(code: CxErrorCode, message: string) {
    super(message);
    this.name = "CxError";
    this.code = code;
  }
}

/** What is known about one invalid record: where it was, which field, what it held and why it was refused. */
export interface InvalidRecordInfo {
  /** 0-based position of the record in its input (or the index the caller passed). */
  index: number;
  /** The field that was wrong, e.g. `"score"` or `"at"`. */
  field: string;
  /** The offending value, made JSON-safe: numbers, strings, booleans and null as they are, anything else as a short string (`"NaN"`, `"10n"`). */
  value: string | number | boolean | null;
  /** Why it was refused, e.g. `"expected an integer from 0 to 10"`. */
  reason: string;
  /** Decoders (CSV, NDJSON): the 1-based physical line of the record in its file (a header is line 1). */
  line?: number;
  /** Decoders: the 1-based column (field position) in that line. */
  column?: number;
}

/**
 * A record that is present but not valid: 11 on a 0-10 scale, a date that does not parse.
 *
 * @example
 * new InvalidRecordError("nps", { index: 1042, field: "score", value: 11, reason: "expected an integer from 0 to 10" }).message
 * // => 'nps: record 1042 field "score" is 11, expected an integer from 0 to 10'
 * new InvalidRecordError("csv", { index: 0, field: "score", value: "x", reason: "expected a number", line: 2, column: 3 }).message
 * // => 'csv: record 0 (line 2, column 3) field "score" is "x", expected a number'
 */
export class InvalidRecordError extends CxError {
  declare readonly index: number;
  declare readonly field: string;
  declare readonly value: string | number | boolean | null;
  declare readonly reason: string;
  /** The 1-based physical line, when a decoder reported it. */
  declare readonly line?: number;
  /** The 1-based column, when a decoder reported it. */
  declare readonly column?: number;

  constructor(metric: string, info: InvalidRecordInfo) {
    const { index, field, value, reason, line, column } = info;
    const where = line === undefined ? "" : ` (line ${line}${column === undefined ? "" : `, column ${column}`})`;
    super("INVALID_RECORD", `${metric}: record ${index}${where} field "${field}" is ${typeof value === "string" ? JSON.stringify(value) : value}, ${reason}`);
    this.name = "InvalidRecordError";
    Object.assign(this, { index, field, value, reason });
    if (line !== undefined) Object.assign(this, { line });
    if (column !== undefined) Object.assign(this, { column });
  }
}

/**
 * An option that cannot be used: overlapping bands, an unknown time zone, a level outside (0, 1).
 *
 * @example
 * new InvalidOptionError("nps", "level", "is 1.5, expected a number strictly between 0 and 1 (e.g. 0.95)").message
 * // => 'nps: option "level" is 1.5, expected a number strictly between 0 and 1 (e.g. 0.95)'
 */
export class InvalidOptionError extends CxError {
  /** The option's name, e.g. `"level"` or `"period.timeZone"`. */
  declare readonly option: string;

  constructor(metric: string, option: string, message: string) {
    super("INVALID_OPTION", `${metric}: option "${option}" ${message}`);
    this.name = "InvalidOptionError";
    this.option = option;
  }
}

/**
 * A serialized state that cannot be read back: another kind, another version, or a damaged field.
 *
 * @example
 * new InvalidStateError("nps", "unsupported version 2, expected 1").message // => "nps state: unsupported version 2, expected 1"
 */
export class InvalidStateError extends CxError {
  constructor(kind: string, message: string) {
    super("INVALID_STATE", `${kind} state: ${message}`);
    this.name = "InvalidStateError";
  }
}

/**
 * Two states that cannot be merged because they were built with different options.
 *
 * @example
 * new IncompatibleStatesError("csat", "scale 1-5 vs 1-7").message
 * // => "csat: cannot merge states built with different options (scale 1-5 vs 1-7)"
 */
export class IncompatibleStatesError extends CxError {
  constructor(kind: string, message: string) {
    super("INCOMPATIBLE_STATES", `${kind}: cannot merge states built with different options (${message})`);
    this.name = "IncompatibleStatesError";
  }
}

/**
 * Turn any value into something JSON can hold without loss of meaning for a person reading an error:
 * strings, finite numbers, booleans and null stay as they are; anything else becomes a short description.
 *
 * @example
 * [jsonSafeValue(11), jsonSafeValue(NaN), jsonSafeValue(10n), jsonSafeValue([9])] // => [11, "NaN", "10n", "[object Array]"]
 */
export function jsonSafeValue(value: unknown): string | number | boolean | null {
  const t = typeof value;
  if (value === null || t === "boolean" || t === "string") return value as string | boolean | null;
  if (t === "number" && Number.isFinite(value)) return (value as number) + 0; // -0 + 0 is 0: JSON has no -0
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (t === "bigint") return `${value}n`;
  // String(x) reads NaN, Infinity, undefined, functions and symbols; objects get their tag, e.g. "[object Array]".
  return t === "object" ? Object.prototype.toString.call(value) : String(value);
}
