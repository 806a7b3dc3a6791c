import fc from "fast-check";
import { churnCountsAggregator } from "../../src/churn/churnCounts.ts";
import { churnByReasonAggregator } from "../../src/churn/churnByReason.ts";
import { mrrMovementsAggregator } from "../../src/churn/revenueChurn.ts";
import { cohortCountsAggregator } from "../../src/churn/cohortRetention.ts";
import { checkAggregatorLaws } from "./lawSuite.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
/** Instants around January-March 2024: epoch ms, ISO strings with and without offsets, Dates, odd milliseconds. */
const instant = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -120, max: 150 }).map((d) => T0 + d * DAY) },
  { weight: 2, arbitrary: fc.integer({ min: -120 * 24, max: 150 * 24 }).map((h) => T0 + h * 3_600_000 + 7) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("2024-01-01", "2024-02-01T00:00:00+01:00", "2023-12-31T23:59:59.999Z", "2024-03-01", new Date(T0 + 5 * DAY)) },
);
const missing = fc.constantFrom(null, undefined, Number.NaN);
const badInstant = fc.constantFrom<unknown>("yesterday", "2024-13-01", {}, true, Number.POSITIVE_INFINITY, 1e300);
const reason = fc.oneof(fc.constantFrom<unknown>("price", "support", "competitor", "__proto__", ""), missing, fc.constantFrom<unknown>(7, {}));
const subscription = fc.record({
  customerId: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 30 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>("acme", "", null, {}) }),
  start: fc.oneof({ weight: 10, arbitrary: instant }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: badInstant }),
  end: fc.oneof({ weight: 6, arbitrary: instant }, { weight: 4, arbitrary: missing }, { weight: 1, arbitrary: badInstant }),
  reason,
});

checkAggregatorLaws("churn-counts (one window, invalid counted)", {
  make: () => churnCountsAggregator<unknown>({ from: "2024-01-01", to: "2024-02-01", onInvalid: "count" }),
  input: subscription,
  other: () => churnCountsAggregator<unknown>({ from: "2024-01-01", to: "2024-01-31", onInvalid: "count" }),
  tolerance: 1e-12,
});

checkAggregatorLaws("churn-counts (monthly series in Europe/Berlin, customer-days)", {
  make: () => churnCountsAggregator<unknown>({ from: "2023-11-01", to: "2024-04-01", period: { unit: "month" }, timeZone: "Europe/Berlin", method: "customer-days", onInvalid: "count" }),
  input: subscription,
  other: () => churnCountsAggregator<unknown>({ from: "2023-11-01", to: "2024-04-01", period: { unit: "isoWeek" }, timeZone: "Europe/Berlin", onInvalid: "count" }),
  tolerance: 1e-12,
  numRuns: 100,
});

checkAggregatorLaws("churn-reasons (with a previous period, invalid counted)", {
  make: () => churnByReasonAggregator<unknown>({ from: "2024-01-01", to: "2024-02-01", previous: { from: "2023-12-01", to: "2024-01-01" }, onInvalid: "count" }),
  input: subscription,
  other: () => churnByReasonAggregator<unknown>({ from: "2024-01-01", to: "2024-02-01", onInvalid: "count" }),
});

const mrr = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.constantFrom(10, 49.99, 50, 100, 1e9, 1e-9, 0.1) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: missing },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(-1, Number.POSITIVE_INFINITY, "50", {}) },
);
const mrrEvent = fc.record({
  customerId: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 8 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>("acme", "__proto__", "", null) }),
  at: fc.oneof({ weight: 10, arbitrary: instant }, { weight: 1, arbitrary: missing }, { weight: 1, arbitrary: badInstant }),
  mrr,
});

checkAggregatorLaws("mrr-movements (one range, invalid counted)", {
  make: () => mrrMovementsAggregator<unknown>({ from: "2024-01-01", to: "2024-02-01", onInvalid: "count" }),
  input: mrrEvent,
  other: () => mrrMovementsAggregator<unknown>({ from: "2024-01-01", to: "2024-03-01", onInvalid: "count" }),
  tolerance: 1e-9,
});

checkAggregatorLaws("mrr-movements (monthly series)", {
  make: () => mrrMovementsAggregator<unknown>({ from: "2023-11-01", to: "2024-04-01", period: { unit: "month" }, onInvalid: "count" }),
  input: mrrEvent,
  other: () => mrrMovementsAggregator<unknown>({ from: "2023-11-01", to: "2024-04-01", period: { unit: "quarter" }, onInvalid: "count" }),
  tolerance: 1e-9,
  numRuns: 100,
});

checkAggregatorLaws("cohort-counts (months, invalid counted)", {
  make: () => cohortCountsAggregator<unknown>({ asOf: "2024-03-15", onInvalid: "count" }),
  input: subscription,
  other: () => cohortCountsAggregator<unknown>({ asOf: "2024-03-16", onInvalid: "count" }),
});

checkAggregatorLaws("cohort-counts (ISO weeks in America/New_York)", {
  make: () => cohortCountsAggregator<unknown>({ asOf: "2024-03-15", period: "isoWeek", timeZone: "America/New_York", onInvalid: "count" }),
  input: subscription,
  other: () => cohortCountsAggregator<unknown>({ asOf: "2024-03-15", period: "week", timeZone: "America/New_York", onInvalid: "count" }),
  numRuns: 100,
});
