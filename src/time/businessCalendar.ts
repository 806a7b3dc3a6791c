import { MAX_INSTANT, MIN_INSTANT } from "./instantRange.ts";
import { compileCalendarSpec, weekdayOf, type BusinessCalendarSpec, type CompiledCalendar, type NormalizedCalendarSpec } from "./calendarSpec.ts";
import { wallToEpoch } from "./wallToEpoch.ts";
import { zoneOffsetReader } from "./zoneOffset.ts";

export type { BusinessCalendarSpec, HalfDay, NormalizedCalendarSpec, OpeningInterval, Weekday } from "./calendarSpec.ts";

/** A business calendar: opening hours in a zone, with holidays; see {@link businessCalendar}. */
export interface BusinessCalendar {
  /** The normalised spec (every weekday listed, intervals and holidays sorted), frozen plain JSON. */
  readonly spec: NormalizedCalendarSpec;
  /** Business milliseconds from `start` to `end` (epoch ms); the negative of elapsed(end, start) when end < start. */
  elapsed(start: number, end: number): number;
  /**
   * The instant `ms` business milliseconds after `start`: the first t >= start with elapsed(start, t) = ms, so
   * landing exactly on a closing time gives that closing time. A negative `ms` goes back: the last t <= start with
   * elapsed(t, start) = -ms, so landing exactly on an opening time gives that opening time.
   */
  addBusinessTime(start: number, ms: number): number;
  /** Whether the calendar is open at instant `t` (opening instants are open, closing instants are not). */
  isOpen(t: number): boolean;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const PER_DAY = 1 / DAY;
const HOUR = 3_600_000;
const PER_HOUR = 1 / HOUR;
/** Local days per cached chunk (2.8 years). */
const CHUNK_DAYS = 1024;
/** Chunks kept at most (about 45 years, some 5 MB); the least recently used is dropped. */
const MAX_CHUNKS = 16;
const FIRST_CHUNK = Math.floor(MIN_INSTANT / DAY / CHUNK_DAYS) - 1;
const LAST_CHUNK = Math.floor(MAX_INSTANT / DAY / CHUNK_DAYS) + 1;

/** The open time of CHUNK_DAYS consecutive local days, as absolute epoch-ms ranges. */
interface Chunk {
  index: number;
  /** starts[i] = instant of 00:00 of local day first + i, for i = 0..CHUNK_DAYS. */
  starts: Float64Array;
  /** cum[i] = business ms from starts[0] to starts[i]. */
  cum: Float64Array;
  /** The open ranges of day i are rs[2k], rs[2k + 1] for k in [at[i], at[i + 1]). */
  at: Int32Array;
  rs: Float64Array;
  /** UTC hour (floor(t / 1 h)) of hour slot 0. */
  hourBase: number;
  /** hourSum[j] = business ms from starts[0] to the start of UTC hour hourBase + j. */
  hourSum: Float64Array;
  /** hourOpen[j] = 1 when that hour is open throughout, 0 when closed throughout, NaN when mixed or partly outside. */
  hourOpen: Float32Array;
}

/** A placeholder that holds no instant (NaN bounds), so the first lookup builds the chunk it needs. */
const NO_CHUNK: Chunk = {
  index: NaN,
  starts: new Float64Array(CHUNK_DAYS + 1).fill(NaN),
  cum: new Float64Array(CHUNK_DAYS + 1),
  at: new Int32Array(CHUNK_DAYS + 1),
  rs: new Float64Array(0),
  hourBase: 0,
  hourSum: new Float64Array(0),
  hourOpen: new Float32Array(0),
};

/**
 * A business calendar: weekly opening intervals in an IANA zone, holidays and half days, with business-time
 * arithmetic on epoch-millisecond instants.
 *
 * Rules (DESIGN 5 and 6.7):
 * - Each interval ["HH:MM", "HH:MM"] opens at its start wall time on its date and closes at its end wall time;
 *   "24:00" is the next midnight; an end at or before the start is an overnight shift, which belongs to the weekday
 *   it starts on and ends on the next date. Intervals may touch but not overlap.
 * - A holiday "YYYY-MM-DD" closes the shifts that START on that date (a shift that began the evening before runs
 *   to its end); a half day { date, hours } replaces that date's intervals by its own.
 * - Wall times become instants with Temporal's "compatible" disambiguation: a time that occurs twice (clocks set
 *   back) is its first occurrence, a time that does not exist (clocks set forward) moves forward by the gap. So a
 *   09:00-17:00 day is 8 business hours on the days clocks change, a 22:00-06:00 shift is 7 or 9 hours on those
 *   nights, and a shift whose start and end both fall in one gap is empty.
 *
 *   elapsed(a, b) = |[a, b) ∩ open time| in ms (a <= b);  elapsed(a, b) = -elapsed(b, a)
 *
 * Speed: open time is cached per chunk of 1024 local days as absolute ranges with a prefix sum per day and per
 * UTC hour, so `elapsed` costs O(1) on cached days (for an instant in an hour open or closed throughout, one
 * multiply-add; else a walk over its day's few ranges) and a span of any length one subtraction per chunk it
 * crosses; building a chunk reads the zone's offset once per day. At most 16 chunks (about 45 years, some 300 KB
 * each) are kept, and the last 8 calendars built are reused for the same normalised spec (so an aggregator made
 * once per chunk or worker does not rebuild its days). Instants must be finite epoch ms in years 1000-9999 (RangeError
 * otherwise). Throws InvalidOptionError on a bad spec (see the docs for each message).
 *
 * @param spec time zone, weekly hours, holidays
 * @returns the calendar
 * @example
 * const cal = businessCalendar({ timeZone: "Europe/Berlin", hours: { mon: [["09:00", "17:00"]], fri: [["22:00", "06:00"]] } });
 * cal.elapsed(Date.UTC(2024, 3, 1, 0), Date.UTC(2024, 3, 2, 0)) / 3_600_000 // => 8 (the Monday after the clocks changed)
 * @see docs/metrics/business-hours.md; Temporal ZonedDateTime disambiguation "compatible" (TC39 proposal-temporal)
 */
export function businessCalendar(spec: BusinessCalendarSpec): BusinessCalendar {
  const compiled = compileCalendarSpec(spec);
  const key = JSON.stringify(compiled.spec);
  let cal = recent.get(key);
  if (cal === undefined) {
    cal = new Calendar(compiled);
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  } else recent.delete(key);
  recent.set(key, cal); // most recently used last
  return cal;
}

/** Calendars are immutable, so the same normalised spec gives the same instance, and its cache of days. */
const RECENT = 8;
const recent = new Map<string, Calendar>();

class Calendar implements BusinessCalendar {
  readonly spec: NormalizedCalendarSpec;
  private readonly compiled: CompiledCalendar;
  private readonly offset: (t: number) => number;
  private readonly chunks = new Map<number, Chunk>();
  /** Business ms per chunk, kept after a chunk is dropped (spans across many chunks reuse them). */
  private readonly totals = new Map<number, number>();
  private last: Chunk;

