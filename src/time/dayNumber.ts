import { TZDate } from "@date-fns/tz";
import { parseInstant } from "./parseInstant.ts";

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar day of an instant in a zone, as a day number: days since 1970-01-01 of the local date (so two
 * instants on the same local date share a number, and the difference of two numbers is whole calendar days even
 * across DST changes). A date without a time (`"1997-09-30"`) is 00:00 in the zone, i.e. that date. `null` when
 * the value cannot be read as an instant (see parseInstant). O(1).
 *
 * @example
 * dayNumberOf("1970-01-02", "UTC") // => 1
 * dayNumberOf("2024-03-31T23:30:00Z", "Europe/Berlin") // => 19814 (01:30 on April 1 in Berlin)
 * @see DESIGN.md section 5
 */
export function dayNumberOf(value: unknown, timeZone: string): number | null {
  if (typeof value === "string") {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      const d = Number(m[3]);
      if (y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()) return Date.UTC(y, mo - 1, d) / DAY_MS;
      return null;
    }
  }
  const ms = parseInstant(value, timeZone);
  if (ms === null) return null;
  if (timeZone === "UTC") return Math.floor(ms / DAY_MS);
  const t = new TZDate(ms, timeZone);
  return Date.UTC(t.getFullYear(), t.getMonth(), t.getDate()) / DAY_MS;
}

/**
 * The `YYYY-MM-DD` label of a day number.
 *
 * @example
 * dayLabel(0) // => "1970-01-01"
 */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
