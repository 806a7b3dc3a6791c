/** Option checks shared by the ticket metrics (internal to src/tickets). Each throws InvalidOptionError naming the option. */
import { InvalidOptionError } from "../errors.ts";
import { parseInstant } from "../time/parseInstant.ts";
import type { CalendarLike } from "./ticketEvents.ts";

/** A business calendar: an object with `elapsed(start, end)` and a plain-JSON `spec` (null: calendar time). */
export function checkCalendar(metric: string, calendar: unknown): CalendarLike | null {
  if (calendar === undefined || calendar === null) return null;
  const c = calendar as Partial<CalendarLike>;
  if (typeof c !== "object" || typeof c.elapsed !== "function" || c.spec === undefined) {
    throw new InvalidOptionError(metric, "calendar", "is not a business calendar: expected businessCalendar(spec) (an object with elapsed(start, end) and a JSON spec)");
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(c.spec);
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new InvalidOptionError(metric, "calendar.spec", "is not plain JSON, so states could not record which calendar they use");
  return c as CalendarLike;
}

/** The calendar's spec as plain JSON for state options (null for calendar time). */
export function calendarSpecOf(calendar: CalendarLike | null): unknown {
  return calendar === null ? null : JSON.parse(JSON.stringify(calendar.spec));
}

/** `asOf`: an instant (Date, epoch ms, ISO string; no offset = UTC), or null when not given. */
export function checkAsOf(metric: string, asOf: unknown, timeZone = "UTC"): number | null {
  if (asOf === undefined || asOf === null) return null;
  const t = parseInstant(asOf, timeZone);
  if (t === null) throw new InvalidOptionError(metric, "asOf", `is ${JSON.stringify(asOf)}, expected an instant: a Date, epoch milliseconds or an ISO 8601 string`);
  return t;
}

/** Units of presented durations. */
export type DurationUnit = "ms" | "minutes" | "hours" | "days";
const UNIT_MS: Record<DurationUnit, number> = { ms: 1, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The unit's length in ms (default "ms"). */
export function checkUnit(metric: string, unit: unknown): { unit: DurationUnit; ms: number } {
  if (unit === undefined) return { unit: "ms", ms: 1 };
  if (typeof unit !== "string" || !(unit in UNIT_MS)) throw new InvalidOptionError(metric, "unit", `is ${JSON.stringify(unit)}, expected "ms", "minutes", "hours" or "days"`);
  return { unit: unit as DurationUnit, ms: UNIT_MS[unit as DurationUnit] };
}

/** Percentiles to present, each in [0, 100] (default 50, 90, 95). */
export function checkPercentiles(metric: string, ps: unknown): number[] {
  if (ps === undefined) return [50, 90, 95];
  if (!Array.isArray(ps) || ps.some((p) => typeof p !== "number" || !(p >= 0 && p <= 100))) {
    throw new InvalidOptionError(metric, "percentiles", `is ${JSON.stringify(ps)}, expected an array of numbers from 0 to 100 (e.g. [50, 90, 95])`);
  }
  return [...(ps as number[])];
}

/** Default distribution edges: under 1 hour, 1-8 hours, 8-24 hours, 1-7 days, over 7 days. */
export const DEFAULT_BUCKETS: readonly number[] = [3_600_000, 8 * 3_600_000, 24 * 3_600_000, 7 * 86_400_000];

/** Distribution edges in ms: strictly increasing, finite, > 0 (k edges make k + 1 buckets). */
export function checkBuckets(metric: string, edges: unknown): number[] {
  if (edges === undefined) return [...DEFAULT_BUCKETS];
  if (!Array.isArray(edges) || edges.length === 0 || edges.length > 100 || edges.some((e, i) => !Number.isFinite(e) || e <= 0 || (i > 0 && e <= edges[i - 1]))) {
    throw new InvalidOptionError(metric, "buckets", `is ${JSON.stringify(edges)}, expected 1 to 100 strictly increasing durations in ms, all > 0 (e.g. [3600000, 28800000])`);
  }
  return [...(edges as number[])];
}

/** A short label for a duration in ms: 90 min -> "1.5h", 24 h -> "24h", 7 days -> "7d". */
export function durationLabel(ms: number): string {
  const fmt = (x: number): string => String(Math.round(x * 100) / 100);
  if (ms >= 2 * 86_400_000 && ms % 86_400_000 === 0) return `${fmt(ms / 86_400_000)}d`;
  if (ms >= 3_600_000) return `${fmt(ms / 3_600_000)}h`;
  if (ms >= 60_000) return `${fmt(ms / 60_000)}min`;
  return `${fmt(ms / 1000)}s`;
}