  constructor(compiled: CompiledCalendar) {
    this.compiled = compiled;
    this.spec = deepFreeze(compiled.spec);
    this.offset = zoneOffsetReader(compiled.spec.timeZone);
    this.last = NO_CHUNK;
  }

  elapsed(start: number, end: number): number {
    if (!(start >= MIN_INSTANT && start <= MAX_INSTANT)) throw badInstant("elapsed", "start", start);
    if (!(end >= MIN_INSTANT && end <= MAX_INSTANT)) throw badInstant("elapsed", "end", end);
    if (end < start) return 0 - this.forward(end, start); // 0 - x: never -0
    return this.forward(start, end);
  }

  isOpen(t: number): boolean {
    if (!(t >= MIN_INSTANT && t <= MAX_INSTANT)) throw badInstant("isOpen", "t", t);
    const c = this.chunkAt(t);
    const i = dayIn(c, t);
    const rs = c.rs;
    for (let k = c.at[i]!, n = c.at[i + 1]!; k < n; k++) {
      if (t < rs[2 * k]!) return false;
      if (t < rs[2 * k + 1]!) return true;
    }
    return false;
  }

  addBusinessTime(start: number, ms: number): number {
    if (!(start >= MIN_INSTANT && start <= MAX_INSTANT)) throw badInstant("addBusinessTime", "start", start);
    if (!Number.isFinite(ms)) throw new RangeError(`businessCalendar.addBusinessTime: ms is ${ms}, expected a finite number of milliseconds`);
    if (ms === 0) return start;
    // business time never exceeds calendar time, so these could only end past the range (and would walk to it)
    if (ms > MAX_INSTANT - start || -ms > start - MIN_INSTANT) throw new RangeError("businessCalendar.addBusinessTime: the result would lie outside years 1000-9999");
    const t = this.search(start, ms);
    if (!(t >= MIN_INSTANT && t <= MAX_INSTANT)) throw new RangeError("businessCalendar.addBusinessTime: the result would lie outside years 1000-9999");
    return t;
  }

