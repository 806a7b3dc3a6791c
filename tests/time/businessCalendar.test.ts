/**
 * businessCalendar against a slow, obviously-correct reference written here: each shift of each date becomes an
 * absolute interval by a brute-force search of the instants whose wall clock (read with @date-fns/tz's TZDate)
 * shows its start and end (the earliest such instant when a wall time occurs twice; in a gap, the wall time read
 * with the offset in force just before the gap: Temporal's "compatible" disambiguation), and a minute is open when
 * some interval holds it. elapsed is then the count of open minutes, stepped one by one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TZDate } from "@date-fns/tz";
import { businessCalendar, type BusinessCalendarSpec } from "../../src/time/businessCalendar.ts";
import { InvalidOptionError } from "../../src/errors.ts";

const SEED = 20261201;
const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

// ---------- the reference ----------

/** Wall fields of instant t in zone, as epoch ms of the same fields read in UTC. */
function wallOf(t: number, zone: string): number {
  const d = new TZDate(t, zone);
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes());
}

/** The instant of a wall time (given as UTC fields), by searching every quarter hour within 16 hours of it. */
function refInstant(wall: number, zone: string): number {
  let prev = NaN;
  for (let t = wall - 16 * H; t <= wall + 16 * H; t += 15 * MIN) {
    const w = wallOf(t, zone);
    if (w === wall) return t; // the earliest instant showing this wall time
    if (w > wall && !Number.isNaN(prev)) return wall - (wallOf(prev, zone) - prev); // a gap: the offset before it
    prev = t;
  }
  throw new Error("reference: wall time not found");
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The shifts starting on the local date with day number `day` (days since 1970-01-01), as [s, e) minutes. */
function refShifts(spec: BusinessCalendarSpec, day: number): [number, number][] {
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  let list: readonly (readonly [string, string])[] | undefined;
  for (const h of spec.holidays ?? []) {
    if (h === date) list = [];
    else if (typeof h === "object" && h.date === date) list = h.hours;
  }
  list ??= spec.hours[DAYS[new Date(day * DAY).getUTCDay()]!] ?? [];
  return list.map(([a, b]) => {
    const s = minutes(a);
    const e = minutes(b);
    return [s, e <= s ? e + 1440 : e];
  });
}

/** Open intervals (absolute) of every shift starting on local dates first..last. */
function refIntervals(spec: BusinessCalendarSpec, first: number, last: number): [number, number][] {
  const out: [number, number][] = [];
  for (let day = first; day <= last; day++) {
    for (const [s, e] of refShifts(spec, day)) out.push([refInstant(day * DAY + s * MIN, spec.timeZone), refInstant(day * DAY + e * MIN, spec.timeZone)]);
  }
  return out;
}

/** Reference elapsed for a <= b on the minute grid: open minutes counted one by one. */
function refElapsed(spec: BusinessCalendarSpec, a: number, b: number): number {
  const iv = refIntervals(spec, Math.floor(wallOf(a, spec.timeZone) / DAY) - 2, Math.floor(wallOf(b, spec.timeZone) / DAY));
  let open = 0;
  for (let t = a; t < b; t += MIN) if (iv.some(([s, e]) => s <= t && t < e)) open++;
  return open * MIN;
}

// ---------- generators ----------

const hhmm = (q: number): string => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;

/** A valid weekly calendar on the quarter-hour grid: per day up to 3 intervals, maybe an overnight last one. */
const weekArb = fc
  .array(fc.record({ points: fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }), overnight: fc.boolean(), frac: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 7, maxLength: 7 })
  .map((days) => {
    const cuts = days.map((d) => {
      const p = [...d.points].sort((x, y) => x - y);
      if (p.length % 2) p.pop();
      return p;
    });
    const hours: Record<string, [string, string][]> = {};
    cuts.forEach((p, i) => {
      const list: [string, string][] = [];
      for (let k = 0; k < p.length; k += 2) list.push([hhmm(p[k]!), p[k + 1] === 96 ? "24:00" : hhmm(p[k + 1]!)]);
      const next = cuts[(i + 1) % 7]!;
      const lastStart = p[p.length - 2];
      if (days[i]!.overnight && lastStart !== undefined && lastStart < 96 && p[p.length - 1] === 96) {
        // turn the last interval into an overnight shift ending before the next day's first start
        const limit = Math.min(next[0] ?? 96, lastStart);
        list[list.length - 1] = [hhmm(lastStart), hhmm(Math.floor(days[i]!.frac * limit))];
      }
      if (list.length) hours[DAYS[(i + 1) % 7]!] = list; // cuts[0] is Monday
    });
    return hours;
  })
  .filter((h) => Object.keys(h).length > 0);

