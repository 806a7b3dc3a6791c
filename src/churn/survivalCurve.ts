import { InvalidOptionError } from "../errors.ts";
import { emptyInvalidLog, invalidSummary, rejectRecord, type InvalidSummary } from "../_lib/invalidLog.ts";
import { kaplanMeier } from "../stats/kaplanMeier.ts";
import type { KaplanMeierOptions, KaplanMeierResult } from "../stats/kaplanMeierTable.ts";
import { checkInstantOption, readSubscriptions, subscriptionReader, type SubscriptionAccessors } from "./subscriptionRecord.ts";

/** Tenure units of {@link survivalCurve}: a month is the mean Gregorian month, 30.436875 days. */
export type TenureUnit = "day" | "week" | "month";

const UNIT_MS: Record<TenureUnit, number> = { day: 86_400_000, week: 7 * 86_400_000, month: 30.436875 * 86_400_000 };

/** Options of {@link survivalCurve}. */
export interface SurvivalCurveOptions<R> extends SubscriptionAccessors<R>, KaplanMeierOptions {
  /** The observation time: subscriptions still active then (or ending later) are censored at it. Required. */
  asOf: unknown;
  /** Unit of the tenures. Default "day". */
  unit?: TenureUnit;
}

/** The result of {@link survivalCurve}: the Kaplan-Meier estimate of subscription tenure. */
export interface SurvivalCurveResult extends KaplanMeierResult {
  metric: "survival-curve";
  unit: TenureUnit;
  asOf: string;
  /** Records without a customer or a start. */
  missing: number;
  invalid: InvalidSummary;
}

/**
 * Survival curve of subscriptions: the Kaplan-Meier estimate of the probability that a subscription lasts beyond t,
 * with customers still active treated as right-censored at `asOf` (not as churned, and not dropped).
 *
 *   tenure_i = (min(end_i, asOf) - start_i) / unit;  event_i = end_i <= asOf;  otherwise censored at asOf - start_i
 *   S(t) = prod_{t_j <= t} (1 - d_j / n_j), Greenwood variance, median = first t with S(t) <= 0.5
 *   (R survival::survfit semantics, DESIGN 6.7)
 *
 * A start after `asOf` is invalid, as are overlapping subscriptions of one customer. Back-to-back spans of one customer
 * (end === next start) are joined into one tenure first (a plan change is not an event). O(n log n).
 *
 * @param subscriptions records read through the accessors
 * @param options asOf, unit ("day" | "week" | "month"), level, interval ("log" | "log-log" | "plain"), timeZone, onInvalid
 * @returns times, at risk, events, survival with interval, median tenure
 * @example
 * survivalCurve([{ customerId: 1, start: "2024-01-01", end: "2024-01-11" }, { customerId: 2, start: "2024-01-01" }], { asOf: "2024-01-31" })
 *   .survival // => [0.5, 0.5]   (an event at 10 days, a censoring at 30)
 * @see Kaplan, E. L. & Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53(282).
 * @see R package survival, survfit()
 */
export function survivalCurve<R>(subscriptions: Iterable<R>, options: SurvivalCurveOptions<R>): SurvivalCurveResult {
  const metric = "survivalCurve";
  const reader = subscriptionReader(metric, options);
  const asOf = checkInstantOption(metric, "asOf", options.asOf, reader.timeZone);
  const unit = options.unit ?? "day";
  if (!Object.prototype.hasOwnProperty.call(UNIT_MS, unit)) throw new InvalidOptionError(metric, "unit", `is ${JSON.stringify(unit)}, expected "day", "week" or "month"`);
  const log = emptyInvalidLog();
  const { columns: c, missing } = readSubscriptions(metric, subscriptions, reader, log);
  const durations: number[] = [];
  const observed: boolean[] = [];
  for (let i = 0; i < c.length; i++) {
    if (c.rejected[i] !== 0) continue;
    const start = c.starts[i]!;
    const end = c.ends[i]!;
    if (start > asOf) {
      rejectRecord(log, reader.onInvalid, metric, { index: c.indexes[i]!, field: "start", value: new Date(start).toISOString(), reason: `is after asOf (${new Date(asOf).toISOString()}); expected subscriptions started by then` });
      continue;
    }
    const ended = end <= asOf; // false for NaN (active)
    durations.push(((ended ? end : asOf) - start) / UNIT_MS[unit]);
    observed.push(ended);
  }
  const km = kaplanMeier(durations, observed, { ...(options.level !== undefined && { level: options.level }), ...(options.interval !== undefined && { interval: options.interval }) });
  return { metric: "survival-curve", ...km, unit, asOf: new Date(asOf).toISOString(), missing, invalid: invalidSummary(log, reader.onInvalid) };
}
