/** The RFM state schema (cx-metrics/schemas) against rfmSummaryAggregator's own fromJSON: they agree on real and damaged states. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmSummaryAggregator } from "../../src/clv/rfmSummary.ts";
import { CxError } from "../../src/errors.ts";
import { rfmStateSchema } from "../../src/schemas/index.ts";

type Json = Record<string, any>; // test-only: damaged states are edited freely
interface Tx {
  c: unknown;
  t: unknown;
  a: unknown;
}

const tx: fc.Arbitrary<Tx> = fc.record({
  c: fc.constantFrom<unknown>(1, 2, "x", "__proto__", 3.5, null, {}),
  t: fc.oneof(fc.integer({ min: 0, max: 60 }).map((d) => Date.UTC(2024, 0, 1) + d * 86_400_000 + 3_600_000), fc.constantFrom<unknown>("2024-02-01", "bad", null)),
  a: fc.oneof(fc.double({ min: -10, max: 100, noNaN: true }), fc.constantFrom<unknown>(null, Infinity)),
});
const aggs = [
  rfmSummaryAggregator<Tx>({ customerId: (r) => r.c, at: (r) => r.t, amount: (r) => r.a, timeUnit: "weeks", calibrationEnd: "2024-01-31", observationEnd: "2024-02-20", onInvalid: "count" }),
  rfmSummaryAggregator<Tx>({ customerId: (r) => r.c, at: (r) => r.t, timeZone: "Asia/Kathmandu", onInvalid: "count" }),
];

const stateOf = (i: number, rows: Tx[]): Json => {
  const agg = aggs[i]!;
  let s = agg.empty();
  rows.forEach((r, k) => (s = agg.add(s, r, k)));
  return JSON.parse(JSON.stringify(s)) as Json;
};
const readable = (i: number, json: unknown): boolean => {
  try {
    aggs[i]!.fromJSON(json);
    return true;
  } catch (e) {
    expect(e).toBeInstanceOf(CxError);
    return false;
  }
};
const firstCustomer = (s: Json): Json | undefined => Object.values(s["customers"] as Record<string, Json>)[0];

const DAMAGE: Record<string, (s: Json) => boolean | void> = {
  "kind is another aggregator's": (s) => void (s["kind"] = "nps"),
  "v: 2": (s) => void (s["v"] = 2),
  "timeUnit unknown": (s) => void (s["options"].timeUnit = "years"),
  "observationEnd not a day": (s) => void (s["options"].observationEnd = "2024-02-30"),
  "customers missing": (s) => void delete s["customers"],
  "a key that is no id": (s) => void (s["customers"]["abc"] = { days: [19723], amounts: s["options"].monetary ? [1] : [] }),
  "days not ascending": (s) => (firstCustomer(s)?.["days"].length ?? 0) > 1 && void firstCustomer(s)!["days"].reverse(),
  "a fractional day": (s) => firstCustomer(s) !== undefined && void (firstCustomer(s)!["days"][0] += 0.5),
  "no days": (s) => firstCustomer(s) !== undefined && void ((firstCustomer(s)!["days"] = []), (firstCustomer(s)!["amounts"] = [])),
  "an amount too many": (s) => firstCustomer(s) !== undefined && void firstCustomer(s)!["amounts"].push(1),
  "lastDay wrong": (s) => void (s["lastDay"] = (s["lastDay"] ?? 0) + 1),
  "fewer transactions than days": (s) => firstCustomer(s) !== undefined && void (s["transactions"] = 0),
  "missing negative": (s) => void (s["missing"] = -1),
  "invalid.count fractional": (s) => void (s["invalid"].count = 0.5),
};

describe("rfmStateSchema agrees with rfmSummaryAggregator.fromJSON", () => {
  it("real states parse, read back unchanged, and are accepted by fromJSON", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), fc.array(tx, { maxLength: 40 }), (i, rows) => {
        const s = stateOf(i, rows);
        expect(readable(i, s)).toBe(true);
        expect(rfmStateSchema().parse(s)).toEqual(s);
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });

  for (const [name, damage] of Object.entries(DAMAGE)) {
    it(`both refuse: ${name}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1 }), fc.array(tx, { minLength: 1, maxLength: 30 }), (i, rows) => {
          const s = stateOf(i, rows);
          if (damage(s) === false) return;
          expect(readable(i, s)).toBe(false);
          expect(rfmStateSchema().safeParse(s).success).toBe(false);
        }),
        { seed: 20261201, numRuns: 60 },
      );
    });
  }
});
