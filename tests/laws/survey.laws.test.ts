import fc from "fast-check";
import { npsAggregator } from "../../src/survey/nps.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { cesAggregator } from "../../src/survey/ces.ts";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { checkAggregatorLaws } from "./lawSuite.ts";

const missing = fc.constantFrom(null, undefined, Number.NaN);
const invalidScores = fc.constantFrom<unknown>(11, -1, 7.5, "9", Number.POSITIVE_INFINITY, -0.5, 1e308, {}, true);
/** Present but invalid on any integer scale: fractions, tiny and huge numbers, non-numbers. */
const offScale = fc.oneof(
  fc.constantFrom<unknown>(0.5, 5e-324, -1e-300, 1e308, -1e308, Number.NEGATIVE_INFINITY, 9.0000001, "4", "", true, false, [], new Date(0)),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)),
);
const npsScore = fc.integer({ min: 0, max: 10 });

checkAggregatorLaws("nps (answers and missing)", {
  make: () => npsAggregator<unknown>(),
  input: fc.oneof({ weight: 8, arbitrary: npsScore }, { weight: 1, arbitrary: missing }),
  other: () => npsAggregator<unknown>({ bands: { detractorMax: 5, promoterMin: 9 } }),
});

checkAggregatorLaws("nps (invalid answers counted)", {
  make: () => npsAggregator<unknown>({ onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: npsScore }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: invalidScores }),
  other: () => npsAggregator<unknown>({ bands: { detractorMax: 6, promoterMin: 10 }, onInvalid: "count" }),
});

const weight = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e-150, 1e150, 1e-12, 1e12, 1) },
  { weight: 1, arbitrary: fc.constantFrom(-1, Number.NaN, null, Number.POSITIVE_INFINITY, 1e-200, "2") },
);
type Weighted = { s: unknown; w: unknown };
checkAggregatorLaws("nps (weighted, invalid counted)", {
  make: () => npsAggregator<Weighted>({ value: (r) => r.s, weight: (r) => r.w, onInvalid: "count" }),
  input: fc.record({ s: fc.oneof({ weight: 8, arbitrary: npsScore }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: invalidScores }), w: weight }),
  other: () => npsAggregator<Weighted>({ value: (r) => r.s, onInvalid: "count" }),
  tolerance: 1e-9,
});

checkAggregatorLaws("csat (5-point)", {
  make: () => csatAggregator<unknown>(),
  input: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: missing }),
  other: () => csatAggregator<unknown>({ satisfiedMin: 5 }),
});

checkAggregatorLaws("csat (5-point, invalid counted)", {
  make: () => csatAggregator<unknown>({ onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: fc.oneof(offScale, fc.constantFrom<unknown>(0, 6)) }),
  other: () => csatAggregator<unknown>({ scale: { min: 0, max: 4 }, onInvalid: "count" }),
});

checkAggregatorLaws("csat (7-point)", {
  make: () => csatAggregator<unknown>({ scale: { min: 1, max: 7 } }),
  input: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 7 }) }, { weight: 1, arbitrary: missing }),
  other: () => csatAggregator<unknown>({ scale: { min: 1, max: 7 }, satisfiedMin: 5 }),
});

checkAggregatorLaws("csat (custom 0-10 scale, satisfied 9-10, invalid counted)", {
  make: () => csatAggregator<unknown>({ scale: { min: 0, max: 10 }, satisfiedMin: 9, onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: fc.oneof(offScale, fc.constantFrom<unknown>(11, -1)) }),
  other: () => csatAggregator<unknown>({ scale: { min: 0, max: 10 }, satisfiedMin: 8, onInvalid: "count" }),
});

const FAR = 1e12;
checkAggregatorLaws("csat (custom scale far from zero, 1e12..1e12+4)", {
  make: () => csatAggregator<unknown>({ scale: { min: FAR, max: FAR + 4 }, onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: FAR, max: FAR + 4 }) }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: fc.constantFrom<unknown>(FAR - 1, FAR + 5, FAR + 0.5, 1) }),
  other: () => csatAggregator<unknown>({ scale: { min: FAR, max: FAR + 4 }, satisfiedMin: FAR + 2, onInvalid: "count" }),
  tolerance: 1e-12,
});

checkAggregatorLaws("csat (binary, invalid counted)", {
  make: () => csatAggregator<unknown>({ scale: "binary", onInvalid: "count" }),
  input: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<unknown>(true, false, "yes", "no", "YES", "No", 1, 0) },
    { weight: 1, arbitrary: missing },
    { weight: 2, arbitrary: fc.constantFrom<unknown>("maybe", 2, -1, "1", {}) },
  ),
  other: () => csatAggregator<unknown>({ scale: { min: 1, max: 2 }, satisfiedMin: 2, onInvalid: "count" }),
});

checkAggregatorLaws("ces (7-point, invalid counted)", {
  make: () => cesAggregator<unknown>({ onInvalid: "count" }),
  input: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 7 }) }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 8, 3.5, "5") }),
  other: () => cesAggregator<unknown>({ direction: "lower-is-easier", onInvalid: "count" }),
});

