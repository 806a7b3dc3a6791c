/**
 * Cell formatting for the table model: fixed decimals, never `toLocaleString` (the same input gives the same string on
 * every machine), `no data` for null, intervals as `42.1 [38.0, 46.2]`.
 */

import { formatValue as fixed } from "./_svg.ts";

/** x with `digits` fixed decimals (`-0.0` reads `0.0`; null, NaN and infinities read `no data`): the charts' formatter. */
export { fixed };

/** What a null (or non-finite) figure reads as. */
export const NO_DATA = "no data";

/** A fraction 0..1 as a percentage with `digits` decimals (no % sign: the column header says the unit). */
export function percent(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined ? NO_DATA : fixed(x * 100, digits);
}

/** A count: an integer, no decimals. */
export function count(x: number | null | undefined): string {
  return fixed(x, 0);
}

/** A figure with its interval, `42.1 [38.0, 46.2]`; the interval is left out when it is null or has a null bound. */
export function withInterval(
  x: number | null | undefined,
  ci: { lower: number | null; upper: number | null } | null | undefined,
  digits: number,
  scale = 1,
): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_DATA;
  const value = fixed(x * scale, digits);
  if (!ci || ci.lower === null || ci.upper === null) return value;
  return `${value} [${fixed(ci.lower * scale, digits)}, ${fixed(ci.upper * scale, digits)}]`;
}

/** A signed difference, `+4.5 [0.3, 8.7]` (a plus sign on positive differences so the direction reads at a glance). */
export function signedWithInterval(
  x: number | null | undefined,
  ci: { lower: number; upper: number } | null | undefined,
  digits: number,
  scale = 1,
): string {
  const s = withInterval(x, ci, digits, scale);
  return s !== NO_DATA && !s.startsWith("-") && Number(fixed((x ?? 0) * scale, digits)) !== 0 ? `+${s}` : s;
}

/** A p-value with 3 decimals, `<0.001` below that. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return NO_DATA;
  return p < 0.001 ? "<0.001" : fixed(p, 3);
}

/** A model parameter: 4 significant digits (parameters span many orders of magnitude). */
export function significant(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return NO_DATA;
  if (x === 0) return "0";
  const s = x.toPrecision(4);
  return s.startsWith("-0") && Number(s) === 0 ? s.slice(1) : s;
}

/** yes / no, `no data` for null. */
export function yesNo(b: boolean | null | undefined): string {
  return b === null || b === undefined ? NO_DATA : b ? "yes" : "no";
}

/** Any value of a plain object: numbers with `digits` decimals (integers without), strings as they are, JSON otherwise. */
export function plainValue(v: unknown, digits: number): string {
  if (v === null || v === undefined) return NO_DATA;
  if (typeof v === "number") return Number.isInteger(v) ? count(v) : fixed(v, digits);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return yesNo(v);
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return `${v.length} ${v.length === 1 ? "item" : "items"}`;
  if (ArrayBuffer.isView(v)) return `${(v as unknown as ArrayLike<unknown>).length ?? 0} values`;
  if (typeof v === "object") {
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return "[object]";
    }
  }
  return String(v);
}

/** A group key value: strings as they are, numbers and booleans as text, null as `(none)`. */
export function keyLabel(v: unknown): string {
  if (v === null || v === undefined) return "(none)";
  return typeof v === "string" ? v : String(v);
}
