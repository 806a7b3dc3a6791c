import { churnRate, type ChurnRateResult } from "../churn/churnRate.ts";
import { churnRateSeries } from "../churn/churnRateSeries.ts";
import type { ChurnCountsResult, ChurnMethod } from "../churn/churnCounts.ts";
import { churnByReason, type ChurnByReasonResult } from "../churn/churnByReason.ts";
import { revenueChurn, type RevenueChurnResult } from "../churn/revenueChurn.ts";
import { cohortRetention, type CohortRetentionResult } from "../churn/cohortRetention.ts";
import { survivalCurve, type SurvivalCurveResult } from "../churn/survivalCurve.ts";
import { fitSbg, type FitSbgResult } from "../churn/fitSbg.ts";
import { sbgProjection, type SbgProjectionRow } from "../churn/sbgProjection.ts";
import { convertChurnRate } from "../churn/convertChurnRate.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { periodOf } from "../time/periodIndexer.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { InvalidOptionError } from "../errors.ts";

const MONTH = 30.436875 * 86_400_000;

/** Options of {@link churnReport}. */
export interface ChurnReportOptions {
  /** The observation time (the report covers the full months before its month). */
  asOf: unknown;
  /** Months in the series. Default 12. */
  months?: number;
  /** IANA zone of the months. Default "UTC". */
  timeZone?: string;
}

/** The data of the churn and retention section: plain JSON. */
export interface ChurnReport {
  asOf: string;
  timeZone: string;
  /** The last full month before asOf's month, under each method. */
  lastMonth: Record<ChurnMethod, ChurnRateResult>;
  /** The last month's "start" rate compounded to a year: 1 - (1 - monthly)^12. */
  annualized: number | null;
  /** Customer churn per month (method "start"). */
  series: ChurnCountsResult;
  /** Reasons over the last three months, compared with the three before. */
  reasons: ChurnByReasonResult;
  /** MRR movements per month. */
  revenue: RevenueChurnResult;
  /** Monthly cohorts x months since start. */
  cohorts: CohortRetentionResult;
  /** Kaplan-Meier tenure in months, active customers censored at asOf. */
  survival: SurvivalCurveResult;
  /**
   * sBG fitted to the oldest monthly cohort's survivors by month of tenure (months of 30.436875 days), first 12
   * months, projected to 24 and shown beside the observed counts.
   */
  sbg: { cohort: string; fit: FitSbgResult; projection: (SbgProjectionRow & { observed: number | null })[] } | null;
}

/**
 * The churn and retention section of `cx-metrics report`: customer churn (three methods, a monthly series, the
 * annualized rate), churn by reason compared between quarters, MRR movements with GRR and NRR, the cohort retention
 * matrix, a Kaplan-Meier survival curve and an sBG projection of the oldest cohort.
 *
 * @param subscriptions records `{ customerId, start, end, reason }`
 * @param events MRR events `{ customerId, at, mrr }`
 * @param options asOf, months, timeZone
 * @returns the report data
 * @example
 * const { subscriptions, events } = generateSubscriptions({ customers: 2000 });
 * churnReport(subscriptions, events, { asOf: Date.UTC(2025, 0, 1) }).series.rows.length // => 12
 * @see docs/metrics/churn.md, docs/metrics/revenue-churn.md, docs/metrics/retention.md (the metrics it combines)
 */
export function churnReport(subscriptions: readonly object[], events: readonly object[], options: ChurnReportOptions): ChurnReport {
  const timeZone = checkTimeZone("churnReport", "timeZone", options.timeZone ?? "UTC");
  const asOf = parseInstant(options.asOf, timeZone);
  if (asOf === null) throw new InvalidOptionError("churnReport", "asOf", "is not an instant");
  const months = options.months ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new InvalidOptionError("churnReport", "months", `is ${JSON.stringify(months)}, expected an integer from 1 to 120`);
  const spec = { unit: "month" as const, timeZone, weekStartsOn: 1 as const };
  const starts: number[] = [periodOf(asOf, spec).start];
  for (let i = 0; i < Math.max(months, 6); i++) starts.unshift(periodOf(starts[0]! - 1, spec).start);
  const to = starts[starts.length - 1]!;
  const from = starts[starts.length - 1 - months]!;
  const lastFrom = starts[starts.length - 2]!;
  const common = { onInvalid: "count" as const, timeZone };
  const lastMonth = {} as Record<ChurnMethod, ChurnRateResult>;
  for (const method of ["start", "start-plus-new", "customer-days"] as const) lastMonth[method] = churnRate(subscriptions, { ...common, from: lastFrom, to, method });
  const rate = lastMonth.start.rate;
  const cohorts = cohortRetention(subscriptions, { ...common, asOf });
  const oldest = cohorts.cohorts[0];
  let sbg: ChurnReport["sbg"] = null;
  if (oldest) {
    // survivors by month of tenure (a discrete contract period, as the sBG model assumes) of the oldest cohort,
    // as far as every member has been observed
    const cohortStart = Date.parse(oldest.start);
    const cohortEnd = periodOf(cohortStart, spec).end;
    const members = subscriptions.filter((r) => {
      const s = parseInstant((r as { start?: unknown }).start, timeZone);
      return s !== null && s >= cohortStart && s < cohortEnd;
    });
    const observedMonths = Math.floor((asOf - cohortEnd) / MONTH);
    const tenure = members.map((r) => {
      const s = parseInstant((r as { start?: unknown }).start, timeZone)!;
      const e = parseInstant((r as { end?: unknown }).end, timeZone);
      return ((e !== null && e <= asOf ? e : asOf) - s) / MONTH;
    });
    const observed = Array.from({ length: Math.min(observedMonths, 24) + 1 }, (_, k) => tenure.filter((x) => x >= k).length);
    if (observed.length >= 5 && observed[observed.length - 1]! > 0) {
      const fit = fitSbg(observed.slice(0, 13));
      const projection = sbgProjection(fit, { from: 0, to: 24, cohortSize: observed[0]! }).map((r) => ({ ...r, observed: observed[r.t] ?? null }));
      sbg = { cohort: oldest.cohort, fit, projection };
    }
  }
  return {
    asOf: new Date(asOf).toISOString(),
    timeZone,
    lastMonth,
    annualized: rate === null ? null : convertChurnRate(rate, { from: "month", to: "year" }),
    series: churnRateSeries(subscriptions, { ...common, from, to, unit: "month" }),
    reasons: churnByReason(subscriptions, { ...common, from: starts[starts.length - 4]!, to, previous: { from: starts[starts.length - 7]!, to: starts[starts.length - 4]! } }),
    revenue: revenueChurn(events, { ...common, from, to, period: { unit: "month" } }),
    cohorts,
    survival: survivalCurve(subscriptions, { ...common, asOf, unit: "month" }),
    sbg,
  };
}