/** Zones and instants near their clock changes (and one quiet zone, and UTC). */
const ZONES: [string, number][] = [
  ["Europe/Berlin", Date.UTC(2024, 2, 31, 1)],
  ["Europe/Berlin", Date.UTC(2024, 9, 27, 1)],
  ["America/New_York", Date.UTC(2024, 2, 10, 7)],
  ["America/New_York", Date.UTC(2024, 10, 3, 6)],
  ["Australia/Lord_Howe", Date.UTC(2024, 3, 6, 15)],
  ["Australia/Lord_Howe", Date.UTC(2024, 9, 5, 15, 30)],
  ["Asia/Kathmandu", Date.UTC(2024, 5, 1)],
  ["America/Havana", Date.UTC(2024, 2, 10, 5)],
  ["America/Havana", Date.UTC(2024, 10, 3, 5)],
  ["Asia/Beirut", Date.UTC(2024, 2, 30, 22)],
  ["Asia/Beirut", Date.UTC(2024, 9, 26, 21)],
  ["America/Sao_Paulo", Date.UTC(2018, 10, 4, 3)],
  ["America/Sao_Paulo", Date.UTC(2019, 1, 17, 2)],
  ["UTC", Date.UTC(2024, 0, 1)],
];

/** A calendar spec in one of the zones, maybe with holidays and half days near the clock change. */
const caseArb = fc
  .record({
    zone: fc.integer({ min: 0, max: ZONES.length - 1 }),
    hours: weekArb,
    holidays: fc.array(fc.record({ shift: fc.integer({ min: -3, max: 3 }), half: fc.option(fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })), { nil: undefined }) }), { maxLength: 3 }),
    a: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
    len: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  })
  .map(({ zone, hours, holidays, a, len }) => {
    const [timeZone, center] = ZONES[zone]!;
    const centerDay = Math.floor(wallOf(center, timeZone) / DAY);
    const list: BusinessCalendarSpec["holidays"] & unknown[] = [];
    const seen = new Set<string>();
    for (const h of holidays) {
      const date = new Date((centerDay + h.shift) * DAY).toISOString().slice(0, 10);
      if (seen.has(date)) continue;
      seen.add(date);
      if (h.half === undefined) list.push(date);
      else {
        const [x, y] = h.half;
        const candidate = [...list, { date, hours: [[hhmm(Math.min(x, y - 1)), y === 96 ? "24:00" : hhmm(Math.max(x + 1, y))] as [string, string]] }];
        try {
          businessCalendar({ timeZone, hours, holidays: candidate }); // only to keep valid half days (overlap with a neighbour's shift)
          list.push(candidate[candidate.length - 1]!);
        } catch (e) {
          if (!(e instanceof InvalidOptionError)) throw e;
        }
      }
    }
    const start = Math.floor(center / MIN) * MIN + a * MIN;
    return { spec: { timeZone, hours, holidays: list } as BusinessCalendarSpec, a: start, b: start + len * MIN };
  });

// ---------- properties ----------

