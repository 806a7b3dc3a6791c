/**
 * The breakdown's fast paths against the slow path, on seeded fast-check inputs with invalid values:
 * - addColumns (flat cells array, integer key-code checks, PeriodIndexer hour table) against the same rows as
 *   records through `add`;
 * - `add` with its per-state lookup cache against `add` on a state that went through JSON before every record
 *   (a new object each time, so every lookup builds the JSON id, as before the cache).
 * Results must be deep-equal, and under onInvalid "throw" the error the same (index, field, value, message).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakdownAggregator, type BreakdownResult } from "../../src/aggregate/breakdown.ts";
import { npsAggregator, type NpsResult } from "../../src/survey/nps.ts";
import { CxError } from "../../src/errors.ts";

interface Row {
  code: number;
  region: number;
  v: number;
  t: number;
}

const LABELS = ["email", "chat", null, 7];
const REGIONS = ["north", "south"];
const fcOptions = { seed: 20261201, numRuns: 200 };
const oddNumber = fc.constantFrom(11, 255, -1, 7.5, NaN);
const row: fc.Arbitrary<Row> = fc.record({
  code: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: LABELS.length - 1 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, NaN, LABELS.length, 2 ** 32) }),
  region: fc.integer({ min: 0, max: 1 }),
  v: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: oddNumber }),
  t: fc.oneof({ weight: 30, arbitrary: fc.integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2025, 2, 1) }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity) }),
});
const zone = fc.constantFrom("Asia/Kathmandu", "Australia/Lord_Howe", "Europe/Berlin", "America/New_York");
const unit = fc.constantFrom<"day" | "isoWeek" | "month">("day", "isoWeek", "month");
const onInvalid = fc.constantFrom<"count" | "throw">("count", "throw");

function outcome(f: () => BreakdownResult<NpsResult>): unknown {
  try {
    return { result: f() };
  } catch (e) {
    if (!(e instanceof CxError)) throw e;
    return { error: [e.name, e.message, (e as { index?: number }).index] };
  }
}

/** A breakdown by channel x region x period; `columnar`: its inner NPS reads `values[i]` itself (for addColumns). */
function aggregatorFor(timeZone: string, u: "day" | "isoWeek" | "month", mode: "count" | "throw", columnar = false) {
  return breakdownAggregator(npsAggregator<Row>(columnar ? { onInvalid: mode } : { value: (r) => r.v, onInvalid: mode }), {
    by: { channel: (r) => (Number.isInteger(r.code) && r.code >= 0 && r.code < LABELS.length ? LABELS[r.code] : { code: r.code }), region: (r) => REGIONS[r.region] },
    period: { at: (r) => (Number.isFinite(r.t) ? r.t : "not a time"), unit: u, timeZone },
    onInvalid: mode,
  });
}

describe("breakdown fast paths give exactly the slow path's result", () => {
  it("addColumns equals the rows as records through add (invalid codes, answers and times included)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), zone, unit, onInvalid, (rows, timeZone, u, mode) => {
        const agg = aggregatorFor(timeZone, u, mode);
        const columnar = aggregatorFor(timeZone, u, mode, true);
        const viaRecords = outcome(() => {
          let s = agg.empty();
          rows.forEach((r, i) => (s = agg.add(s, r, i)));
          return agg.result(s);
        });
        const viaColumns = outcome(() => {
          const table = {
            values: Float64Array.from(rows.map((r) => r.v)),
            keys: { channel: { codes: rows.map((r) => r.code), labels: LABELS }, region: { codes: Uint8Array.from(rows.map((r) => r.region)), labels: REGIONS } },
            at: Float64Array.from(rows.map((r) => r.t)),
          };
          return columnar.result(columnar.addColumns(columnar.empty(), table, 0));
        });
        // The record path names a bad key "channel" with the accessor's value; compare results, and for errors
        // the position of the first bad row.
        if ("result" in (viaRecords as object) && "result" in (viaColumns as object)) {
          const a = (viaRecords as { result: BreakdownResult<NpsResult> }).result;
          const b = (viaColumns as { result: BreakdownResult<NpsResult> }).result;
          expect(b.rows).toEqual(a.rows);
          expect(b.total).toEqual(a.total);
          expect(b.invalid?.count).toEqual(a.invalid?.count);
          expect(b.invalid?.examples.map((e) => [e.index, e.field])).toEqual(a.invalid?.examples.map((e) => [e.index, e.field]));
        } else {
          expect((viaColumns as { error: unknown[] }).error?.[2]).toEqual((viaRecords as { error: unknown[] }).error?.[2]);
        }
      }),
      fcOptions,
    );
  });

  it("add with the lookup cache equals add on a state read back from JSON before every record", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), zone, unit, onInvalid, (rows, timeZone, u, mode) => {
        const agg = aggregatorFor(timeZone, u, mode);
        const cached = outcome(() => {
          let s = agg.empty();
          rows.forEach((r, i) => (s = agg.add(s, r, i)));
          return agg.result(s);
        });
        const uncached = outcome(() => {
          let s = agg.empty();
          rows.forEach((r, i) => (s = agg.add(agg.fromJSON(JSON.parse(JSON.stringify(s))), r, i)));
          return agg.result(s);
        });
        expect(cached).toEqual(uncached);
      }),
      fcOptions,
    );
  });

  it("a state keeps finding its groups after merge, fromJSON and addColumns on the same state", () => {
    const agg = aggregatorFor("Asia/Kathmandu", "day", "throw");
    const columnar = aggregatorFor("Asia/Kathmandu", "day", "throw", true);
    const rows: Row[] = [0, 1, 2, 3].map((i) => ({ code: i % 2, region: 0, v: 9 - i, t: Date.UTC(2025, 0, 1, 18, 10 + i * 3) }));
    let s = agg.add(agg.empty(), rows[0]!, 0);
    s = agg.merge(s, agg.add(agg.empty(), rows[1]!, 1));
    s = agg.add(s, rows[2]!, 2);
    s = columnar.addColumns(s, { values: [rows[3]!.v], keys: { channel: { codes: [rows[3]!.code], labels: LABELS }, region: { codes: [0], labels: REGIONS } }, at: [rows[3]!.t] }, 3);
    s = agg.add(agg.fromJSON(JSON.parse(JSON.stringify(s))), rows[0]!, 4);
    s = agg.add(s, rows[1]!, 5);
    let one = agg.empty();
    [...rows, rows[0]!, rows[1]!].forEach((r, i) => (one = agg.add(one, r, i)));
    expect(agg.result(s)).toEqual(agg.result(one));
    expect(Object.keys(s.groups).length).toBe(Object.keys(one.groups).length);
  });
});
