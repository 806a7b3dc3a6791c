import { InvalidOptionError } from "../errors.ts";
import type { BetaGeoFit } from "./betaGeoFit.ts";
import { conditionalExpected } from "./betaGeoCore.ts";
import { checkBetaGeoParams, type BetaGeoModel, type BetaGeoParamsLike, type ModelTimeUnit } from "./betaGeoParams.ts";
import { patternIndex } from "./customerPatterns.ts";
import { rfmColumns } from "./rfmColumns.ts";
import type { RfmData } from "./rfmTypes.ts";

/** Options of {@link evaluateHoldout}. */
export interface EvaluateHoldoutOptions {
  /** Calibration frequencies 0 .. censor - 1 get a row each, x >= censor share the last row "censor+" (default 7: rows 0..6 and 7+, as FHL 2005 figure 4; BTYD's `censor`). */
  censor?: number;
  /** Holdout length in the model's time unit; default the data's `durationHoldout` (an `rfmSummary` with a calibration end). */
  holdoutLength?: number;
  /**
   * Tracking data (FHL 2005 figures 2 and 3): the times of every repeat purchase of the cohort, in the model's time
   * unit from the calibration end (negative in the calibration period, e.g. (day - calibration end day) / 7 for
   * weeks), and the period length (default 1 time unit). Periods start at the first customer's first purchase
   * (-max T) and run to the end of the holdout.
   */
  tracking?: { repeatPurchaseTimes: ArrayLike<number>; periodLength?: number };
}

/** One calibration-frequency group. */
export interface HoldoutGroup {
  /** Calibration frequency x (the last group: x >= this). */
  frequency: number;
  label: string;
  customers: number;
  /** Mean holdout purchases per customer: observed, and E[X(T, T + holdout) | x, t_x, T] averaged. */
  actualMean: number | null;
  predictedMean: number | null;
  actualTotal: number;
  predictedTotal: number;
}

/** One tracking period [start, end) in the model's time unit from the calibration end. */
export interface TrackingPeriod {
  start: number;
  end: number;
  /** Repeat purchases in the period: observed and expected (sum over customers of E[X(age at end)] - E[X(age at start)]). */
  actual: number;
  predicted: number;
  /** Cumulative repeat purchases from the cohort's start to `end`. */
  actualCumulative: number;
  predictedCumulative: number;
}

/** The result of {@link evaluateHoldout}: plain JSON. */
export interface HoldoutEvaluation {
  model: BetaGeoModel;
  timeUnit: ModelTimeUnit;
  holdoutLength: number;
  customers: number;
  groups: HoldoutGroup[];
  /** The base: holdout purchases observed and predicted, their difference and percentage error 100 (predicted - actual) / actual. */
  total: { actual: number; predicted: number; error: number; percentError: number | null };
  /** Per-customer errors of the conditional expectation: mean absolute error, root mean square error; `null` when empty. */
  mae: number | null;
  rmse: number | null;
  /** Errors over the group means (what FHL 2005 figure 4 shows), weighted by group size. */
  groupMae: number | null;
  tracking: { periodLength: number; periods: TrackingPeriod[] } | null;
}

const KIND = "evaluateHoldout";

/**
 * How well a fitted BG/NBD or MBG/NBD model predicted the holdout period: per calibration-frequency group and in
 * total, predicted E[X(T, T + h) | x, t_x, T] against the holdout purchases observed, with per-customer MAE and
 * RMSE, the total's percentage error, and optionally the tracking data (repeat purchases per period, incremental
 * and cumulative, observed against sum_i E[X(age_i)], the unconditional expectation of each customer from her
 * first purchase) that FHL (2005) plot in figures 2 and 3:
 *
 *   predicted_i = E[X(T_i, T_i + h) | x_i, t_x_i, T_i],  actual_i = holdout purchases
 *   MAE = mean |predicted_i - actual_i|,  RMSE = sqrt(mean (predicted_i - actual_i)^2)
 *   tracking: cumulative predicted at tau = sum_i E[X(tau + T_i)] over customers with tau + T_i > 0
 *
 * O(patterns) for the groups, O(customers x periods) for tracking. Empty data gives empty groups and null errors.
 *
 * @param params a fit result or `{ r, alpha, a, b, model? }`, fitted on the calibration period
 * @param data a calibration/holdout `rfmSummary` (or columns with `frequencyHoldout`)
 * @param options censor (frequency groups), holdout length, tracking inputs
 * @returns the groups, totals, errors and tracking periods
 * @throws InvalidOptionError when the data has no holdout column or no holdout length
 * @example
 * const split = rfmSummary(cdnowSample(), { timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
 * evaluateHoldout(fitBgNbd(split), split).total
 * // => { actual: 1882, predicted: 1653.41, error: -228.59, percentError: -12.15 } (rounded)
 * @see Fader, Hardie & Lee (2005), Marketing Science 24(2), section 5 (figures 2-4)
 * @see lifetimes `plot_calibration_purchases_vs_holdout_purchases`, `expected_cumulative_transactions`
 */
