/**
 * Weighted NPS states (found in review): fromJSON refuses weights that add() could never have made, and the
 * largest allowed weights (1e150) do not overflow Kish's effective n.
 */
import { describe, expect, it } from "vitest";
import { nps, npsAggregator } from "../../src/survey/nps.ts";
import { InvalidStateError } from "../../src/errors.ts";

type Row = { s: number; w: number };
const agg = npsAggregator<Row>({ value: (r) => r.s, weight: (r) => r.w });
const state = (): ReturnType<typeof agg.empty> => JSON.parse(JSON.stringify(agg.add(agg.add(agg.empty(), { s: 10, w: 1 }), { s: 0, w: 1 })));

describe("weighted NPS states", () => {
  it("fromJSON refuses negative sums, weight without answers, and sum w^2 that does not fit", () => {
    const negative = state();
    negative.weights!.perPoint[0] = [-4, 0];
    expect(() => agg.fromJSON(negative)).toThrow(/field "weights.perPoint\[0\]" is -4 for 1 answers/);
    const orphan = state();
    orphan.weights!.perPoint[5] = [3, 0];
    expect(() => agg.fromJSON(orphan)).toThrow(/field "weights.perPoint\[5\]" is 3 for 0 answers/);
    const noSquares = state();
    noSquares.weights!.squares = [0, 0];
    expect(() => agg.fromJSON(noSquares)).toThrow(InvalidStateError);
    const tooSmall = state(); // n_eff = 4 / 0.5 = 8 > n = 2
    tooSmall.weights!.squares = [0.5, 0];
    expect(() => agg.fromJSON(tooSmall)).toThrow(/n_eff = 8, expected 1 to 2/);
    expect(agg.result(agg.fromJSON(state())).score).toBe(0);
  });

  it("20,000 answers of weight 1e150 give n_eff = 20,000 and a finite interval, as with weight 1", () => {
    const rows = Array.from({ length: 20_000 }, (_, i): Row => ({ s: i % 3 === 0 ? 2 : 10, w: 1e150 }));
    const heavy = nps(rows, { value: (r) => r.s, weight: (r) => r.w });
    const plain = nps(rows.map((r) => r.s));
    expect(heavy.effectiveN).toBeCloseTo(20_000, 6);
    expect(heavy.score).toBeCloseTo(plain.score!, 9);
    expect(heavy.ci!.lower).toBeCloseTo(plain.ci!.lower, 6);
    expect(heavy.ci!.upper).toBeCloseTo(plain.ci!.upper, 6);
    expect(JSON.parse(JSON.stringify(heavy))).toEqual(heavy);
  });
});
