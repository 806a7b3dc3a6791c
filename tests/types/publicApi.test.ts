/**
 * Type tests of the public API (STYLE: "type tests for the public API"). `expectTypeOf` does nothing at run time;
 * `npm run typecheck` (tsc, which includes tests/) fails when a public type drifts. The one runtime assertion
 * keeps vitest from reporting an empty file.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  breakdown,
  ces,
  csat,
  nps,
  npsAggregator,
  runAggregator,
  type Aggregator,
  type AggregatorResult,
  type AggregatorStateOf,
  type BreakdownResult,
  type CesResult,
  type ConfidenceInterval,
  type CsatResult,
  type NpsResult,
  type NpsState,
} from "../../src/index.ts";

interface Answer {
  score: number | null;
  channel: string;
  at: string;
}

describe("public types", () => {
  it("results: nullable scores and intervals, plain fields", () => {
    expectTypeOf(nps([9, 10])).toEqualTypeOf<NpsResult>();
    expectTypeOf<NpsResult["score"]>().toEqualTypeOf<number | null>();
    expectTypeOf<NpsResult["ci"]>().toEqualTypeOf<ConfidenceInterval | null>();
    expectTypeOf<NpsResult["metric"]>().toEqualTypeOf<"nps">();
    expectTypeOf(csat([5])).toEqualTypeOf<CsatResult>();
    expectTypeOf(ces([7])).toEqualTypeOf<CesResult>();
    expectTypeOf<CsatResult["score"]>().toEqualTypeOf<number | null>();
    expectTypeOf<CesResult["ci"]>().toEqualTypeOf<ConfidenceInterval | null>();
  });

  it("inputs: number arrays, typed arrays, and records through an accessor", () => {
    expectTypeOf(nps).toBeCallableWith(new Uint8Array([9]));
    expectTypeOf(nps).toBeCallableWith([9, 10]);
    expectTypeOf(nps<Answer>).toBeCallableWith([{ score: 9, channel: "chat", at: "2025-01-01" }], { value: (r: Answer) => r.score });
    // never called: these lines only have to fail to compile
    const wrong = (): void => {
      // @ts-expect-error: an option that does not exist
      nps([9], { bogus: true });
      // @ts-expect-error: the interval method is a closed set
      nps([9], { interval: "exact" });
    };
    expectTypeOf(wrong).toBeFunction();
  });

  it("aggregators carry their record, state and result types", () => {
    const agg = npsAggregator<Answer>({ value: (r) => r.score });
    expectTypeOf(agg).toEqualTypeOf<Aggregator<Answer, NpsState, NpsResult>>();
    expectTypeOf<AggregatorStateOf<typeof agg>>().toEqualTypeOf<NpsState>();
    expectTypeOf<AggregatorResult<typeof agg>>().toEqualTypeOf<NpsResult>();
    expectTypeOf(runAggregator(agg, [] as Answer[])).toEqualTypeOf<Promise<NpsState>>();
    expectTypeOf(agg.fromJSON).parameter(0).toBeUnknown();
    // @ts-expect-error: an aggregator of Answer records does not take numbers
    expectTypeOf(agg.add).toBeCallableWith(agg.empty(), 9);
  });

  it("breakdowns return rows of the inner result", () => {
    const result = breakdown(npsAggregator<Answer>({ value: (r) => r.score }), [] as Answer[], {
      by: { channel: (r) => r.channel },
      period: { at: (r) => r.at, unit: "isoWeek", timeZone: "Europe/Berlin" },
    });
    expectTypeOf(result).toEqualTypeOf<BreakdownResult<NpsResult>>();
    type Row = (typeof result)["rows"][number];
    expectTypeOf<Row["result"]>().toEqualTypeOf<NpsResult>();
    expectTypeOf<Row["period"]>().toEqualTypeOf<string | null>();
    // @ts-expect-error: period units are a closed set
    expectTypeOf(breakdown<number, NpsState, NpsResult>).toBeCallableWith(npsAggregator(), [9], { period: { at: () => 0, unit: "fortnight" } });
    expect(result.rows).toEqual([]);
  });
});