  /** addBusinessTime for ms != 0, before the range check of the result. */
  private search(start: number, ms: number): number {
    let c = this.chunkAt(start);
    let target = sinceChunkStart(c, start) + ms;
    if (ms > 0) {
      while (target > c.cum[CHUNK_DAYS]!) {
        target -= c.cum[CHUNK_DAYS]!;
        c = this.step(c, 1);
      }
      // the first day whose end reaches the target, then the first range there that does
      const i = firstDay(c.cum, target, false);
      let rem = target - c.cum[i]!;
      for (let k = c.at[i]!, n = c.at[i + 1]!; k < n; k++) {
        const len = c.rs[2 * k + 1]! - c.rs[2 * k]!;
        if (rem <= len) return c.rs[2 * k]! + rem;
        rem -= len;
      }
      return c.starts[i + 1]!; // unreachable: cum[i + 1] >= target
    }
    while (target < 0) {
      c = this.step(c, -1);
      target += c.cum[CHUNK_DAYS]!;
    }
    // the first day whose end passes the target strictly, then the first range there that does
    const i = firstDay(c.cum, target, true);
    let rem = target - c.cum[i]!;
    for (let k = c.at[i]!, n = c.at[i + 1]!; k < n; k++) {
      const len = c.rs[2 * k + 1]! - c.rs[2 * k]!;
      if (rem < len) return c.rs[2 * k]! + rem;
      rem -= len;
    }
    return c.starts[i]!; // unreachable: cum[i + 1] > target
  }

  /** elapsed for start <= end. */
  private forward(start: number, end: number): number {
    const a = this.chunkAt(start);
    const fa = sinceChunkStart(a, start);
    if (end < a.starts[CHUNK_DAYS]!) return sinceChunkStart(a, end) - fa;
    const b = this.chunkAt(end);
    const fb = sinceChunkStart(b, end);
    if (a === b) return fb - fa;
    let sum = a.cum[CHUNK_DAYS]! - fa + fb;
    for (let c = a.index + 1; c < b.index; c++) sum += this.totalOf(c);
    return sum;
  }

  /** The chunk holding instant t. */
  private chunkAt(t: number): Chunk {
    let c = this.last;
    if (t >= c.starts[0]! && t < c.starts[CHUNK_DAYS]!) return c;
    c = this.chunk(Math.floor(Math.floor(t / DAY) / CHUNK_DAYS));
    if (t < c.starts[0]!) c = this.chunk(c.index - 1);
    else if (t >= c.starts[CHUNK_DAYS]!) c = this.chunk(c.index + 1);
    this.last = c;
    return c;
  }

