/**
 * The state schemas of cx-metrics/schemas against the aggregators' own `fromJSON` (plain checks, no zod):
 * real states built from seeded fast-check data parse and read back to the same state; damaged states are refused
 * by both; and every known edge where the two disagree is pinned here (see the "disagreements" block).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import type { Aggregator, AggregatorState } from "../../src/aggregate/aggregator.ts";
import { CxError, InvalidOptionError, InvalidStateError } from "../../src/errors.ts";
import { cesAggregator } from "../../src/survey/ces.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { npsAggregator } from "../../src/survey/nps.ts";
import { breakdownStateSchema, cesStateSchema, csatStateSchema, npsStateSchema } from "../../src/schemas/index.ts";

const SEED = 20250311;
type Json = Record<string, any>; // test-only: damaged states are edited freely

const missing = fc.constantFrom<unknown>(null, undefined, Number.NaN);
const invalid = fc.constantFrom<unknown>(11, -1, 7.5, "9", Number.POSITIVE_INFINITY, {}, true, "maybe", 1e308);
const score = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 8, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: missing }, { weight: 2, arbitrary: invalid });
const weight = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(0, 1e-150, 1e150, -1, Number.NaN, "2") },
);
const instant = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: Date.UTC(2023, 11, 1), max: Date.UTC(2025, 1, 1) }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>("2024-03-31T02:30", "2024-10-27T02:30", "2020-12-31T23:59:59", "2024-12-30T00:00+01:00") },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "not a date", "2024-02-30", Number.NaN) },
);
const channel = fc.constantFrom<unknown>("email", "chat", null, undefined, "__proto__", "constructor", 7, true, {});

type Row = { c: unknown; s: unknown; w: unknown; t: unknown };
const row = (min: number, max: number): fc.Arbitrary<Row> => fc.record({ c: channel, s: score(min, max), w: weight, t: instant });

interface Case {
  name: string;
  agg: Aggregator<Row, AggregatorState, unknown>;
  schema: z.ZodType;
  rows: fc.Arbitrary<Row>;
}

const nps = (extra: Parameters<typeof npsAggregator<Row>>[0] = {}) => npsAggregator<Row>({ value: (r) => r.s, onInvalid: "count", ...extra });
const CASES: Case[] = [
  { name: "nps", agg: npsAggregator<Row>({ value: (r) => (typeof r.s === "number" && Number.isInteger(r.s) && r.s >= 0 && r.s <= 10 ? r.s : null) }), schema: npsStateSchema(), rows: row(0, 10) },
  { name: "nps, invalid counted, bands 5/8", agg: nps({ bands: { detractorMax: 5, promoterMin: 8 } }), schema: npsStateSchema(), rows: row(0, 10) },
  { name: "nps, weighted, invalid counted", agg: nps({ weight: (r) => r.w }), schema: npsStateSchema(), rows: row(0, 10) },
  { name: "csat 5-point, invalid counted", agg: csatAggregator<Row>({ value: (r) => r.s, onInvalid: "count" }), schema: csatStateSchema(), rows: row(1, 5) },
  { name: "csat binary, invalid counted", agg: csatAggregator<Row>({ value: (r) => r.s, scale: "binary", onInvalid: "count" }), schema: csatStateSchema(), rows: row(0, 1) },
  { name: "csat 0-10, satisfiedMin 7", agg: csatAggregator<Row>({ value: (r) => r.s, scale: { min: 0, max: 10 }, satisfiedMin: 7, onInvalid: "count" }), schema: csatStateSchema(), rows: row(0, 10) },
  { name: "ces 7-point, invalid counted", agg: cesAggregator<Row>({ value: (r) => r.s, onInvalid: "count" }), schema: cesStateSchema(), rows: row(1, 7) },
  { name: "ces 1-5 lower-is-easier, own ranges", agg: cesAggregator<Row>({ value: (r) => r.s, scale: { min: 1, max: 5 }, direction: "lower-is-easier", easy: { min: 1, max: 1 }, difficult: { min: 4, max: 5 }, onInvalid: "count" }), schema: cesStateSchema(), rows: row(1, 5) },
  {
    name: "breakdown: nps by channel x ISO week in Europe/Berlin, invalid counted",
    agg: breakdownAggregator(nps(), { by: { channel: (r) => r.c }, period: { at: (r) => r.t, unit: "isoWeek", timeZone: "Europe/Berlin" }, onInvalid: "count" }),
    schema: breakdownStateSchema(),
    rows: row(0, 10),
  },
  {
    name: "breakdown: weighted nps by channel x month in America/New_York",
    agg: breakdownAggregator(nps({ weight: (r) => r.w }), { by: { channel: (r) => r.c }, period: { at: (r) => r.t, unit: "month", timeZone: "America/New_York" }, onInvalid: "count" }),
    schema: breakdownStateSchema(),
    rows: row(0, 10),
  },
  {
    name: "breakdown: csat by channel, no period",
    agg: breakdownAggregator(csatAggregator<Row>({ value: (r) => r.s, onInvalid: "count" }), { by: { channel: (r) => r.c }, onInvalid: "count" }),
    schema: breakdownStateSchema(),
    rows: row(1, 5),
  },
  {
    name: "breakdown: ces by week starting Sunday in Asia/Kathmandu, no keys",
    agg: breakdownAggregator(cesAggregator<Row>({ value: (r) => r.s, onInvalid: "count" }), { period: { at: (r) => r.t, unit: "week", timeZone: "Asia/Kathmandu", weekStartsOn: 0 }, onInvalid: "count" }),
    schema: breakdownStateSchema(),
    rows: row(1, 7),
  },
];

function stateOf(c: Case, rows: Row[]): Json {
  let s = c.agg.empty();
  rows.forEach((r, i) => (s = c.agg.add(s, r, i)));
  return JSON.parse(JSON.stringify(s)) as Json;
}

/** Whether fromJSON reads it; any refusal must be a CxError (InvalidStateError). */
function readable(c: Case, json: unknown): boolean {
  try {
    c.agg.fromJSON(json);
    return true;
  } catch (e) {
    expect(e).toBeInstanceOf(CxError);
    return false;
  }
}