checkAggregatorLaws("ces (5-point, lower is easier, invalid counted)", {
  make: () => cesAggregator<unknown>({ scale: { min: 1, max: 5 }, direction: "lower-is-easier", onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: fc.oneof(offScale, fc.constantFrom<unknown>(0, 6)) }),
  other: () => cesAggregator<unknown>({ scale: { min: 1, max: 5 }, direction: "higher-is-easier", onInvalid: "count" }),
});

checkAggregatorLaws("ces (0-10 scale, custom easy 8-10 and difficult 0-4)", {
  make: () => cesAggregator<unknown>({ scale: { min: 0, max: 10 }, easy: { min: 8, max: 10 }, difficult: { min: 0, max: 4 }, onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: offScale }),
  other: () => cesAggregator<unknown>({ scale: { min: 0, max: 10 }, easy: { min: 7, max: 10 }, difficult: { min: 0, max: 4 }, onInvalid: "count" }),
});

type Answer = { c: unknown; s: unknown; t: unknown };
const BERLIN_2024 = Date.UTC(2024, 0, 1);
const instant = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: BERLIN_2024 - 86_400_000 * 30, max: BERLIN_2024 + 86_400_000 * 400 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>("2024-03-31T02:30", "2024-10-27T02:30", "2020-12-31T23:59:59", "2021-01-04", "2024-12-30T00:00+01:00") },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "not a date", "2024-02-30", Number.NaN, {}) },
);
checkAggregatorLaws("breakdown (nps by channel x ISO week, Europe/Berlin, invalid counted)", {
  make: () =>
    breakdownAggregator(npsAggregator<Answer>({ value: (r) => r.s, onInvalid: "count" }), {
      by: { channel: (r) => r.c },
      period: { at: (r) => r.t, unit: "isoWeek", timeZone: "Europe/Berlin" },
      onInvalid: "count",
    }),
  input: fc.record({
    c: fc.constantFrom<unknown>("email", "chat", null, undefined, "__proto__", "constructor", 7, {}),
    s: fc.oneof({ weight: 8, arbitrary: npsScore }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: invalidScores }),
    t: instant,
  }),
  other: () =>
    breakdownAggregator(npsAggregator<Answer>({ value: (r) => r.s, onInvalid: "count" }), {
      by: { channel: (r) => r.c },
      period: { at: (r) => r.t, unit: "month", timeZone: "Europe/Berlin" },
      onInvalid: "count",
    }),
  numRuns: 100,
});

type Row = { c: unknown; r: unknown; s: unknown; w: unknown; t: unknown };
const row = fc.record({
  c: fc.constantFrom<unknown>("email", "chat", "", null, undefined, 0, 1e308, 5e-324, true, "toString", Number.NaN, [], "__proto__"),
  r: fc.constantFrom<unknown>("EU", "US", null),
  s: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: offScale }),
  w: weight,
  t: instant,
});

checkAggregatorLaws("breakdown (csat 0-10 by channel x region, no period, invalid counted)", {
  make: () =>
    breakdownAggregator(csatAggregator<Row>({ value: (x) => x.s, scale: { min: 0, max: 10 }, onInvalid: "count" }), {
      by: { channel: (x) => x.c, region: (x) => x.r },
      onInvalid: "count",
    }),
  input: row,
  other: () => breakdownAggregator(csatAggregator<Row>({ value: (x) => x.s, scale: { min: 0, max: 10 }, onInvalid: "count" }), { by: { channel: (x) => x.c }, onInvalid: "count" }),
  numRuns: 100,
});

checkAggregatorLaws("breakdown (ces 0-10 by month in UTC, complete grid, invalid counted)", {
  make: () =>
    breakdownAggregator(cesAggregator<Row>({ value: (x) => x.s, scale: { min: 0, max: 10 }, onInvalid: "count" }), {
      period: { at: (x) => x.t, unit: "month" },
      complete: true,
      onInvalid: "count",
    }),
  input: row,
  other: () => breakdownAggregator(cesAggregator<Row>({ value: (x) => x.s, scale: { min: 0, max: 10 }, onInvalid: "count" }), { period: { at: (x) => x.t, unit: "quarter" }, onInvalid: "count" }),
  numRuns: 100,
});

checkAggregatorLaws("breakdown (weighted nps by channel x day in America/New_York, invalid counted)", {
  make: () =>
    breakdownAggregator(npsAggregator<Row>({ value: (x) => x.s, weight: (x) => x.w, onInvalid: "count" }), {
      by: { channel: (x) => x.c },
      period: { at: (x) => x.t, unit: "day", timeZone: "America/New_York" },
      onInvalid: "count",
    }),
  input: row,
  // The unweighted inner aggregator: its states, even empty ones, carry other inner options and never mix.
  other: () =>
    breakdownAggregator(npsAggregator<Row>({ value: (x) => x.s, onInvalid: "count" }), {
      by: { channel: (x) => x.c },
      period: { at: (x) => x.t, unit: "day", timeZone: "America/New_York" },
      onInvalid: "count",
    }),
  tolerance: 1e-9,
  numRuns: 100,
});
