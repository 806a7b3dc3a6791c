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
 */
export function periodOf(ms: number, spec: PeriodSpec): Period {
  const d = new TZDate(ms, spec.timeZone);
  let start: TZDate;
  let end: TZDate;
  let label: string;
  switch (spec.unit) {
    case "day":
      start = startOfDay(d);
      end = addDays(start, 1);
      label = ymd(start);
      break;
    case "isoWeek":
      start = startOfISOWeek(d);
      end = addWeeks(start, 1);
      label = `${getISOWeekYear(start)}-W${pad(getISOWeek(start))}`;
      break;
    case "week":
      start = startOfWeek(d, { weekStartsOn: spec.weekStartsOn });
      end = addWeeks(start, 1);
      label = ymd(start);
      break;
    case "month":
      start = startOfMonth(d);
      end = addMonths(start, 1);
      label = `${start.getFullYear()}-${pad(start.getMonth() + 1)}`;
      break;
    case "quarter":
      start = startOfQuarter(d);
      end = addQuarters(start, 1);
      label = `${start.getFullYear()}-Q${Math.floor(start.getMonth() / 3) + 1}`;
      break;
    case "year":
      start = startOfYear(d);
      end = addYears(start, 1);
      label = `${start.getFullYear()}`;
      break;
  }
  return { label, start: start.getTime(), end: end.getTime() };
}

/**
 * A cached period lookup for hot loops: periods seen once are kept in a sorted array and found again by binary
 * search, so date-fns runs once per period, not once per record. `slotOf` numbers periods in order of discovery.
 */
export class PeriodIndexer {
  /** Periods in order of discovery; `slotOf` returns indexes into this array. */
  readonly periods: Period[] = [];
  private readonly spec: PeriodSpec;
  private readonly starts: number[] = [];
  private readonly slots: number[] = [];
  private lastStart = Infinity;
  private lastEnd = -Infinity;
  private lastSlot = -1;

  constructor(spec: PeriodSpec) {
    this.spec = spec;
  }

  /** The slot of the period containing `ms` (an epoch-ms instant). */
  slotOf(ms: number): number {
    if (ms >= this.lastStart && ms < this.lastEnd) return this.lastSlot;
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    let slot: number;
    const candidate = lo - 1;
    if (candidate >= 0 && ms < this.periods[this.slots[candidate]!]!.end) {
      slot = this.slots[candidate]!;
    } else {
      const p = periodOf(ms, this.spec);
      slot = this.periods.length;
      this.periods.push(p);
      starts.splice(lo, 0, p.start);
      this.slots.splice(lo, 0, slot);
    }
    const p = this.periods[slot]!;
    this.lastStart = p.start;
    this.lastEnd = p.end;
    this.lastSlot = slot;
    return slot;
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
