import fc from "fast-check";
import { npsAggregator } from "../../src/survey/nps.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { cesAggregator } from "../../src/survey/ces.ts";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { checkAggregatorLaws } from "./lawSuite.ts";

const missing = fc.constantFrom(null, undefined, Number.NaN);
const invalidScores = fc.constantFrom<unknown>(11, -1, 7.5, "9", Number.POSITIVE_INFINITY, -0.5, 1e308, {}, true);
const npsScore = fc.integer({ min: 0, max: 10 });

checkAggregatorLaws("nps (answers and missing)", {
  make: () => npsAggregator<unknown>(),
  input: fc.oneof({ weight: 8, arbitrary: npsScore }, { weight: 1, arbitrary: missing }),
  other: () => npsAggregator<unknown>({ bands: { detractorMax: 5, promoterMin: 9 } }),
});

checkAggregatorLaws("nps (invalid answers counted)", {
  make: () => npsAggregator<unknown>({ onInvalid: "count" }),
  input: fc.oneof({ weight: 6, arbitrary: npsScore }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: invalidScores }),
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
