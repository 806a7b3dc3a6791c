import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, addQuarters, addWeeks, addYears, getISOWeek, getISOWeekYear, startOfDay, startOfISOWeek, startOfMonth, startOfQuarter, startOfWeek, startOfYear } from "date-fns";
import { InvalidOptionError } from "../errors.ts";
import { checkTimeZone } from "./checkTimeZone.ts";

/** Calendar periods a breakdown can group by. */
export type PeriodUnit = "day" | "isoWeek" | "week" | "month" | "quarter" | "year";

/** Day a `week` starts on: 0 Sunday ... 6 Saturday. */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A period in a time zone: its label and its bounds [start, end) in epoch ms. */
export interface Period {
  /** `2024-03-31` (day and week: the first day), `2024-W01`, `2024-01`, `2024-Q1`, `2024`. */
  label: string;
  start: number;
  end: number;
}

/** The period settings that shape a breakdown state. */
export interface PeriodSpec {
  unit: PeriodUnit;
  timeZone: string;
  /** Only for `unit: "week"`; default 1 (Monday). */
  weekStartsOn: WeekStartsOn;
}

const UNITS: readonly PeriodUnit[] = ["day", "isoWeek", "week", "month", "quarter", "year"];

/** Validate a period spec, filling defaults (time zone UTC, weeks start on Monday). */
export function checkPeriodSpec(metric: string, spec: { unit: PeriodUnit; timeZone?: string; weekStartsOn?: WeekStartsOn }): PeriodSpec {
  if (!UNITS.includes(spec.unit)) {
    throw new InvalidOptionError(metric, "period.unit", `is ${JSON.stringify(spec.unit)}, expected one of ${UNITS.join(", ")}`);
  }
  const timeZone = checkTimeZone(metric, "period.timeZone", spec.timeZone ?? "UTC");
  const weekStartsOn = spec.weekStartsOn ?? 1;
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new InvalidOptionError(metric, "period.weekStartsOn", `is ${JSON.stringify(weekStartsOn)}, expected 0 (Sunday) to 6 (Saturday)`);
  }
  return { unit: spec.unit, timeZone, weekStartsOn };
}

/**
 * The period of an instant, computed with date-fns in the spec's IANA zone (correct across DST changes:
 * a day is 23 or 25 hours when the clocks change). Pure.
 *
 * @example
 * periodOf(Date.UTC(2021, 0, 3, 12), { unit: "isoWeek", timeZone: "Europe/Berlin", weekStartsOn: 1 }).label // => "2020-W53"
 * @see ISO 8601-1:2019 (weeks); https://date-fns.org (startOfISOWeek, startOfWeek, ...) with @date-fns/tz's TZDate
 */
export function periodOf(ms: number, spec: PeriodSpec): Period {
  const d = new TZDate(ms, spec.timeZone);
  let start: TZDate;
  let end: TZDate;
  let label: string;
  switch (spec.unit) {
    case "day":
      start = startOfDay(d);
      end = startOfDay(addDays(start, 1));
      label = ymd(start);
      break;
    case "isoWeek":
      start = startOfISOWeek(d);
      end = startOfISOWeek(addWeeks(start, 1));
      label = `${getISOWeekYear(start)}-W${pad(getISOWeek(start))}`;
      break;
    case "week":
      start = startOfWeek(d, { weekStartsOn: spec.weekStartsOn });
      end = startOfWeek(addWeeks(start, 1), { weekStartsOn: spec.weekStartsOn });
      label = ymd(start);
      break;
    case "month":
      start = startOfMonth(d);
      end = startOfMonth(addMonths(start, 1));
      label = `${start.getFullYear()}-${pad(start.getMonth() + 1)}`;
      break;
    case "quarter":
      start = startOfQuarter(d);
      end = startOfQuarter(addQuarters(start, 1));
      label = `${start.getFullYear()}-Q${Math.floor(start.getMonth() / 3) + 1}`;
      break;
    case "year":
      start = startOfYear(d);
      end = startOfYear(addYears(start, 1));
      label = `${start.getFullYear()}`;
      break;
  }
  return { label, start: start.getTime(), end: end.getTime() };
}

