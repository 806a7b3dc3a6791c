/**
 * The batches feed the typed-array paths as they are: nps() over a score column and breakdown addColumns with a
 * category column as keys and an instant column as `at` give the results of the record paths over decodeCsv's
 * records (the slow path is the oracle, not a value this code computed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { decodeCsvColumns } from "../../src/io/decodeCsvColumns.ts";
import { nps, npsAggregator } from "../../src/survey/nps.ts";
import { breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { writeCsv, type Cell } from "./csvTestKit.ts";

const row = fc.tuple(
  fc.option(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) }), { freq: 10 }),
  fc.option(fc.integer({ min: 0, max: 10 }), { freq: 8 }),
  fc.option(fc.constantFrom("chat", "email", "a,b", 'q"uote', ""), { freq: 6 }),
);

describe("columnar batches fit nps() and addColumns", () => {
  it("the same NPS and weekly breakdown by channel as the record paths", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), async (rows, batchSize) => {
        const csv = writeCsv(["at", "score", "channel"], rows.map(([at, s, c]): Cell[] => [at === null ? null : new Date(at).toISOString(), s, c]));
        const columns = { at: "instant", score: "integer", channel: "category" } as const;
        type Rec = { at: number | null; score: number | null; channel: string | null };
        const weekly = { at: (r: Rec) => r.at, unit: "isoWeek" as const, timeZone: "Europe/Berlin" };
        const byRecords = breakdownAggregator(npsAggregator({ value: (r: Rec) => r.score }), { by: { channel: (r: Rec) => r.channel }, period: weekly, onInvalid: "count" });
        const byColumns = breakdownAggregator(npsAggregator(), { by: { channel: () => null }, period: { ...weekly, at: () => 0 }, onInvalid: "count" });
        let rs = byRecords.empty();
        const scores: (number | null)[] = [];
        for await (const r of decodeCsv(csv, { columns })) {
          rs = byRecords.add(rs, r);
          scores.push(r.score);
        }
        let cs = byColumns.empty();
        const batchScores: number[] = [];
        for await (const b of decodeCsvColumns(csv, { columns, batchSize })) {
          cs = byColumns.addColumns(cs, { values: b.columns.score, keys: { channel: b.columns.channel }, at: b.columns.at });
          batchScores.push(...b.columns.score);
        }
        const { invalid: ci, ...cr } = byColumns.result(cs);
        const { invalid: ri, ...rr } = byRecords.result(rs);
        expect(cr).toEqual(rr);
        // a row without an instant is invalid for a period breakdown on both paths (the record path reads null,
        // the columnar path NaN), with the same row index
        expect(ci?.examples.map((e) => [e.index, e.field])).toEqual(ri?.examples.map((e) => [e.index, e.field]));
        expect(ci?.count).toBe(ri?.count);
        expect(nps(Float64Array.from(batchScores))).toEqual(nps(scores));
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });
});