const clone = (x: Json): Json => JSON.parse(JSON.stringify(x)) as Json;

/** The inner states of a breakdown state, or the state itself. */
function innerStates(s: Json): Json[] {
  return s["kind"] === "breakdown" ? Object.values(s["groups"] as Record<string, Json>).map((g) => g["state"] as Json) : [s];
}

/** Damage that every reader must refuse. Each returns false when it does not apply to this state. */
const DAMAGE: Record<string, (s: Json) => boolean | void> = {
  "kind is another aggregator's": (s) => void (s["kind"] = s["kind"] === "nps" ? "csat" : "nps"),
  "v: 2": (s) => void (s["v"] = 2),
  'v: "1"': (s) => void (s["v"] = "1"),
  "v missing": (s) => void delete s["v"],
  "kind missing": (s) => void delete s["kind"],
  "options missing": (s) => void delete s["options"],
  "invalid missing": (s) => void delete s["invalid"],
  "invalid.count negative": (s) => void (s["invalid"].count = -1),
  "invalid.count fractional": (s) => void (s["invalid"].count = 0.5),
  "more examples than the count": (s) => void (s["invalid"].examples.push({ index: 0, field: "score", value: 1, reason: "r" }), (s["invalid"].count = s["invalid"].examples.length - 1)),
  "eleven examples": (s) => {
    const ex = Array.from({ length: 11 }, (_, i) => ({ index: i, field: "score", value: 11, reason: "r" }));
    s["invalid"] = { count: 20, examples: ex };
  },
  "example value is an object": (s) => void ((s["invalid"] = { count: 1, examples: [{ index: 0, field: "f", value: {}, reason: "r" }] })),
  "example index negative": (s) => void ((s["invalid"] = { count: 1, examples: [{ index: -1, field: "f", value: 1, reason: "r" }] })),
  "example without reason": (s) => void ((s["invalid"] = { count: 1, examples: [{ index: 0, field: "f", value: 1 }] })),
  // Inner-state damage (the state itself, or every group's inner state of a breakdown).
  "counts entry negative": (s) => innerStates(s).map((x) => (x["counts"][0] = -1)).length > 0,
  "counts entry fractional": (s) => innerStates(s).map((x) => (x["counts"][0] = 1.5)).length > 0,
  "counts entry a string": (s) => innerStates(s).map((x) => (x["counts"][0] = "3")).length > 0,
  "one count too many": (s) => innerStates(s).map((x) => x["counts"].push(0)).length > 0,
  "one count too few": (s) => innerStates(s).map((x) => x["counts"].pop()).length > 0,
  "counts missing": (s) => innerStates(s).map((x) => delete x["counts"]).length > 0,
  "missing negative": (s) => innerStates(s).map((x) => (x["missing"] = -1)).length > 0,
  "missing absent": (s) => innerStates(s).map((x) => delete x["missing"]).length > 0,
  "inner invalid.count negative": (s) => innerStates(s).map((x) => (x["invalid"].count = -1)).length > 0,
  "inner v: 2": (s) => s["kind"] === "breakdown" && innerStates(s).map((x) => (x["v"] = 2)).length > 0,
  "inner kind of another metric": (s) => s["kind"] === "breakdown" && innerStates(s).map((x) => (x["kind"] = x["kind"] === "nps" ? "ces" : "nps")).length > 0,
  // NPS.
  "nps: weighted flag flipped": (s) => innerStates(s).filter((x) => x["kind"] === "nps").map((x) => (x["options"].weighted = !x["options"].weighted)).length > 0,
  "nps: weighted flag missing": (s) => innerStates(s).filter((x) => x["kind"] === "nps").map((x) => delete x["options"].weighted).length > 0,
  "nps: weights absent (not null)": (s) => innerStates(s).filter((x) => x["kind"] === "nps").map((x) => delete x["weights"]).length > 0,
  "nps: detractorMax negative": (s) => innerStates(s).filter((x) => x["kind"] === "nps").map((x) => (x["options"].detractorMax = -1)).length > 0,
  "nps: bands overlap": (s) => innerStates(s).filter((x) => x["kind"] === "nps").map((x) => ((x["options"].detractorMax = 9), (x["options"].promoterMin = 9))).length > 0,
  "nps: promoterMin 11": (s) => innerStates(s).filter((x) => x["kind"] === "nps").map((x) => (x["options"].promoterMin = 11)).length > 0,
  "nps: 10 weights per point": (s) => innerStates(s).filter((x) => x["weights"]).map((x) => x["weights"].perPoint.pop()).length > 0,
  "nps: a weight sum not a pair": (s) => innerStates(s).filter((x) => x["weights"]).map((x) => (x["weights"].squares = [1])).length > 0,
  "nps: a weight sum of three": (s) => innerStates(s).filter((x) => x["weights"]).map((x) => (x["weights"].perPoint[3] = [1, 0, 0])).length > 0,
  "nps: a weight sum holding a string": (s) => innerStates(s).filter((x) => x["weights"]).map((x) => (x["weights"].squares = [1, "0"])).length > 0,
  // CSAT and CES options (compared with the aggregator's own).
  "scale options with an extra key": (s) => innerStates(s).filter((x) => x["kind"] !== "nps").map((x) => (x["options"].extra = 1)).length > 0,
  "scale min fractional": (s) => innerStates(s).filter((x) => x["kind"] !== "nps" && x["options"].scale !== "binary").map((x) => (x["options"].scale.min = 0.5)).length > 0,
  "csat: satisfiedMin below the scale": (s) => innerStates(s).filter((x) => x["kind"] === "csat").map((x) => (x["options"].satisfiedMin = -5)).length > 0,
  "ces: easy overlaps difficult": (s) => innerStates(s).filter((x) => x["kind"] === "ces").map((x) => (x["options"].easy = { ...x["options"].difficult })).length > 0,
  "ces: direction unknown": (s) => innerStates(s).filter((x) => x["kind"] === "ces").map((x) => (x["options"].direction = "sideways")).length > 0,
  // Breakdown.
  "breakdown: records negative": (s) => s["kind"] === "breakdown" && void (s["records"] = -1),
  "breakdown: groups an array": (s) => s["kind"] === "breakdown" && void (s["groups"] = []),
  "breakdown: inner kind of another metric": (s) => s["kind"] === "breakdown" && Object.keys(s["groups"]).length > 0 && void (s["options"].inner = s["options"].inner === "nps" ? "csat" : "nps"),
  "breakdown: by names another key": (s) => s["kind"] === "breakdown" && s["options"].by.length > 0 && Object.keys(s["groups"]).length > 0 && void (s["options"].by = ["other"]),
  "breakdown: period unit unknown": (s) => s["kind"] === "breakdown" && s["options"].period !== null && void (s["options"].period.unit = "fortnight"),
  "breakdown: period time zone unknown": (s) => s["kind"] === "breakdown" && s["options"].period !== null && void (s["options"].period.timeZone = "Mars/Olympus"),
  "breakdown: period spec with an extra key": (s) => s["kind"] === "breakdown" && s["options"].period !== null && void (s["options"].period.extra = true),
  "breakdown: weekStartsOn 7": (s) => s["kind"] === "breakdown" && s["options"].period !== null && void (s["options"].period.weekStartsOn = 7),
  "breakdown: a group id that does not match": (s) => {
    const ids = s["kind"] === "breakdown" ? Object.keys(s["groups"]) : [];
    if (ids.length === 0) return false;
    s["groups"][`${ids[0]} `] = s["groups"][ids[0]!];
    delete s["groups"][ids[0]!];
  },
  "breakdown: a group key value missing": (s) => s["kind"] === "breakdown" && s["options"].by.length > 0 && Object.values(s["groups"] as Record<string, Json>).map((g) => delete g["key"][s["options"].by[0]]).length > 0,
  "breakdown: a group key value an object": (s) => s["kind"] === "breakdown" && s["options"].by.length > 0 && Object.values(s["groups"] as Record<string, Json>).map((g) => (g["key"][s["options"].by[0]] = {})).length > 0,
  "breakdown: a group period missing": (s) => s["kind"] === "breakdown" && s["options"].period !== null && Object.values(s["groups"] as Record<string, Json>).map((g) => (g["period"] = null)).length > 0,
  "breakdown: a group period without a period spec": (s) => s["kind"] === "breakdown" && s["options"].period === null && Object.values(s["groups"] as Record<string, Json>).map((g) => (g["period"] = { label: "2024", start: 0, end: 1 })).length > 0,
  "breakdown: a group period start a string": (s) => s["kind"] === "breakdown" && s["options"].period !== null && Object.values(s["groups"] as Record<string, Json>).map((g) => (g["period"].start = "0")).length > 0,
  "breakdown: a group period label a number": (s) => s["kind"] === "breakdown" && s["options"].period !== null && Object.values(s["groups"] as Record<string, Json>).map((g) => (g["period"].label = 2024)).length > 0,
  "breakdown: a group without state": (s) => s["kind"] === "breakdown" && Object.values(s["groups"] as Record<string, Json>).map((g) => delete g["state"]).length > 0,
};

