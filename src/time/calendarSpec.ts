import { InvalidOptionError } from "../errors.ts";
import { checkTimeZone } from "./checkTimeZone.ts";

/** A weekday key: `"mon"` ... `"sun"`. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** Weekday keys of a business calendar, in the order its normalised spec lists them. */
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** An opening interval `[start, end]` as wall times `"HH:MM"`; `"24:00"` may end one; end <= start is overnight. */
export type OpeningInterval = readonly [string, string];

/** A half day: a date with its own opening intervals, which replace the weekday's on that date. */
export interface HalfDay {
  date: string;
  hours: readonly OpeningInterval[];
}

/** What {@link businessCalendar} is built from. */
export interface BusinessCalendarSpec {
  /** IANA zone in which the wall times are read, e.g. `"Europe/Berlin"`. */
  timeZone: string;
  /** Opening intervals per weekday; a missing weekday is closed. */
  hours: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  /** Closed dates `"YYYY-MM-DD"`, or half days `{ date, hours }` (dates in the calendar's zone). */
  holidays?: readonly (string | HalfDay)[];
}

/** The normalised spec: every weekday present, intervals sorted by start, holidays sorted by date. Plain JSON. */
export interface NormalizedCalendarSpec {
  timeZone: string;
  hours: Record<Weekday, [string, string][]>;
  holidays: (string | { date: string; hours: [string, string][] })[];
}

/** A calendar compiled to numbers: intervals as [start, end) minutes after the midnight of the date they start on. */
export interface CompiledCalendar {
  spec: NormalizedCalendarSpec;
  /** Indexed by JavaScript weekday (0 = Sunday): flat [s0, e0, s1, e1, ...] minutes, e in (s, s + 1440]. */
  weekly: number[][];
  /** Day number (days since 1970-01-01) of each holiday, to its flat intervals ([] = closed). */
  holidays: Map<number, number[]>;
}

const M = "businessCalendar";
const DAY_MINUTES = 1440;
const WALL = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const JS_DAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The day number (days since 1970-01-01) of a date "YYYY-MM-DD", or null if it is not a date in years 1000-9999. */
export function dayNumberOf(date: unknown): number | null {
  if (typeof date !== "string") return null;
  const m = DATE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return null;
  const t = Date.UTC(y, mo - 1, d);
  if (new Date(t).getUTCDate() !== d) return null;
  return t / 86_400_000;
}

/** JavaScript weekday (0 = Sunday) of a day number: 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Validate a calendar spec (InvalidOptionError naming the option and what was expected), normalise it and compile
 * its intervals to minutes. Checks: no keys besides timeZone, hours, holidays; a known zone (kept under its
 * canonical name, e.g. "europe/berlin" as "Europe/Berlin"); only weekday keys; each interval two "HH:MM" wall times (HH 00-23,
 * MM 00-59, "24:00" only as an end); no two intervals overlapping, an overnight shift included against the next
 * day's first intervals (Sunday's against Monday's); holidays valid dates, each at most once, a half day's
 * intervals checked the same way against its own date's neighbours; and some open time in the week.
 */