export function evaluateHoldout(params: BetaGeoParamsLike | BetaGeoFit, data: RfmData, options: EvaluateHoldoutOptions = {}): HoldoutEvaluation {
  const p = checkBetaGeoParams(KIND, params);
  const censor = options.censor ?? 7;
  if (!(Number.isInteger(censor) && censor >= 1 && censor <= 1000)) throw new InvalidOptionError(KIND, "censor", `is ${JSON.stringify(censor)}, expected an integer from 1 to 1000`);
  const groupsN = censor + 1;
  const c = rfmColumns(data);
  const holdout = c.frequencyHoldout;
  if (holdout === null && c.length > 0) throw new InvalidOptionError(KIND, "data", "has no holdout column: build the summary with a calibration end (rfmSummary's calibrationEnd) or pass frequencyHoldout");
  const h = options.holdoutLength ?? c.durationHoldout;
  if (!(typeof h === "number" && h > 0 && Number.isFinite(h))) throw new InvalidOptionError(KIND, "holdoutLength", `is ${JSON.stringify(h)}, expected the holdout length (> 0) in the model's time unit`);
  const { keyOf, patterns } = patternIndex(c);
  const perPattern = patterns.map(([x, tx, T]) => conditionalExpected(p, x, tx, T, h));
  const groups: HoldoutGroup[] = Array.from({ length: groupsN }, (_, g) => ({
    frequency: g,
    label: g === groupsN - 1 ? `${g}+` : String(g),
    customers: 0,
    actualMean: null,
    predictedMean: null,
    actualTotal: 0,
    predictedTotal: 0,
  }));
  let absErr = 0;
  let sqErr = 0;
  let actual = 0;
  let predicted = 0;
  for (let i = 0; i < c.length; i++) {
    const e = perPattern[keyOf[i]!]!;
    const y = holdout![i]!;
    const g = groups[Math.min(c.frequency[i]!, groupsN - 1)]!;
    g.customers += 1;
    g.actualTotal += y;
    g.predictedTotal += e;
    absErr += Math.abs(e - y);
    sqErr += (e - y) * (e - y);
    actual += y;
    predicted += e;
  }
  let groupAbs = 0;
  for (const g of groups) {
    if (g.customers === 0) continue;
    g.actualMean = g.actualTotal / g.customers;
    g.predictedMean = g.predictedTotal / g.customers;
    groupAbs += Math.abs(g.predictedTotal - g.actualTotal);
  }
  const n = c.length;
  const tracking = options.tracking ? trackingData(p, c.T, h, options.tracking) : null;
  return {
    model: p.model,
    timeUnit: c.timeUnit ?? ("timeUnit" in params ? params.timeUnit : null),
    holdoutLength: h,
    customers: n,
    groups,
    total: { actual, predicted, error: predicted - actual, percentError: actual > 0 ? (100 * (predicted - actual)) / actual : null },
    mae: n > 0 ? absErr / n : null,
    rmse: n > 0 ? Math.sqrt(sqErr / n) : null,
    groupMae: n > 0 ? groupAbs / n : null,
    tracking,
  };
}

function trackingData(p: ReturnType<typeof checkBetaGeoParams>, T: Float64Array, h: number, t: { repeatPurchaseTimes: ArrayLike<number>; periodLength?: number }): { periodLength: number; periods: TrackingPeriod[] } {
  const L = t.periodLength ?? 1;
  if (!(typeof L === "number" && L > 0 && Number.isFinite(L))) throw new InvalidOptionError(KIND, "tracking.periodLength", `is ${JSON.stringify(L)}, expected a positive length in the model's time unit`);
  let maxT = 0;
  for (const v of T) if (v > maxT) maxT = v;
  const count = Math.ceil((maxT + h) / L - 1e-9);
  if (count > 100_000) throw new InvalidOptionError(KIND, "tracking.periodLength", `gives ${count} periods, expected at most 100000: use a longer period`);
  const start = -maxT;
  const actual = new Float64Array(count);
  const times = t.repeatPurchaseTimes;
  for (let i = 0; i < times.length; i++) {
    const v = times[i]!;
    if (!(Number.isFinite(v) && v > start - 1e-9 && v <= h + 1e-9)) throw new InvalidOptionError(KIND, "tracking.repeatPurchaseTimes", `entry ${i} is ${v}, expected a time from ${start} (the first customer's first purchase) to ${h} (the holdout end)`);
    // + 1e-9: a purchase on a period's start belongs to it, also when (v - start) / L rounds just below an integer
    actual[Math.min(count - 1, Math.max(0, Math.floor((v - start) / L + 1e-9)))]! += 1;
  }
  // Customers with the same T share their expectations: group by T.
  const byT = new Map<number, number>();
  for (const v of T) byT.set(v, (byT.get(v) ?? 0) + 1);
  const cumulativeAt = (tau: number): number => {
    let s = 0;
    for (const [Ti, k] of byT) {
      const age = tau + Ti;
      if (age > 0) s += k * conditionalExpected(p, 0, 0, 0, age);
    }
    return s;
  };
  const periods: TrackingPeriod[] = [];
  let previous = 0;
  let actualCumulative = 0;
  for (let k = 0; k < count; k++) {
    const end = k === count - 1 ? h : start + (k + 1) * L;
    const cum = cumulativeAt(end);
    actualCumulative += actual[k]!;
    periods.push({ start: start + k * L, end, actual: actual[k]!, predicted: cum - previous, actualCumulative, predictedCumulative: cum });
    previous = cum;
  }
  return { periodLength: L, periods };
}