describe.each(CASES)("$name", (c) => {
  it("real states from seeded data parse, and read back as fromJSON reads them", () => {
    fc.assert(
      fc.property(fc.array(c.rows, { maxLength: 60 }), (rows) => {
        const json = stateOf(c, rows);
        const parsed = c.schema.safeParse(json);
        expect(parsed.error?.issues).toBeUndefined();
        expect(parsed.data).toEqual(c.agg.fromJSON(json));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it("the empty state and a merged state parse", () => {
    expect(c.schema.safeParse(JSON.parse(JSON.stringify(c.agg.empty()))).success).toBe(true);
    const rows = fc.sample(c.rows, { seed: SEED, numRuns: 40 });
    const merged = c.agg.merge(c.agg.fromJSON(stateOf(c, rows.slice(0, 20))), c.agg.fromJSON(stateOf(c, rows.slice(20))));
    expect(c.schema.safeParse(JSON.parse(JSON.stringify(merged))).success).toBe(true);
  });

  it("damaged states are refused by both the schema and fromJSON", () => {
    const samples = [stateOf(c, []), ...fc.sample(fc.array(c.rows, { minLength: 1, maxLength: 40 }), { seed: SEED, numRuns: 8 }).map((rows) => stateOf(c, rows))];
    let applied = 0;
    for (const [what, damage] of Object.entries(DAMAGE)) {
      for (const state of samples) {
        const json = clone(state);
        if (damage(json) === false) continue;
        applied += 1;
        expect(c.schema.safeParse(json).success, `schema accepted: ${what}`).toBe(false);
        expect(readable(c, json), `fromJSON accepted: ${what}`).toBe(false);
      }
    }
    expect(applied).toBeGreaterThan(20);
    for (const notAState of [null, 1, "nps", [], undefined]) {
      expect(c.schema.safeParse(notAState).success).toBe(false);
      expect(readable(c, notAState)).toBe(false);
    }
  });
});

describe("edges where the schemas and fromJSON once disagreed (now they agree, except where the schema cannot know the reading aggregator)", () => {
  const agg = npsAggregator();
  const state = (): Json => clone(agg.add(agg.empty(), 9) as unknown as Json);

  it("overlapping bands: both refuse, fromJSON with InvalidStateError (the state differs from the aggregator's options)", () => {
    const s = state();
    s["options"].detractorMax = 9;
    expect(npsStateSchema().safeParse(s).success).toBe(false);
    expect(() => agg.fromJSON(s)).toThrow(InvalidStateError);
  });

  it("counts beyond 2^53 (no longer exact integers): both refuse", () => {
    const s = state();
    s["counts"][9] = 2 ** 60;
    expect(() => agg.fromJSON(s)).toThrow(InvalidStateError);
    expect(npsStateSchema().safeParse(s).success).toBe(false);
  });

  it("csat and ces options with the same keys in another order: the schema accepts, as fromJSON does (tests/survey/regressions.test.ts, regression 2)", () => {
    const s = clone(csatAggregator().empty() as unknown as Json);
    s["options"] = { satisfiedMin: 4, scale: { max: 5, min: 1 } };
    expect(csatStateSchema().safeParse(s).success).toBe(true);
    const c = clone(cesAggregator().empty() as unknown as Json);
    c["options"] = { difficult: { max: 3, min: 1 }, easy: { max: 7, min: 5 }, direction: "higher-is-easier", scale: { max: 7, min: 1 } };
    expect(cesStateSchema().safeParse(c).success).toBe(true);
  });

  it("a state with other (valid) bands: the schema accepts it (it cannot know the aggregator); fromJSON refuses it, as CSAT and CES do", () => {
    const s = state();
    s["options"].detractorMax = 4;
    expect(npsStateSchema().safeParse(s).success).toBe(true);
    expect(() => agg.fromJSON(s)).toThrow(/this aggregator uses/);
    expect(() => npsAggregator({ bands: { detractorMax: 4, promoterMin: 9 } }).fromJSON(s)).not.toThrow();
  });

  it("a breakdown whose nps groups have different bands: both refuse", () => {
    type R = { c: string; s: number };
    const b = breakdownAggregator(npsAggregator<R>({ value: (r) => r.s }), { by: { c: (r) => r.c } });
    const s = clone(b.add(b.add(b.empty(), { c: "x", s: 9 }), { c: "y", s: 3 }) as unknown as Json);
    s["groups"]['["y"]'].state.options.detractorMax = 5;
    expect(() => b.fromJSON(s)).toThrow(InvalidStateError);
    expect(breakdownStateSchema().safeParse(s).success).toBe(false);
  });

  it("a breakdown group key with an extra non-key field: fromJSON ignores it, the schema refuses it", () => {
    type R = { c: string; s: number };
    const b = breakdownAggregator(npsAggregator<R>({ value: (r) => r.s }), { by: { c: (r) => r.c } });
    const s = clone(b.add(b.empty(), { c: "x", s: 9 }) as unknown as Json);
    s["groups"]['["x"]'].key.extra = { nested: true };
    expect(() => b.fromJSON(s)).not.toThrow();
    expect(breakdownStateSchema().safeParse(s).success).toBe(false);
  });

  it("an empty breakdown over another inner kind: the schema accepts it (any survey kind), an aggregator's fromJSON only when kind and inner options are its own", () => {
    const b = breakdownAggregator(npsAggregator());
    const s = clone(b.empty() as unknown as Json);
    s["options"].inner = "csat";
    expect(breakdownStateSchema().safeParse(s).success).toBe(true);
    expect(() => b.fromJSON(s)).toThrow(InvalidStateError);
    expect(() => breakdownAggregator(csatAggregator()).fromJSON(s)).toThrow(/options.innerOptions/);
    const csatEmpty = clone(breakdownAggregator(csatAggregator()).empty() as unknown as Json);
    expect(() => breakdownAggregator(csatAggregator()).fromJSON(csatEmpty)).not.toThrow();
  });
});
