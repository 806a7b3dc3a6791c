/**
 * The byte parsers of the columnar path against their references: decimal numbers against Number() of the same
 * text (bit for bit, -0 included), and ISO instants against parseInstant (DESIGN 5) in several zones.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBooleanBytes, parseInstantBytes, parseNumberBytes, WallClock } from "../../src/io/readCell.ts";
import { parseInstant } from "../../src/time/parseInstant.ts";

const fcOptions = { seed: 20261201, numRuns: 3000 };
const enc = new TextEncoder();

function num(text: string): number {
  const b = enc.encode(text);
  return parseNumberBytes(b, 0, b.length);
}

/** Decimal text: sign, digits, optional fraction, optional exponent. */
const digits = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const decimal = fc
  .tuple(fc.constantFrom("", "-", "+"), digits(0, 25), fc.option(digits(0, 25)), fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "-", "+"), digits(1, 4))))
  .filter(([, i, f]) => i.length + (f?.length ?? 0) > 0)
  .map(([s, i, f, e]) => `${s}${i}${f === null ? "" : `.${f}`}${e === null ? "" : e.join("")}`);

describe("parseNumberBytes", () => {
  it("equals Number() on any decimal text (exact fast path and fallback alike)", () => {
    fc.assert(
      fc.property(decimal, (t) => {
        expect(Object.is(num(t), Number(t))).toBe(true);
      }),
      fcOptions,
    );
  });

  it("equals Number() on the text JavaScript writes for any double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const t = Object.is(x, -0) ? "-0" : String(x);
        expect(Object.is(num(t), x)).toBe(true);
        expect(Object.is(num(x.toFixed(3)), Number(x.toFixed(3)))).toBe(true);
      }),
      fcOptions,
    );
  });

  it("edge values", () => {
    expect(Object.is(num("-0"), -0)).toBe(true);
    expect(Object.is(num("-0.000"), -0)).toBe(true);
    expect(num("1e300")).toBe(1e300);
    expect(num("5e-324")).toBe(5e-324);
    expect(num("2e-324")).toBe(0); // below half the smallest subnormal: rounds to 0, as Number() does
    expect(num("1.7976931348623157e308")).toBe(Number.MAX_VALUE);
    expect(num("1e309")).toBe(Infinity); // as Number(); the number and integer columns refuse it (not finite)
    expect(num("9007199254740993")).toBe(9007199254740992);
    expect(num("0.1")).toBe(0.1);
    expect(num("123456789012345")).toBe(123456789012345);
    expect(num(".5")).toBe(0.5);
    expect(num("5.")).toBe(5);
  });

  it.each(["", "-", "+", ".", "e5", "1e", "1e+", "--1", "1.2.3", "0x10", "NaN", "Infinity", "-Infinity", " 1", "1 ", "1_000", "١"])("refuses %j (NaN)", (t) => {
    expect(num(t)).toBeNaN();
  });
});

describe("parseBooleanBytes", () => {
  it.each([
    ["true", 1],
    ["TRUE", 1],
    ["True", 1],
    ["1", 1],
    ["false", 0],
    ["FaLsE", 0],
    ["0", 0],
    ["yes", -1],
    ["t", -1],
    ["2", -1],
    ["truex", -1],
  ])("%j -> %i", (t, v) => {
    const b = enc.encode(t);
    expect(parseBooleanBytes(b, 0, b.length)).toBe(v);
  });
});

describe("parseInstantBytes equals parseInstant on the field's text", () => {
  const zones = ["UTC", "Europe/Berlin", "Asia/Kathmandu", "America/New_York", "Australia/Lord_Howe", "America/Santiago"];
  // one clock per zone for the whole test, as a decoder keeps one: its hour cache must stay right across values
  const clocks = new Map(zones.map((z) => [z, new WallClock(z)]));
  const two = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
  const iso = fc
    .tuple(
      fc.integer({ min: 900, max: 10050 }).map((y) => String(y).padStart(4, "0")),
      two(13),
      two(32),
      fc.option(fc.tuple(fc.constantFrom("T", " "), two(25), two(60), fc.option(two(60)), fc.option(fc.tuple(fc.constantFrom(".", ","), digits(0, 10))))),
      fc.option(fc.oneof(fc.constantFrom("Z", "z", "+00:00", "-05:30", "+14", "+0545", "+24:00", "-00:60", "+05:", " Z"), fc.tuple(fc.constantFrom("+", "-"), two(25), fc.constantFrom("", ":"), two(60)).map((p) => p.join("")))),
    )
    .map(([y, m, d, time, off]) => {
      let t = `${y}-${m}-${d}`;
      if (time) {
        const [sep, hh, mm, ss, frac] = time;
        t += `${sep}${hh}:${mm}`;
        if (ss !== null) t += `:${ss}${frac === null ? "" : frac.join("")}`;
      }
      return t + (off ?? "");
    });

  it("on generated ISO-like text, valid and not, in several zones", () => {
    fc.assert(
      fc.property(iso, fc.constantFrom(...zones), (t, zone) => {
        const b = enc.encode(t);
        expect(parseInstantBytes(b, 0, b.length, 0, clocks.get(zone)!)).toBe(parseInstant(t, zone));
      }),
      fcOptions,
    );
  });

  it("wall times around clock changes: every minute of the days clocks change, in zones with odd changes", () => {
    // Berlin and New York 2024 (gaps and folds at 02:00/03:00), Lord Howe (30-minute DST, changes at 02:00),
    // Santiago (changes at midnight), Kathmandu (+05:45, no DST)
    const days: [string, string][] = [
      ["Europe/Berlin", "2024-03-31"],
      ["Europe/Berlin", "2024-10-27"],
      ["America/New_York", "2024-03-10"],
      ["America/New_York", "2024-11-03"],
      ["Australia/Lord_Howe", "2024-04-07"],
      ["Australia/Lord_Howe", "2024-10-06"],
      ["America/Santiago", "2024-04-06"],
      ["America/Santiago", "2024-09-08"],
      ["Asia/Kathmandu", "2024-01-01"],
    ];
    for (const [zone, day] of days) {
      const clock = new WallClock(zone);
      for (let m = 0; m < 24 * 60; m += 1) {
        for (const ms of ["", ":00", ":59.999"]) {
          const t = `${day}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}${ms}`;
          const b = enc.encode(t);
          expect([t, parseInstantBytes(b, 0, b.length, 0, clock)]).toEqual([t, parseInstant(t, zone)]);
        }
      }
    }
  });

  it("on toISOString() of any instant in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(10000, 0, 1) - 1 }), (ms) => {
        const t = new Date(ms).toISOString();
        const b = enc.encode(t);
        expect(parseInstantBytes(b, 0, b.length, 0, clocks.get("UTC")!)).toBe(ms);
      }),
      fcOptions,
    );
  });

  it("known values (DESIGN 5 and parseInstant's examples)", () => {
    const at = (t: string, zone = "UTC"): number | null => {
      const b = enc.encode(t);
      return parseInstantBytes(b, 0, b.length, 0, new WallClock(zone));
    };
    expect(at("2024-03-31T02:30", "Europe/Berlin")).toBe(1711848600000);
    expect(at("2024-01-01", "America/New_York")).toBe(1704085200000);
    expect(at("2024-01-01T24:00:00Z")).toBe(Date.UTC(2024, 0, 2));
    expect(at("2024-02-30")).toBeNull();
    expect(at("2023-02-29")).toBeNull();
    expect(at("1000-01-01T00:00+01:00")).toBeNull();
    expect(at(" 2024-01-01 ")).toBe(Date.UTC(2024, 0, 1)); // parseInstant trims
  });
});
