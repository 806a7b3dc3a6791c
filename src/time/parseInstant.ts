import { isInstant } from "./instantRange.ts";
import { wallToEpoch } from "./wallToEpoch.ts";
import { zoneOffsetReader } from "./zoneOffset.ts";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Read an instant as epoch milliseconds, or `null` when it cannot be read (the caller reports the record).
 *
 * - `Date`: its time (an Invalid Date gives null);
 * - a finite number: epoch milliseconds;
 * - a string: ISO 8601 `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.fff]]` with an optional offset (`Z`, `+02:00`, `+0200`, `+02`).
 *   Without an offset the wall time is read in `timeZone`, never in the machine's zone; a date alone is 00:00 there.
 *   Ambiguous wall times follow Temporal's "compatible" rule in every zone: one that does not exist (inside a
 *   spring-forward gap) is moved forward by the gap; one that exists twice (clocks set back) is its first occurrence.
 *
 * Instants must lie in years 1000 to 9999 (UTC; see instantRange.ts): epoch milliseconds beyond the Date range
 * and ISO years below 1000 are null, not coerced.
 * O(1). No other formats are guessed: "03/04/2024" is null, not March or April.
 *
 * @param value the instant
 * @param timeZone IANA zone for strings without an offset (default "UTC")
 * @example
 * parseInstant("2024-03-31T02:30", "Europe/Berlin") // => 1711848600000 (03:30 CEST, the gap moved forward)
 * parseInstant("2024-01-01", "America/New_York") // => 1704085200000
 * @see ISO 8601-1:2019; DESIGN.md section 5
 */
export function parseInstant(value: unknown, timeZone = "UTC"): number | null {
  if (typeof value === "number") return isInstant(value) ? value : null;
  if (value instanceof Date) {
    const t = value.getTime();
    return isInstant(t) ? t : null;
  }
  if (typeof value !== "string") return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-7);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return null;
  const offset = m[8];
  if (year < 1000) return null; // Date.UTC and TZDate would read years 0-99 as 1900-1999
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const t = offset === undefined ? inZone(wall, timeZone) : withOffset(wall, offset);
  // an offset or zone can still move year 1000 or 9999 out of the range (e.g. 1000-01-01T00:00+01:00)
  return t !== null && isInstant(t) ? t : null;
}

/** Offset readers by zone: building one costs an Intl.DateTimeFormat, so each zone gets one (a few zones per run). */
const readers = new Map<string, (t: number) => number>();

/** The instant of a wall time (as epoch ms of the same fields in UTC) in an IANA zone; null for an unknown zone. */
function inZone(wall: number, timeZone: string): number | null {
  let offset = readers.get(timeZone);
  if (offset === undefined) {
    try {
      offset = zoneOffsetReader(timeZone);
    } catch {
      return null;
    }
    if (readers.size >= 64) readers.clear();
    readers.set(timeZone, offset);
  }
  return wallToEpoch(wall, offset);
}

/** The UTC instant of a wall time written with an offset (`Z`, `+02:00`, `+0200`, `+02`), or null for a bad one. */
function withOffset(wallAsUtc: number, offset: string): number | null {
  if (offset === "Z" || offset === "z") return wallAsUtc;
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 23 || om > 59) return null;
  return wallAsUtc - sign * (oh * 60 + om) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