const HOUR = 3_600_000;
/** The hour table covers at most 2^18 hours (30 years, 1 MiB); instants outside it take the binary search. */
const MAX_TABLE_HOURS = 1 << 18;

/**
 * A cached period lookup for hot loops: date-fns runs once per period, not once per record. `slotOf` numbers
 * periods in order of discovery.
 *
 * `slotOf` is small enough to be inlined into its caller's loop: the last period found, then a table by UTC hour
 * (`Math.floor(ms / 3600000)`) holding the slot of the period that contains the whole hour. Only hours entirely
 * inside a period are filled, so an hour that a boundary splits (zones with offsets like +05:45 or +10:30, and DST
 * changes at any minute) stays 0 and takes the out-of-line path: a binary search over the periods seen, then
 * `periodOf` for a new period.
 */
export class PeriodIndexer {
  /** Periods in order of discovery; `slotOf` returns indexes into this array. */
  readonly periods: Period[] = [];
  private readonly spec: PeriodSpec;
  /** Period starts in time order, and their slots. */
  private readonly starts: number[] = [];
  private readonly slots: number[] = [];
  private lastStart = Infinity;
  private lastEnd = -Infinity;
  private lastSlot = -1;
  /** slot + 1 of the period holding the whole UTC hour `firstHour + h`; 0 where not known or split by a boundary. */
  private hours: Int32Array = new Int32Array(0);
  private firstHour = 0;

  constructor(spec: PeriodSpec) {
    this.spec = spec;
  }

  /** The slot of the period containing `ms` (finite epoch milliseconds). */
  slotOf(ms: number): number {
    if (ms >= this.lastStart && ms < this.lastEnd) return this.lastSlot;
    const h = Math.floor(ms / HOUR) - this.firstHour;
    if (h >= 0 && h < this.hours.length) {
      const slot = this.hours[h]! - 1;
      if (slot >= 0) return this.remember(slot);
    }
    return this.find(ms);
  }

  private remember(slot: number): number {
    const p = this.periods[slot]!;
    this.lastStart = p.start;
    this.lastEnd = p.end;
    this.lastSlot = slot;
    return slot;
  }

  /** Binary search over the periods seen; a new period is computed with date-fns and entered in the hour table. */
  private find(ms: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    const candidate = lo - 1;
    if (candidate >= 0 && ms < this.periods[this.slots[candidate]!]!.end) return this.remember(this.slots[candidate]!);
    const p = periodOf(ms, this.spec);
    const slot = this.periods.length;
    this.periods.push(p);
    starts.splice(lo, 0, p.start);
    this.slots.splice(lo, 0, slot);
    this.fillHours(Math.ceil(p.start / HOUR), Math.floor(p.end / HOUR), slot);
    return this.remember(slot);
  }

  /** Enter `slot` for the UTC hours [from, to) (the hours entirely inside its period), growing the table if needed. */
  private fillHours(from: number, to: number, slot: number): void {
    if (to <= from) return;
    let first = this.firstHour;
    let end = first + this.hours.length;
    if (this.hours.length === 0) first = end = from;
    if (from < first || to > end) {
      // grow by at least the current size (amortized O(1) per hour), within MAX_TABLE_HOURS
      const size = end - first;
      const lo = Math.min(from, first);
      const hi = Math.max(to, end);
      if (hi - lo > MAX_TABLE_HOURS) return;
      const spare = Math.min(size, MAX_TABLE_HOURS - (hi - lo));
      const newFirst = from < first ? lo - spare : lo;
      const newEnd = to > end ? hi + (from < first ? 0 : spare) : hi;
      const table = new Int32Array(newEnd - newFirst);
      table.set(this.hours, first - newFirst);
      this.hours = table;
      this.firstHour = first = newFirst;
    }
    this.hours.fill(slot + 1, from - first, to - first);
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
