/** Type tests of the CLV API of clv-a (rfmSummary, fitGammaGamma, expectedAverageSpend, simpleClv, cdnowSample). */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  cdnowSample,
  datasets,
  expectedAverageSpend,
  fitGammaGamma,
  rfmColumns,
  rfmSummary,
  rfmSummaryAggregator,
  simpleClv,
  type Aggregator,
  type CdnowPurchase,
  type GammaGammaFit,
  type RfmColumns,
  type RfmRow,
  type RfmState,
  type RfmSummary,
} from "../../src/index.ts";

describe("CLV public types", () => {
  it("rfmSummary reads any record type through accessors and returns plain rows", () => {
    const s = rfmSummary([{ id: "a", when: new Date(0), total: 3 }], { customerId: (t) => t.id, at: (t) => t.when, amount: (t) => t.total });
    expectTypeOf(s).toEqualTypeOf<RfmSummary>();
    expectTypeOf<RfmRow["monetaryValue"]>().toEqualTypeOf<number | null>();
    expectTypeOf(rfmSummaryAggregator<{ id: number }>({ customerId: (t) => t.id })).toEqualTypeOf<Aggregator<{ id: number }, RfmState, RfmSummary>>();
    expectTypeOf(rfmColumns(s)).toEqualTypeOf<RfmColumns>();
    expectTypeOf(cdnowSample()).toEqualTypeOf<CdnowPurchase[]>();
    expectTypeOf(datasets.cdnow).toEqualTypeOf<() => CdnowPurchase[]>();
    expect(s.customers).toBe(1);
  });

  it("a Gamma-Gamma fit narrows on `fitted` to parameters expectedAverageSpend takes", () => {
    const fit = fitGammaGamma({ frequency: [0], recency: [0], T: [1] });
    expectTypeOf(fit).toEqualTypeOf<GammaGammaFit>();
    expectTypeOf(fit.p).toEqualTypeOf<number | null>();
    if (fit.fitted) {
      expectTypeOf(fit.p).toEqualTypeOf<number>();
      expectTypeOf(expectedAverageSpend(fit, 1, 10)).toEqualTypeOf<number>();
    }
    // @ts-expect-error an unfitted result is not parameters (type-checked only, never called)
    const unnarrowed = (): number => expectedAverageSpend(fit, 1, 10);
    expect(typeof unnarrowed).toBe("function");
    expectTypeOf(simpleClv({ method: "churn", arpu: 1, grossMargin: 1, churnRate: 0.5 }).clv).toEqualTypeOf<number>();
  });
});