  private step(c: Chunk, by: 1 | -1): Chunk {
    const index = c.index + by;
    if (index < FIRST_CHUNK || index > LAST_CHUNK) {
      throw new RangeError("businessCalendar.addBusinessTime: the result would lie outside years 1000-9999");
    }
    return this.chunk(index);
  }

  private totalOf(index: number): number {
    return this.totals.get(index) ?? this.chunk(index).cum[CHUNK_DAYS]!;
  }

  private chunk(index: number): Chunk {
    let c = this.chunks.get(index);
    if (c !== undefined) {
      this.chunks.delete(index);
      this.chunks.set(index, c); // most recently used last
      return c;
    }
    c = buildChunk(this.compiled, this.offset, index);
    this.chunks.set(index, c);
    this.totals.set(index, c.cum[CHUNK_DAYS]!);
    if (this.chunks.size > MAX_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!);
    return c;
  }
}

/** The local day (0..CHUNK_DAYS-1) of chunk c holding t (starts[0] <= t < starts[CHUNK_DAYS]). */
function dayIn(c: Chunk, t: number): number {
  const s = c.starts;
  // the local day is the UTC day or one either side (offsets lie within +-14 h)
  let i = Math.floor(t * PER_DAY) - c.index * CHUNK_DAYS; // a multiplication, not a division: the loops below correct it
  if (i < 0) i = 0;
  else if (i > CHUNK_DAYS - 1) i = CHUNK_DAYS - 1;
  while (t < s[i]!) i--;
  while (t >= s[i + 1]!) i++;
  return i;
}

/** Business ms from the start of chunk c to t. */
function sinceChunkStart(c: Chunk, t: number): number {
  // most instants fall in an hour that is open or closed throughout: one multiply-add
  const h = Math.floor(t * PER_HOUR);
  const j = h - c.hourBase;
  const off = t - h * HOUR;
  const f = c.hourSum[j]! + c.hourOpen[j]! * off;
  if (f === f && off >= 0 && off < HOUR) return f; // else a mixed hour, or t within rounding of an hour's edge: walk the day
  const i = dayIn(c, t);
  const rs = c.rs;
  let sum = c.cum[i]!;
  for (let k = c.at[i]!, n = c.at[i + 1]!; k < n; k++) {
    const a = rs[2 * k]!;
    if (t <= a) break;
    const b = rs[2 * k + 1]!;
    sum += (t < b ? t : b) - a;
  }
  return sum;
}

/** The smallest day i with cum[i + 1] >= target (strict: > target); target lies in [0, cum[CHUNK_DAYS]]. */
function firstDay(cum: Float64Array, target: number, strict: boolean): number {
  let lo = 0;
  let hi = CHUNK_DAYS - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = cum[mid + 1]!;
    if (strict ? v > target : v >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Open ranges of the local days [index * CHUNK_DAYS, (index + 1) * CHUNK_DAYS). */
function buildChunk(cal: CompiledCalendar, offset: (t: number) => number, index: number): Chunk {
  const first = index * CHUNK_DAYS;
  // Offsets at 00:00 UTC of the days first - 4 .. first + CHUNK_DAYS + 4: where five in a row agree, every wall time
  // of the middle day converts by that offset (no change within a day either side); elsewhere wallToEpoch decides.
  const pad = 4;
  const probes = new Float64Array(CHUNK_DAYS + 2 * pad + 1);
  for (let k = 0; k < probes.length; k++) probes[k] = offset((first - pad + k) * DAY);
  const toEpoch = (wall: number): number => {
    const k = Math.floor(wall / DAY) - first + pad;
    const o = probes[k]!;
    if (k >= 2 && k + 2 < probes.length && probes[k - 1] === o && probes[k + 1] === o && probes[k - 2] === o && probes[k + 2] === o) return wall - o;
    return wallToEpoch(wall, offset);
  };
  const starts = new Float64Array(CHUNK_DAYS + 1);
  for (let i = 0; i <= CHUNK_DAYS; i++) starts[i] = toEpoch((first + i) * DAY);
  // Shifts that start on the days first - 2 .. last (an overnight shift of the day before can reach into a day,
  // and one more day covers a shift that ends inside a gap and is moved past midnight).
  const shifts: number[] = [];
  for (let d = first - 2; d < first + CHUNK_DAYS; d++) {
    const w = cal.holidays.get(d) ?? cal.weekly[weekdayOf(d)]!;
    for (let k = 0; k < w.length; k += 2) {
      const a = toEpoch(d * DAY + w[k]! * MINUTE);
      const b = toEpoch(d * DAY + w[k + 1]! * MINUTE);
      if (b > a) shifts.push(a, b);
    }
  }
  // Union of the shifts (the compatible rule can make intervals that touch on the wall clock overlap in a gap).
  const order = Array.from({ length: shifts.length / 2 }, (_, i) => i).sort((x, y) => shifts[2 * x]! - shifts[2 * y]!);
  const merged: number[] = [];
  for (const i of order) {
    const a = shifts[2 * i]!;
    const b = shifts[2 * i + 1]!;
    const n = merged.length;
    if (n > 0 && a <= merged[n - 1]!) {
      if (b > merged[n - 1]!) merged[n - 1] = b;
    } else merged.push(a, b);
  }
  // Cut the union at the day boundaries.
  const rs: number[] = [];
  const at = new Int32Array(CHUNK_DAYS + 1);
  const cum = new Float64Array(CHUNK_DAYS + 1);
  let k = 0;
  for (let i = 0; i < CHUNK_DAYS; i++) {
    const lo = starts[i]!;
    const hi = starts[i + 1]!;
    at[i] = rs.length / 2;
    let total = 0;
    while (k < merged.length && merged[k + 1]! <= lo) k += 2;
    for (let j = k; j < merged.length && merged[j]! < hi; j += 2) {
      const a = Math.max(merged[j]!, lo);
      const b = Math.min(merged[j + 1]!, hi);
      if (b > a) {
        rs.push(a, b);
        total += b - a;
      }
    }
    cum[i + 1] = cum[i]! + total;
  }
  at[CHUNK_DAYS] = rs.length / 2;
  // Hour slots: business ms at the start of each UTC hour, and whether the hour is open or closed throughout.
  const hourBase = Math.floor(starts[0]! / HOUR);
  const hours = Math.ceil(starts[CHUNK_DAYS]! / HOUR) - hourBase;
  const hourSum = new Float64Array(hours);
  const hourOpen = new Float32Array(hours).fill(Number.NaN);
  let r = 0;
  let before = 0; // business ms in the ranges before range r
  for (let j = 0; j < hours; j++) {
    const hs = (hourBase + j) * HOUR;
    const he = hs + HOUR;
    if (hs < starts[0]! || he > starts[CHUNK_DAYS]!) continue;
    while (r < rs.length && rs[r + 1]! <= hs) {
      before += rs[r + 1]! - rs[r]!;
      r += 2;
    }
    const a = r < rs.length ? rs[r]! : Infinity;
    const b = r < rs.length ? rs[r + 1]! : Infinity;
    hourSum[j] = before + (a < hs ? hs - a : 0);
    if (a >= he) hourOpen[j] = 0;
    else if (a <= hs && b >= he) hourOpen[j] = 1;
  }
  return { index, starts, cum, at, rs: Float64Array.from(rs), hourBase, hourSum, hourOpen };
}

function badInstant(method: string, name: string, v: number): RangeError {
  return new RangeError(`businessCalendar.${method}: ${name} is ${v}, expected epoch milliseconds in years 1000-9999`);
}

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object") {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}
