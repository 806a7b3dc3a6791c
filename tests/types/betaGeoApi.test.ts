/**
 * Type tests of the BG/NBD API: a fit result and published values are both accepted by every prediction function,
 * a Gamma-Gamma fit is accepted as the CLV's spend model, and results keep their documented field types.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  conditionalExpectedPurchases,
  customerLifetimeValue,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  predictPurchases,
  probabilityAlive,
  type BetaGeoFit,
  type CustomerLifetimeValueResult,
  type EstimateWithInterval,
  type PurchasePredictions,
} from "../../src/index.ts";

describe("BG/NBD public types", () => {
  it("fits and published parameters are interchangeable", () => {
    const data = { frequency: [1, 0], recency: [2, 0], T: [5, 5], monetaryValue: [10, 0], timeUnit: "weeks" as const };
    const fit = fitBgNbd(data);
    expectTypeOf(fit).toEqualTypeOf<BetaGeoFit>();
    expectTypeOf(fit.r).toEqualTypeOf<number | null>();
    expectTypeOf(expectedPurchases(fit, 1)).toEqualTypeOf<number>();
    expectTypeOf(expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 1)).toEqualTypeOf<number>();
    expectTypeOf(conditionalExpectedPurchases).parameter(1).toHaveProperty("recency");
    expectTypeOf(probabilityAlive).parameter(2).toEqualTypeOf<number | undefined>();
    expectTypeOf(predictPurchases(fit, data, { horizon: 1 })).toEqualTypeOf<PurchasePredictions>();
    const gg = fitGammaGamma(data);
    if (gg.fitted) {
      const v = customerLifetimeValue(fit, data, { spend: gg });
      expectTypeOf(v).toEqualTypeOf<CustomerLifetimeValueResult>();
      expectTypeOf(v.total).toEqualTypeOf<EstimateWithInterval>();
    }
    expect(fit.model).toBe("bg-nbd");
  });
});