export function compileCalendarSpec(input: BusinessCalendarSpec): CompiledCalendar {
  if (input === null || typeof input !== "object") throw new InvalidOptionError(M, "spec", `is ${JSON.stringify(input)}, expected { timeZone, hours, holidays? }`);
  for (const key of Object.keys(input)) {
    if (key !== "timeZone" && key !== "hours" && key !== "holidays") {
      throw new InvalidOptionError(M, key, "is not a calendar option: expected timeZone, hours and holidays");
    }
  }
  // the engine's canonical name, so two spellings of one zone ("europe/berlin") make the same spec
  const timeZone = new Intl.DateTimeFormat("en-US", { timeZone: checkTimeZone(M, "timeZone", input.timeZone) }).resolvedOptions().timeZone;
  const hoursIn = input.hours as unknown;
  if (hoursIn === null || typeof hoursIn !== "object" || Array.isArray(hoursIn)) {
    throw new InvalidOptionError(M, "hours", `is ${JSON.stringify(hoursIn)}, expected an object such as { mon: [["09:00", "17:00"]], ... }`);
  }
  for (const key of Object.keys(hoursIn)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new InvalidOptionError(M, `hours.${key}`, `is not a weekday: expected one of ${WEEKDAYS.join(", ")}`);
    }
  }
  const hours = {} as Record<Weekday, [string, string][]>;
  const weekly: number[][] = [[], [], [], [], [], [], []];
  const labels: string[][] = [[], [], [], [], [], [], []];
  for (const day of WEEKDAYS) {
    const raw = (hoursIn as Record<string, unknown>)[day];
    const list = raw === undefined ? [] : readIntervals(`hours.${day}`, raw);
    hours[day] = list.map((x) => [x.start, x.end]);
    weekly[JS_DAY[day]] = list.flatMap((x) => [x.s, x.e]);
    labels[JS_DAY[day]] = list.map((x) => `hours.${day}[${x.index}] ${JSON.stringify([x.start, x.end])}`);
  }
  if (weekly.every((w) => w.length === 0)) {
    throw new InvalidOptionError(M, "hours", 'has no open time: give at least one opening interval, e.g. { mon: [["09:00", "17:00"]] }');
  }
  // The week as a line of minutes from Monday 00:00, twice over so that Sunday's overnight shift meets Monday.
  const line: Item[] = [];
  for (let week = 0; week < 2; week++) {
    WEEKDAYS.forEach((day, i) => {
      const w = weekly[JS_DAY[day]]!;
      for (let k = 0; k < w.length; k += 2) line.push({ s: (week * 7 + i) * DAY_MINUTES + w[k]!, e: (week * 7 + i) * DAY_MINUTES + w[k + 1]!, label: labels[JS_DAY[day]]![k / 2]! });
    });
  }
  checkNoOverlap(line, "hours");

  const holidaysIn = input.holidays === undefined ? [] : (input.holidays as unknown);
  if (!Array.isArray(holidaysIn)) throw new InvalidOptionError(M, "holidays", `is ${JSON.stringify(holidaysIn)}, expected an array of dates "YYYY-MM-DD" or { date, hours }`);
  const holidays = new Map<number, number[]>();
  const holidayLabels = new Map<number, string[]>();
  const entries: { day: number; value: string | { date: string; hours: [string, string][] } }[] = [];
  holidaysIn.forEach((h: unknown, i: number) => {
    const at = `holidays[${i}]`;
    const isHalf = h !== null && typeof h === "object" && !Array.isArray(h);
    const date = isHalf ? (h as { date?: unknown }).date : h;
    const day = dayNumberOf(date);
    if (day === null) {
      throw new InvalidOptionError(M, isHalf ? `${at}.date` : at, `is ${JSON.stringify(date)}, expected a date "YYYY-MM-DD" in years 1000-9999${isHalf ? "" : ", or a half day { date, hours }"}`);
    }
    if (holidays.has(day)) throw new InvalidOptionError(M, at, `repeats the date ${date as string}: give each date once`);
    if (isHalf) {
      const list = readIntervals(`${at}.hours`, (h as { hours?: unknown }).hours);
      holidays.set(day, list.flatMap((x) => [x.s, x.e]));
      holidayLabels.set(day, list.map((x) => `${at}.hours[${x.index}] ${JSON.stringify([x.start, x.end])}`));
      entries.push({ day, value: { date: date as string, hours: list.map((x) => [x.start, x.end]) } });
    } else {
      holidays.set(day, []);
      entries.push({ day, value: date as string });
    }
  });
  entries.sort((a, b) => a.day - b.day);
  // A half day against the day before and the day after (each a weekday or a holiday of its own).
  for (const [day, own] of holidays) {
    if (own.length === 0) continue;
    const near: Item[] = [];
    for (let d = day - 1; d <= day + 1; d++) {
      const h = holidays.get(d);
      const w = h ?? weekly[weekdayOf(d)]!;
      const names = h ? holidayLabels.get(d)! : labels[weekdayOf(d)]!;
      for (let k = 0; k < w.length; k += 2) near.push({ s: (d - day) * DAY_MINUTES + w[k]!, e: (d - day) * DAY_MINUTES + w[k + 1]!, label: h ? names[k / 2]! : `${names[k / 2]!} (on ${isoDate(d)})` });
    }
    checkNoOverlap(near, "holidays");
  }
  return { spec: { timeZone, hours, holidays: entries.map((e) => e.value) }, weekly, holidays };
}

interface Item {
  s: number;
  e: number;
  label: string;
}

interface ReadInterval {
  index: number;
  start: string;
  end: string;
  s: number;
  e: number;
}

/** Read a list of intervals, sorted by start; each [start, end) in minutes with end in (start, start + 1440]. */
function readIntervals(option: string, raw: unknown): ReadInterval[] {
  if (!Array.isArray(raw)) throw new InvalidOptionError(M, option, `is ${JSON.stringify(raw)}, expected an array of intervals such as [["09:00", "17:00"]]`);
  const list = raw.map((x: unknown, index: number): ReadInterval => {
    const at = `${option}[${index}]`;
    const start = Array.isArray(x) && x.length === 2 ? wallMinutes(x[0], false) : null;
    const end = Array.isArray(x) && x.length === 2 ? wallMinutes(x[1], true) : null;
    if (start === null || end === null) {
      throw new InvalidOptionError(
        M,
        at,
        `is ${JSON.stringify(x)}, expected ["HH:MM", "HH:MM"] with HH 00-23 and MM 00-59 (the end may be "24:00"; an end at or before the start is an overnight shift)`,
      );
    }
    const pair = x as [string, string];
    return { index, start: pair[0], end: pair[1], s: start, e: end <= start ? end + DAY_MINUTES : end };
  });
  list.sort((a, b) => a.s - b.s);
  return list;
}

function wallMinutes(v: unknown, isEnd: boolean): number | null {
  if (typeof v !== "string") return null;
  const m = WALL.exec(v);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (isEnd && h === 24 && min === 0) return DAY_MINUTES;
  return h <= 23 && min <= 59 ? h * 60 + min : null;
}

/** Intervals may touch (one ends where the next starts) but not overlap. */
function checkNoOverlap(items: Item[], option: string): void {
  items.sort((a, b) => a.s - b.s || a.e - b.e);
  let last: Item | undefined;
  for (const it of items) {
    if (last !== undefined && it.s < last.e) {
      throw new InvalidOptionError(M, option, `has overlapping opening intervals: ${last.label} and ${it.label} (intervals may touch but not overlap; an overnight shift runs into the next day)`);
    }
    if (last === undefined || it.e > last.e) last = it;
  }
}

function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