describe("businessCalendar against the minute-stepping reference", () => {
  it("elapsed equals the count of open minutes, around DST changes in several zones", () => {
    fc.assert(
      fc.property(caseArb, ({ spec, a, b }) => {
        const cal = businessCalendar(spec);
        expect(cal.elapsed(a, b)).toBe(refElapsed(spec, a, b));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("isOpen agrees with the reference minute by minute over a day around the change", () => {
    fc.assert(
      fc.property(caseArb, ({ spec, a }) => {
        const cal = businessCalendar(spec);
        const day0 = Math.floor(wallOf(a, spec.timeZone) / DAY);
        const iv = refIntervals(spec, day0 - 2, day0 + 2);
        for (let t = a; t < a + 26 * H; t += 15 * MIN) expect(cal.isOpen(t), new Date(t).toISOString()).toBe(iv.some(([s, e]) => s <= t && t < e));
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it("antisymmetry and additivity at any millisecond", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: -5 * DAY, max: 5 * DAY }), fc.integer({ min: -5 * DAY, max: 5 * DAY }), ({ spec, a }, db, dc) => {
        const cal = businessCalendar(spec);
        const b = a + db;
        const c = a + dc;
        expect(cal.elapsed(b, a) + cal.elapsed(a, b)).toBe(0);
        expect(Object.is(cal.elapsed(b, a), -0)).toBe(false); // JSON has no -0
        expect(cal.elapsed(a, a)).toBe(0);
        expect(cal.elapsed(a, b) + cal.elapsed(b, c)).toBe(cal.elapsed(a, c));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("addBusinessTime inverts elapsed: forward and backward, on open instants", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 4 * DAY }), fc.integer({ min: 0, max: 40 * H }), ({ spec, a }, db, ms) => {
        const cal = businessCalendar(spec);
        const b = a + db;
        const t = cal.addBusinessTime(a, ms);
        expect(t).toBeGreaterThanOrEqual(a);
        expect(cal.elapsed(a, t)).toBe(ms);
        const u = cal.addBusinessTime(a, -ms);
        expect(u).toBeLessThanOrEqual(a);
        expect(cal.elapsed(u, a)).toBe(ms);
        if (cal.isOpen(b)) expect(cal.addBusinessTime(a, cal.elapsed(a, b))).toBe(b);
        if (cal.isOpen(a)) expect(cal.addBusinessTime(b, -cal.elapsed(a, b))).toBe(a);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("long spans (decades, across cache chunks) equal the sum of their pieces", () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.integer({ min: 0, max: 4000 * DAY }), { minLength: 1, maxLength: 6 }), ({ spec, a }, steps) => {
        const cal = businessCalendar(spec);
        // a distinct spec (a holiday in 9999 changes nothing here), so a calendar with an empty cache
        const fresh = businessCalendar({ ...spec, holidays: [...(spec.holidays ?? []), "9999-12-31"] });
        expect(fresh).not.toBe(cal);
        let t = a;
        let sum = 0;
        for (const s of steps) {
          sum += cal.elapsed(t, t + s);
          t += s;
        }
        expect(fresh.elapsed(a, t)).toBe(sum);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});

// ---------- hand-checked cases ----------

const nineToFive: BusinessCalendarSpec["hours"] = { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]], sat: [["09:00", "17:00"]], sun: [["09:00", "17:00"]] };
const wall = (zone: string, y: number, m: number, d: number, h = 0, min = 0): number => new TZDate(y, m - 1, d, h, min, zone).getTime();

describe("businessCalendar: hand-checked cases", () => {
  it("a 09:00-17:00 day is 8 business hours on the days the clocks change", () => {
    for (const [zone, days] of [
      ["Europe/Berlin", [[2024, 3, 31], [2024, 10, 27]]],
      ["America/New_York", [[2024, 3, 10], [2024, 11, 3]]],
      ["Australia/Lord_Howe", [[2024, 4, 7], [2024, 10, 6]]],
    ] as const) {
      const cal = businessCalendar({ timeZone: zone, hours: nineToFive });
      for (const [y, m, d] of days) expect(cal.elapsed(wall(zone, y, m, d, 6), wall(zone, y, m, d, 20)), `${zone} ${y}-${m}-${d}`).toBe(8 * H);
    }
  });

  it("a Friday 22:00-06:00 shift runs into Saturday; over a weekend only it counts", () => {
    const cal = businessCalendar({ timeZone: "Europe/Berlin", hours: { fri: [["22:00", "06:00"]] } });
    // Thursday 2024-06-13 12:00 to Monday 2024-06-17 12:00: the one shift, 22:00 Fri to 06:00 Sat
    expect(cal.elapsed(wall("Europe/Berlin", 2024, 6, 13, 12), wall("Europe/Berlin", 2024, 6, 17, 12))).toBe(8 * H);
    expect(cal.isOpen(wall("Europe/Berlin", 2024, 6, 15, 5, 59))).toBe(true);
    expect(cal.isOpen(wall("Europe/Berlin", 2024, 6, 15, 6))).toBe(false);
    expect(cal.isOpen(wall("Europe/Berlin", 2024, 6, 14, 22))).toBe(true);
  });

  it("an overnight shift is 7 hours on the night clocks spring forward and 9 when they fall back", () => {
    const cal = businessCalendar({ timeZone: "Europe/Berlin", hours: { sat: [["22:00", "06:00"]] } });
    expect(cal.elapsed(wall("Europe/Berlin", 2024, 3, 30, 12), wall("Europe/Berlin", 2024, 3, 31, 12))).toBe(7 * H);
    expect(cal.elapsed(wall("Europe/Berlin", 2024, 10, 26, 12), wall("Europe/Berlin", 2024, 10, 27, 12))).toBe(9 * H);
  });

  it("a holiday closes the shifts that start on it, not one that started the day before (DESIGN 6.7)", () => {
    const hours = { fri: [["22:00", "06:00"]] } as const;
    const from = Date.UTC(2024, 5, 13);
    const to = Date.UTC(2024, 5, 17);
    expect(businessCalendar({ timeZone: "Europe/Berlin", hours, holidays: ["2024-06-15"] }).elapsed(from, to)).toBe(8 * H);
    expect(businessCalendar({ timeZone: "Europe/Berlin", hours, holidays: ["2024-06-14"] }).elapsed(from, to)).toBe(0);
  });

  it("a half day replaces its date's hours", () => {
    const cal = businessCalendar({ timeZone: "Europe/Berlin", hours: nineToFive, holidays: [{ date: "2024-12-24", hours: [["09:00", "12:00"]] }, "2024-12-25"] });
    expect(cal.elapsed(wall("Europe/Berlin", 2024, 12, 24), wall("Europe/Berlin", 2024, 12, 27))).toBe((3 + 0 + 8) * H);
  });

  it('"24:00" ends a shift at midnight, in a +05:45 zone', () => {
    const cal = businessCalendar({ timeZone: "Asia/Kathmandu", hours: { mon: [["16:00", "24:00"]], tue: [["00:00", "02:00"]] } });
    // 2024-06-03 is a Monday: 16:00 to 02:00 Tuesday, touching intervals, 10 hours; 16:00 Kathmandu is 10:15 UTC
    expect(cal.elapsed(Date.UTC(2024, 5, 3), Date.UTC(2024, 5, 5))).toBe(10 * H);
    expect(cal.isOpen(Date.UTC(2024, 5, 3, 10, 15))).toBe(true);
    expect(cal.isOpen(Date.UTC(2024, 5, 3, 10, 14))).toBe(false);
  });

  it("wall times in a gap move forward; in a fold they are their first occurrence (Temporal 'compatible')", () => {
    const berlin = (hours: [string, string]): number =>
      businessCalendar({ timeZone: "Europe/Berlin", hours: { sun: [hours] } }).elapsed(Date.UTC(2024, 9, 26), Date.UTC(2024, 9, 28));
    // 2024-10-27: 03:00 CEST becomes 02:00 CET. 02:30 is first 02:30 CEST = 00:30Z.
    expect(berlin(["00:00", "02:30"])).toBe(2.5 * H); // 22:00Z (Sat) to 00:30Z
    expect(berlin(["02:30", "05:00"])).toBe(3.5 * H); // 00:30Z to 04:00Z
    const spring = (hours: [string, string]): number =>
      businessCalendar({ timeZone: "Europe/Berlin", hours: { sun: [hours] } }).elapsed(Date.UTC(2024, 2, 30), Date.UTC(2024, 3, 1));
    // 2024-03-31: 02:00 CET becomes 03:00 CEST. 02:00-03:00 does not exist: 02:00 reads as 03:00 CEST.
    expect(spring(["02:00", "03:00"])).toBe(0);
    expect(spring(["01:00", "02:30"])).toBe(1.5 * H); // 00:00Z to 02:30 + 1 h = 03:30 CEST = 01:30Z
    // Havana 2024-03-10: 00:00 CST becomes 01:00 CDT, so a 00:00-08:00 shift is 7 hours
    const havana = businessCalendar({ timeZone: "America/Havana", hours: { sun: [["00:00", "08:00"]] } });
    expect(havana.elapsed(Date.UTC(2024, 2, 9), Date.UTC(2024, 2, 12))).toBe(7 * H);
  });

  it("addBusinessTime landing on a closing time returns it; backward landing on an opening time returns it", () => {
    const cal = businessCalendar({ timeZone: "Europe/Berlin", hours: nineToFive });
    const open = wall("Europe/Berlin", 2024, 3, 25, 9);
    const close = wall("Europe/Berlin", 2024, 3, 25, 17);
    expect(cal.addBusinessTime(open, 8 * H)).toBe(close);
    expect(cal.addBusinessTime(open, 8 * H + 1)).toBe(wall("Europe/Berlin", 2024, 3, 26, 9) + 1);
    expect(cal.addBusinessTime(close, -8 * H)).toBe(open);
    expect(cal.addBusinessTime(wall("Europe/Berlin", 2024, 3, 25, 20), -1 * H)).toBe(wall("Europe/Berlin", 2024, 3, 25, 16));
    expect(cal.addBusinessTime(wall("Europe/Berlin", 2024, 3, 25, 20), 0)).toBe(wall("Europe/Berlin", 2024, 3, 25, 20));
    // across the spring change: Saturday 16:00 + 2 h = Sunday 10:00 CEST
    expect(cal.addBusinessTime(wall("Europe/Berlin", 2024, 3, 30, 16), 2 * H)).toBe(Date.UTC(2024, 2, 31, 8));
  });

  it("a year of a 40-hour week, and a century", () => {
    const cal = businessCalendar({ timeZone: "America/New_York", hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } });
    // 2024 has 262 weekdays (366 days, starting on a Monday)
    expect(cal.elapsed(wall("America/New_York", 2024, 1, 1), wall("America/New_York", 2025, 1, 1))).toBe(262 * 8 * H);
    // 1950-01-01 to 2050-01-01: 36525 days = 5217 weeks + 6 days; from a Sunday, the 6 extra days hold 5 weekdays
    expect(cal.elapsed(wall("America/New_York", 1950, 1, 1), wall("America/New_York", 2050, 1, 1))).toBe((5217 * 5 + 5) * 8 * H);
  });

  it("the same normalised spec gives the same calendar instance (its cache of days is shared)", () => {
    const a = businessCalendar({ timeZone: "UTC", hours: { tue: [["13:00", "17:00"], ["09:00", "12:00"]] } });
    const b = businessCalendar({ hours: { tue: [["09:00", "12:00"], ["13:00", "17:00"]], sun: [] }, timeZone: "UTC" });
    expect(b).toBe(a);
    expect(businessCalendar({ timeZone: "UTC", hours: { tue: [["09:00", "12:00"]] } })).not.toBe(a);
  });

  it("the spec is normalised plain JSON, frozen", () => {
    const cal = businessCalendar({ timeZone: "UTC", hours: { tue: [["13:00", "17:00"], ["09:00", "12:00"]] }, holidays: ["2024-12-25", { date: "2024-12-24", hours: [["09:00", "12:00"]] }] });
    expect(JSON.parse(JSON.stringify(cal.spec))).toEqual({
      timeZone: "UTC",
      hours: { mon: [], tue: [["09:00", "12:00"], ["13:00", "17:00"]], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [{ date: "2024-12-24", hours: [["09:00", "12:00"]] }, "2024-12-25"],
    });
    expect(Object.isFrozen(cal.spec.hours.tue)).toBe(true);
    expect(businessCalendar(cal.spec).spec).toEqual(cal.spec);
  });

  it("instants outside years 1000-9999, NaN and infinite ms are refused with RangeError", () => {
    const cal = businessCalendar({ timeZone: "UTC", hours: nineToFive });
    expect(() => cal.elapsed(Number.NaN, 0)).toThrow(RangeError);
    expect(() => cal.elapsed(0, 1e16)).toThrow(RangeError);
    expect(() => cal.isOpen(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => cal.addBusinessTime(0, Number.NaN)).toThrow(RangeError);
    expect(() => cal.addBusinessTime(0, 1e16)).toThrow(RangeError);
  });
});

describe("businessCalendar: validation", () => {
  const bad = (spec: unknown, message: RegExp): void => {
    let err: unknown;
    try {
      businessCalendar(spec as BusinessCalendarSpec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidOptionError);
    expect((err as Error).message).toMatch(message);
  };
  it("each bad spec gets a message that names the option", () => {
    bad({ timeZone: "Mars/Olympus", hours: nineToFive }, /option "timeZone" is "Mars\/Olympus", expected an IANA time zone/);
    bad({ timeZone: "UTC", hours: { monday: [["09:00", "17:00"]] } }, /option "hours.monday" is not a weekday: expected one of mon, tue/);
    bad({ timeZone: "UTC", hours: { mon: [["9:00", "17:00"]] } }, /option "hours.mon\[0\]" is \["9:00","17:00"\], expected \["HH:MM", "HH:MM"\]/);
    bad({ timeZone: "UTC", hours: { mon: [["09:00", "24:01"]] } }, /option "hours.mon\[0\]"/);
    bad({ timeZone: "UTC", hours: { mon: [["24:00", "09:00"]] } }, /option "hours.mon\[0\]"/);
    bad({ timeZone: "UTC", hours: { mon: [["09:00", "17:60"]] } }, /option "hours.mon\[0\]"/);
    bad({ timeZone: "UTC", hours: { mon: [["09:00"]] } }, /option "hours.mon\[0\]"/);
    bad({ timeZone: "UTC", hours: { mon: "09:00-17:00" } }, /option "hours.mon" is "09:00-17:00", expected an array/);
    bad({ timeZone: "UTC", hours: {} }, /option "hours" has no open time/);
    bad({ timeZone: "UTC", hours: { mon: [] } }, /option "hours" has no open time/);
    bad({ timeZone: "UTC", hours: null }, /option "hours" is null/);
    bad({ timeZone: "UTC", hours: { mon: [["09:00", "13:00"], ["12:00", "17:00"]] } }, /option "hours" has overlapping opening intervals: hours.mon\[0\] \["09:00","13:00"\] and hours.mon\[1\] \["12:00","17:00"\]/);
    bad({ timeZone: "UTC", hours: { fri: [["22:00", "06:00"]], sat: [["05:00", "09:00"]] } }, /overlapping opening intervals: hours.fri\[0\] \["22:00","06:00"\] and hours.sat\[0\] \["05:00","09:00"\]/);
    bad({ timeZone: "UTC", hours: { sun: [["22:00", "06:00"]], mon: [["05:30", "09:00"]] } }, /overlapping opening intervals: hours.sun\[0\] .* and hours.mon\[0\]/);
    bad({ timeZone: "UTC", hours: nineToFive, holidays: ["2024-02-30"] }, /option "holidays\[0\]" is "2024-02-30", expected a date "YYYY-MM-DD"/);
    bad({ timeZone: "UTC", hours: nineToFive, holidays: "2024-12-25" }, /option "holidays" is "2024-12-25", expected an array/);
    bad({ timeZone: "UTC", hours: nineToFive, holidays: ["2024-12-25", "2024-12-25"] }, /option "holidays\[1\]" repeats the date 2024-12-25/);
    bad({ timeZone: "UTC", hours: nineToFive, holidays: [{ date: "2024-12-24", hours: [["09:00", "x"]] }] }, /option "holidays\[0\].hours\[0\]"/);
    bad({ timeZone: "UTC", hours: nineToFive, holidays: [{ date: "24.12.2024", hours: [] }] }, /option "holidays\[0\].date" is "24.12.2024"/);
    // a half day's overnight shift runs into the next day's 09:00 (2024-12-23 is a Monday)
    bad({ timeZone: "UTC", hours: nineToFive, holidays: [{ date: "2024-12-23", hours: [["20:00", "10:00"]] }] }, /overlapping opening intervals: holidays\[0\].hours\[0\] \["20:00","10:00"\] and hours.tue\[0\] \["09:00","17:00"\] \(on 2024-12-24\)/);
  });
});
