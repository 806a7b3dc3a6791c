/**
 * Breakdown keys and periods that JSON cannot carry faithfully are refused up front (found in review).
 */
import { describe, expect, it } from "vitest";
import { breakdown, breakdownAggregator } from "../../src/aggregate/breakdown.ts";
import { npsAggregator } from "../../src/survey/nps.ts";

type Row = { ch: unknown; s: number; at?: string };
const agg = npsAggregator<Row>({ value: (r) => r.s });

describe("breakdown keys and periods", () => {
  it("an infinite key is invalid, not merged into the null group", () => {
    const r = breakdown(agg, [{ ch: null, s: 10 }, { ch: Infinity, s: 9 }, { ch: -Infinity, s: 0 }], { by: { ch: (x) => x.ch }, onInvalid: "count" });
    expect(r.rows.map((x) => [x.key["ch"], x.result.n])).toEqual([[null, 1]]);
    expect(r.invalid?.count).toBe(2);
    expect(() => breakdown(agg, [{ ch: Infinity, s: 9 }], { by: { ch: (x) => x.ch } })).toThrow(/expected a string, finite number, boolean or null as a group key/);
  });

  it("an undefined label in addColumns is the null key, as on the record path", () => {
    const b = breakdownAggregator(npsAggregator(), { by: { ch: () => null } });
    const r = b.result(b.addColumns(b.empty(), { values: [10, 3], keys: { ch: { codes: [0, 1], labels: [undefined as unknown as null, "web"] } } }));
    expect(r.rows.map((x) => x.key)).toEqual([{ ch: null }, { ch: "web" }]);
    expect(JSON.parse(JSON.stringify(r.rows[0]!.key))).toEqual({ ch: null });
  });

  it("fromJSON refuses a group whose period is not the period of its start in the breakdown's zone", () => {
    const b = breakdownAggregator(agg, { by: { ch: (x) => x.ch }, period: { at: (x) => x.at, unit: "month", timeZone: "Europe/Berlin" } });
    const good = JSON.parse(JSON.stringify(b.add(b.empty(), { ch: "web", s: 10, at: "2024-03-05T10:00" })));
    expect(b.result(b.fromJSON(good)).rows[0]!.period).toBe("2024-03");
    const id = Object.keys(good.groups)[0]!;
    for (const period of [
      { label: "2024-03", start: 1e300, end: 1e300 + 1 },
      { label: "2024-03", start: 5, end: 1 },
      { label: "2024-04", start: good.groups[id].period.start, end: good.groups[id].period.end },
      { label: "2024-03", start: Date.UTC(2024, 1, 29, 23), end: Date.UTC(2024, 2, 31, 23) }, // the end ignores the DST change: Berlin's March 2024 ends at 22:00Z
    ]) {
      const bad = structuredClone(good);
      bad.groups[id].period = period;
      expect(() => b.fromJSON(bad), JSON.stringify(period)).toThrow(/which is not a month in Europe\/Berlin/);
    }
  });
});

describe("row order", () => {
  it("is the same for any input order of mixed key types: null, booleans, numbers by value, strings (found in review)", () => {
    const keys: unknown[] = ["1a", 10, 9, null, true, false, "b", -1];
    const order = (ks: unknown[]): unknown[] => breakdown(agg, ks.map((ch) => ({ ch, s: 9 })), { by: { ch: (x) => x.ch } }).rows.map((r) => r.key["ch"]);
    const expected = [null, false, true, -1, 9, 10, "1a", "b"];
    expect(order(keys)).toEqual(expected);
    expect(order([...keys].reverse())).toEqual(expected);
    expect(order([9, "1a", 10])).toEqual([9, 10, "1a"]);
    expect(order([10, "1a", 9])).toEqual([9, 10, "1a"]);
  });
});

describe("addColumns limits", () => {
  it("refuses more label combinations than its cell numbers can hold exactly, instead of mixing groups (found in review)", () => {
    const labels = Array.from({ length: 1 << 15 }, (_, i) => `L${i}`);
    const b = breakdownAggregator(npsAggregator(), { by: { a: () => null, b: () => null } });
    const ok = b.addColumns(b.empty(), { values: [9, 10], keys: { a: { codes: [0, 1], labels }, b: { codes: [0, 0], labels } } });
    expect(b.result(ok).rows.map((r) => r.result.n)).toEqual([1, 1]);
    const c = breakdownAggregator(npsAggregator(), { by: { a: () => null, b: () => null, c: () => null } });
    expect(() => c.addColumns(c.empty(), { values: [9], keys: { a: { codes: [0], labels }, b: { codes: [0], labels }, c: { codes: [0], labels } } })).toThrow(/label combinations; addColumns handles up to 2\^32/);
  });
});
