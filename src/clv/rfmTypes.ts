/**
 * The shapes of an RFM summary (built by `rfmSummary`, read by every CLV model fitter): per-customer rows as plain
 * objects, and the columnar form the fitters loop over. Types only, plus the fixed length of each time unit.
 */
import type { InvalidSummary } from "../_lib/invalidLog.ts";

/**
 * The unit recency, T and the holdout duration are measured in. Purchases are always collapsed per calendar day in
 * the summary's zone; the unit only scales the day counts: days 1, weeks 7, months 30.4375 days (the mean Julian
 * month, 365.25 / 12), so a month is never a hidden 30 days.
 */
export type RfmTimeUnit = "days" | "weeks" | "months";

/** Days per {@link RfmTimeUnit}: `{ days: 1, weeks: 7, months: 30.4375 }`. */
export const DAYS_PER_UNIT: Readonly<Record<RfmTimeUnit, number>> = { days: 1, weeks: 7, months: 30.4375 };

/** A customer id: a string or a finite number (`1` and `"1"` are different customers). */
export type CustomerId = string | number;

/** One customer of an RFM summary (lifetimes' `summary_data_from_transaction_data` row). Plain JSON. */
export interface RfmRow {
  customerId: CustomerId;
  /** x: repeat purchases, i.e. distinct purchase days after the first one (in the calibration period when split). */
  frequency: number;
  /** t_x: time from the first to the last purchase day, in the summary's time unit (0 when frequency = 0). */
  recency: number;
  /** T: time from the first purchase day to the observation end (calibration end when split), in the time unit. */
  T: number;
  /**
   * Mean amount per repeat purchase day (amounts of one day summed), or of every purchase day with
   * `includeFirstPurchase`; `null` without an amount accessor or when there is no day to average.
   */
  monetaryValue: number | null;
  /** Purchase days in the holdout (after the calibration end, up to the observation end); `null` when not split. */
  frequencyHoldout: number | null;
  /** Mean amount per holdout purchase day; `null` when not split, without amounts, or with no holdout purchase. */
  monetaryValueHoldout: number | null;
}

/** The result of `rfmSummary`: the rows plus what they were measured with and what was left out. Plain JSON. */
export interface RfmSummary {
  metric: "rfm-summary";
  timeUnit: RfmTimeUnit;
  /** Days per time unit (1, 7 or 30.4375). */
  daysPerUnit: number;
  timeZone: string;
  /** Last day counted (`YYYY-MM-DD` in the zone): the option, or the last purchase day seen; `null` when empty. */
  observationEnd: string | null;
  /** Last day of the calibration period, or `null` when the summary is not split. */
  calibrationEnd: string | null;
  /** Whether `monetaryValue` averages every purchase day (true) or only the repeat ones (false, the models' input). */
  includeFirstPurchase: boolean;
  /** Customers in `rows`. */
  customers: number;
  /** Valid transactions counted (on or before the observation end). */
  transactions: number;
  /** Valid transactions dated after the observation end: left out, and counted here. */
  afterObservationEnd: number;
  /** Customers whose first purchase falls in the holdout: left out of the rows (as in lifetimes), counted here. */
  newInHoldout: number;
  /** Holdout length (observation end - calibration end) in the time unit; `null` when not split. */
  durationHoldout: number | null;
  /** Transactions with a missing (null, undefined, NaN) customer id, time or amount: left out, counted. */
  missing: number;
  /** Invalid transactions: `null` unless `onInvalid: "count"` was asked for or some were counted. */
  invalid: InvalidSummary;
  /** One row per customer, ordered by id (numbers ascending, then strings in code-unit order). */
  rows: RfmRow[];
}

/**
 * The columnar form of an RFM summary (what `rfmColumns` returns and the fitters read): one entry per customer,
 * all arrays of the same length. `monetaryValue` holds 0 where a row's is `null` (lifetimes' `fillna(0)`).
 */
export interface RfmColumns {
  length: number;
  /** The unit of recency, T and durationHoldout; `null` when the caller built the columns without saying. */
  timeUnit: RfmTimeUnit | null;
  customerId: CustomerId[];
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
  /** `null` when the summary is not split into calibration and holdout. */
  frequencyHoldout: Float64Array | null;
  monetaryValueHoldout: Float64Array | null;
  durationHoldout: number | null;
}

/**
 * Anything the CLV fitters accept as data: an {@link RfmSummary}, its rows, {@link RfmColumns}, or plain columns
 * (e.g. read from a CSV) with at least `frequency`, `recency` and `T`.
 */
export type RfmData =
  | RfmSummary
  | readonly RfmRow[]
  | RfmColumns
  | {
      frequency: ArrayLike<number>;
      recency: ArrayLike<number>;
      T: ArrayLike<number>;
      monetaryValue?: ArrayLike<number>;
      customerId?: readonly CustomerId[];
      timeUnit?: RfmTimeUnit | null;
    };
