import fc from "fast-check";
import { rfmSummaryAggregator } from "../../src/clv/rfmSummary.ts";
import { checkAggregatorLaws } from "./lawSuite.ts";

interface Tx {
  customerId: unknown;
  at: unknown;
  amount: unknown;
}

/** Transactions with edge values: few customers (so days collide and collapse), string and number ids, instants
 * as dates, date-times with offsets, epoch ms and Dates, huge and tiny amounts, returns, and invalid or missing fields. */
const tx: fc.Arbitrary<Tx> = fc.record({
  customerId: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<unknown>(1, 2, 3, "1", "a", "__proto__", -0.5) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, NaN, {}, Infinity, true) },
  ),
  at: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 40 }).map((d) => `2024-03-${String((d % 28) + 1).padStart(2, "0")}`) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 40 * 86_400_000 }).map((ms) => Date.UTC(2024, 2, 1) + ms) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>("2024-03-10T23:30:00-05:00", "2024-03-31T02:30", new Date(Date.UTC(2024, 3, 2, 12))) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, NaN, "not a date", "2024-02-30", 1e17, {}) },
  ),
  amount: fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: -50, max: 500, noNaN: true }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(0, 1e12, 1e-9, -0) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, NaN, Infinity, "12", {}) },
  ),
});

checkAggregatorLaws("rfmSummary (amounts, weeks, Berlin, calibration + holdout)", {
  make: () =>
    rfmSummaryAggregator<Tx>({
      customerId: (t) => t.customerId,
      at: (t) => t.at,
      amount: (t) => t.amount,
      timeUnit: "weeks",
      timeZone: "Europe/Berlin",
      calibrationEnd: "2024-03-20",
      observationEnd: "2024-04-05",
      onInvalid: "count",
    }),
  other: () => rfmSummaryAggregator<Tx>({ customerId: (t) => t.customerId, at: (t) => t.at, amount: (t) => t.amount, timeUnit: "days", onInvalid: "count" }),
  input: tx,
  tolerance: 1e-9,
});

checkAggregatorLaws("rfmSummary (no amounts, no observation end, first purchase included)", {
  make: () => rfmSummaryAggregator<Tx>({ customerId: (t) => t.customerId, at: (t) => t.at, includeFirstPurchase: true, onInvalid: "count" }),
  input: tx,
});
