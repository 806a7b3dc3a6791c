/**
 * comparePeriods on a complete grid compares strictly consecutive periods, as documented (found in review: an
 * empty period was skipped and March was compared with January).
 */
import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { comparePeriods } from "../../src/survey/comparePeriods.ts";
import { npsAggregator } from "../../src/survey/nps.ts";

type Row = { s: number; at: string };
const rows: Row[] = [
  ...Array.from({ length: 20 }, (): Row => ({ s: 10, at: "2024-01-10" })),
  ...Array.from({ length: 20 }, (): Row => ({ s: 0, at: "2024-03-10" })),
];
const agg = npsAggregator<Row>({ value: (r) => r.s });

describe("comparePeriods and empty periods", () => {
  it("complete: true gives February a row without data and March no change", () => {
    const r = comparePeriods(breakdown(agg, rows, { period: { at: (x) => x.at, unit: "month" }, complete: true }));
    expect(r.rows.map((x) => [x.period, x.result.score, x.change?.previousPeriod ?? null])).toEqual([
      ["2024-01", 100, null],
      ["2024-02", null, null],
      ["2024-03", -100, null],
    ]);
  });

  it("without complete, March is compared with the latest earlier period that has a row (January)", () => {
    const r = comparePeriods(breakdown(agg, rows, { period: { at: (x) => x.at, unit: "month" } }));
    expect(r.rows.map((x) => [x.period, x.change?.previousPeriod ?? null, x.change?.significant ?? null])).toEqual([
      ["2024-01", null, null],
      ["2024-03", "2024-01", true],
    ]);
  });
});
