import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog } from "../_lib/invalidLog.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectArray, expectCount, expectFinite, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, type CompensatedSum } from "../stats/neumaierSum.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { dayLabel, dayNumberOf } from "../time/dayNumber.ts";
import { DAYS_PER_UNIT, type CustomerId, type RfmRow, type RfmSummary, type RfmTimeUnit } from "./rfmTypes.ts";

/** Options of {@link rfmSummary} and {@link rfmSummaryAggregator}. */
export interface RfmSummaryOptions<R = RfmTransaction> {
  /** Reads the customer id (a string or a finite number). Default: `record.customerId`. */
  customerId?: (record: R) => unknown;
  /** Reads the purchase time: a Date, epoch ms or an ISO 8601 string (no offset = read in `timeZone`). Default: `record.at`. */
  at?: (record: R) => unknown;
  /** Reads the purchase amount (a finite number). Without it the summary has no monetary values (`null`). */
  amount?: (record: R) => unknown;
  /** Unit of recency, T and the holdout duration. Default `"days"` (lifetimes' `freq="D"`). */
  timeUnit?: RfmTimeUnit;
  /** IANA zone of the calendar days (and of times without an offset). Default `"UTC"`. */
  timeZone?: string;
  /**
   * The last day of the study, counted in full (`"1997-09-30"` counts purchases dated that day): an instant whose
   * day in `timeZone` is taken. Later purchases are left out and counted in `afterObservationEnd`.
   * Default: the last purchase day seen (lifetimes' default, the maximum date).
   */
  observationEnd?: unknown;
  /**
   * The last day of the calibration period (counted in it). Frequency, recency, T and the monetary value then cover
   * the calibration period (T up to this day) and the rows gain the holdout columns, as lifetimes'
   * `calibration_and_holdout_data`. Must be before `observationEnd`.
   */
  calibrationEnd?: unknown;
  /** Average every purchase day in `monetaryValue`, the first one included (for RFM segmentation). Default false (the models' input). */
  includeFirstPurchase?: boolean;
  /** `"throw"` (default) stops at the first invalid transaction; `"count"` counts it in `invalid` and goes on. */
  onInvalid?: OnInvalid;
}

/** The default record shape read by {@link rfmSummary}. */
export interface RfmTransaction {
  customerId: CustomerId;
  at: Date | number | string;
  amount?: number;
}

/** The options an RFM state is built with (days as `YYYY-MM-DD` labels in the zone). */
export interface RfmStateOptions {
  timeUnit: RfmTimeUnit;
  timeZone: string;
  observationEnd: string | null;
  calibrationEnd: string | null;
  /** Whether amounts are read. */
  monetary: boolean;
  includeFirstPurchase: boolean;
}

/**
 * One customer in an RFM state: the distinct purchase days (day numbers: days since 1970-01-01 of the local date,
 * ascending) and, with amounts, the sum of the amounts of each day (empty without amounts).
 */
export interface RfmCustomerState {
  days: number[];
  amounts: number[];
}

/** The aggregator state of an RFM summary: versioned plain JSON, one small entry per customer. */
export interface RfmState extends AggregatorState {
  readonly kind: "rfm-summary";
  options: RfmStateOptions;
  /** Keyed by the customer id as JSON: `"\"abc\""` for the string "abc", `"12"` for the number 12. */
  customers: Record<string, RfmCustomerState>;
  /** Valid transactions counted. */
  transactions: number;
  /** Valid transactions after the observation end (left out). */
  afterObservationEnd: number;
  /** The last purchase day counted (a day number), `null` when none. */
  lastDay: number | null;
  missing: number;
  invalid: InvalidLog;
}

const KIND = "rfm-summary";
const UNITS: readonly RfmTimeUnit[] = ["days", "weeks", "months"];
const MIN_DAY = Date.UTC(1000, 0, 1) / 86_400_000;
const MAX_DAY = Date.UTC(9999, 11, 31) / 86_400_000;

/**
 * The streaming form of {@link rfmSummary}: transactions in any order, one small entry per customer, states that
 * merge (chunks, workers, shards). Its state is versioned plain JSON.
 *
 * @example
 * const agg = rfmSummaryAggregator({ timeUnit: "days" });
 * const s = agg.add(agg.add(agg.empty(), { customerId: 1, at: "2024-01-05" }), { customerId: 1, at: "2024-01-01" });
 * agg.result(s).rows[0] // => { customerId: 1, frequency: 1, recency: 4, T: 4, monetaryValue: null, ... }
 * @see rfmSummary
 */
export function rfmSummaryAggregator<R = RfmTransaction>(options: RfmSummaryOptions<R> = {}): Aggregator<R, RfmState, RfmSummary> {
  const readId = checkAccessor(KIND, "customerId", options.customerId) ?? ((r: R) => (r as { customerId?: unknown } | null)?.customerId);
  const readAt = checkAccessor(KIND, "at", options.at) ?? ((r: R) => (r as { at?: unknown } | null)?.at);
  const readAmount = checkAccessor(KIND, "amount", options.amount);
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const stateOptions = checkRfmOptions(options, readAmount !== undefined);
  const endDay = stateOptions.observationEnd === null ? null : dayNumberOf(stateOptions.observationEnd, "UTC")!;
  const calDay = stateOptions.calibrationEnd === null ? null : dayNumberOf(stateOptions.calibrationEnd, "UTC")!;
  const { timeZone } = stateOptions;

  function add(state: RfmState, record: R, index?: number): RfmState {
    const at = index ?? seen(state);
    const id = readId(record);
    const time = readAt(record);
    const raw = readAmount === undefined ? 0 : readAmount(record);
    if (isMissing(id) || isMissing(time) || isMissing(raw)) {
      state.missing += 1;
      return state;
    }
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)))) return reject(state, at, "customerId", id, "expected a string or a finite number");
    const day = dayNumberOf(time, timeZone);
    if (day === null) return reject(state, at, "at", time, "expected an instant: a Date, epoch milliseconds or an ISO 8601 date or date-time in years 1000-9999");
    if (typeof raw !== "number" || !Number.isFinite(raw)) return reject(state, at, "amount", raw, "expected a finite number");
    const amount = raw + 0; // -0 + 0 is 0: JSON has no -0
    if (endDay !== null && day > endDay) {
      state.afterObservationEnd += 1;
      return state;
    }
    const key = keyOf(id);
    const c = state.customers[key];
    if (c === undefined) {
      state.customers[key] = { days: [day], amounts: stateOptions.monetary ? [amount] : [] };
      return counted(state, day);
    }
    const { days, amounts } = c;
    let i = days.length;
    while (i > 0 && days[i - 1]! > day) i--; // purchases mostly arrive in time order: search from the end
    if (i > 0 && days[i - 1] === day) {
      if (stateOptions.monetary) {
        const total = amounts[i - 1]! + amount;
        // a day's total must stay a finite number: Infinity is not JSON, and the state would not read back
        if (!Number.isFinite(total)) return reject(state, at, "amount", raw, `makes the total of ${dayLabel(day)} overflow (beyond +-1.8e308)`);
        amounts[i - 1] = total;
      }
    } else {
      // insert at i by hand: splice allocates an array for the removed elements on every call
      days.push(day);
      for (let k = days.length - 1; k > i; k--) days[k] = days[k - 1]!;
      days[i] = day;
      if (stateOptions.monetary) {
        amounts.push(amount);
        for (let k = amounts.length - 1; k > i; k--) amounts[k] = amounts[k - 1]!;
        amounts[i] = amount;
      }
    }
    return counted(state, day);
  }

  function counted(state: RfmState, day: number): RfmState {
    state.transactions += 1;
    if (state.lastDay === null || day > state.lastDay) state.lastDay = day;
    return state;
  }

  function reject(state: RfmState, index: number, field: string, value: unknown, reason: string): RfmState {
    rejectRecord(state.invalid, onInvalid, KIND, { index, field, value: jsonSafeValue(value), reason });
    return state;
  }

  return {
    kind: KIND,
    empty: (): RfmState => ({
      v: 1,
      kind: KIND,
      options: { ...stateOptions },
      customers: {},
      transactions: 0,
      afterObservationEnd: 0,
      lastDay: null,
      missing: 0,
      invalid: emptyInvalidLog(),
    }),
    add,
    merge(a: RfmState, b: RfmState): RfmState {
      if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
      const customers: Record<string, RfmCustomerState> = {};
      for (const k of Object.keys(a.customers)) customers[k] = copyCustomer(a.customers[k]!);
      for (const k of Object.keys(b.customers)) {
        const mine = customers[k];
        customers[k] = mine === undefined ? copyCustomer(b.customers[k]!) : mergeCustomers(mine, b.customers[k]!, a.options.monetary);
      }
      return {
        v: 1,
        kind: KIND,
        options: { ...a.options },
        customers,
        transactions: a.transactions + b.transactions,
        afterObservationEnd: a.afterObservationEnd + b.afterObservationEnd,
        lastDay: a.lastDay === null ? b.lastDay : b.lastDay === null ? a.lastDay : Math.max(a.lastDay, b.lastDay),
        missing: a.missing + b.missing,
        invalid: mergeInvalidLogs(a.invalid, b.invalid),
      };
    },
    result: (state: RfmState): RfmSummary => summarize(state, endDay, calDay, invalidSummary(state.invalid, onInvalid)),
    fromJSON: (json: unknown): RfmState => readRfmState(json, stateOptions, endDay),
  };
}

/**
 * RFM summary of a transaction log, with the semantics of Python lifetimes' `summary_data_from_transaction_data`
 * (and `calibration_and_holdout_data` when `calibrationEnd` is given), per customer:
 *
 *   purchases on the same calendar day (in `timeZone`) collapse into one purchase day, amount = their sum
 *   frequency x   = distinct purchase days - 1                         (repeat purchases)
 *   recency t_x   = (last purchase day - first purchase day) / u       (0 when x = 0)
 *   T             = (observation end day - first purchase day) / u     (calibration end day when split)
 *   monetaryValue = mean amount of the repeat purchase days            (null when x = 0; lifetimes prints 0)
 *                   or, with includeFirstPurchase, of every purchase day
 *   holdout:  frequencyHoldout = purchase days after the calibration end up to the observation end,
 *             monetaryValueHoldout = their mean day amount, durationHoldout = (observation end - calibration end) / u
 *   u = 1 (days), 7 (weeks) or 30.4375 (months) days.
 *
 * Days are calendar days in the zone; a date without a time is 00:00 in the zone, so an observation end of
 * `1997-09-30` counts purchases dated that day. Where it differs from lifetimes (see docs/metrics/clv.md): a missing
 * monetary value is `null`, not 0; `includeFirstPurchase` changes the monetary value only (lifetimes also adds 1
 * to frequency); the holdout monetary value averages purchase days like the calibration one (lifetimes averages
 * raw rows there); customers whose first purchase is in the holdout are counted in `newInHoldout` (lifetimes
 * drops them silently). O(n log d) time for n transactions and d purchase days per customer; memory O(distinct
 * customer days). Missing fields are counted in `missing`; invalid ones throw InvalidRecordError unless
 * `onInvalid: "count"`. Empty input gives `customers: 0` and no rows.
 *
 * @param transactions the transaction log, in any order
 * @param options accessors, time unit, zone, observation and calibration ends
 * @returns the rows (plain objects; `rfmColumns` turns them into typed columns for the fitters) and what was counted
 * @example
 * rfmSummary(
 *   [{ customerId: 1, at: "1997-01-01", amount: 29.33 }, { customerId: 1, at: "1997-01-18", amount: 29.73 }, { customerId: 1, at: "1997-08-02", amount: 14.96 }],
 *   { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "1997-09-30" },
 * ).rows[0]
 * // => { customerId: 1, frequency: 2, recency: 30.428..., T: 38.857..., monetaryValue: 22.345, frequencyHoldout: null, monetaryValueHoldout: null }
 * @see lifetimes `utils.summary_data_from_transaction_data`, `_find_first_transactions` and `calibration_and_holdout_data` (https://github.com/CamDavidsonPilon/lifetimes)
 * @see Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2) (the CDNOW summary)
 */
export function rfmSummary<R = RfmTransaction>(transactions: Iterable<R>, options: RfmSummaryOptions<R> = {}): RfmSummary {
  const agg = rfmSummaryAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const t of transactions) state = agg.add(state, t, i++);
  return agg.result(state);
}

function checkRfmOptions(options: RfmSummaryOptions<never>, monetary: boolean): RfmStateOptions {
  const timeUnit = options.timeUnit ?? "days";
  if (!UNITS.includes(timeUnit)) throw new InvalidOptionError(KIND, "timeUnit", `is ${JSON.stringify(timeUnit)}, expected one of ${UNITS.join(", ")}`);
  const timeZone = checkTimeZone(KIND, "timeZone", options.timeZone ?? "UTC");
  const day = (name: "observationEnd" | "calibrationEnd"): number | null => {
    const v = options[name];
    if (v === undefined) return null;
    const d = dayNumberOf(v, timeZone);
    if (d === null) throw new InvalidOptionError(KIND, name, `is ${JSON.stringify(jsonSafeValue(v))}, expected an instant: a Date, epoch milliseconds or an ISO 8601 date such as "1997-09-30"`);
    return d;
  };
  const end = day("observationEnd");
  const cal = day("calibrationEnd");
  if (end !== null && cal !== null && cal >= end) {
    throw new InvalidOptionError(KIND, "calibrationEnd", `is ${dayLabel(cal)}, expected a day before the observation end ${dayLabel(end)} (the holdout would be empty)`);
  }
  const includeFirstPurchase = options.includeFirstPurchase ?? false;
  if (typeof includeFirstPurchase !== "boolean") throw new InvalidOptionError(KIND, "includeFirstPurchase", `is ${JSON.stringify(includeFirstPurchase)}, expected true or false`);
  return {
    timeUnit,
    timeZone,
    observationEnd: end === null ? null : dayLabel(end),
    calibrationEnd: cal === null ? null : dayLabel(cal),
    monetary,
    includeFirstPurchase,
  };
}

function seen(state: RfmState): number {
  return state.transactions + state.afterObservationEnd + state.missing + state.invalid.count;
}

/**
 * A customer id as a state key: JSON of the id, so the string "1" and the number 1 stay apart. A number is left
 * as a number: a property key of a number is its String() (its JSON for finite numbers), and integer keys take
 * V8's fast element path.
 */
function keyOf(id: string | number): string | number {
  return typeof id === "number" ? id + 0 : JSON.stringify(id);
}

/** The id a key stands for, or undefined when the key is not one {@link keyOf} makes. */
function idOf(key: string): CustomerId | undefined {
  if (key.startsWith('"')) {
    try {
      const s: unknown = JSON.parse(key);
      return typeof s === "string" && JSON.stringify(s) === key ? s : undefined;
    } catch {
      return undefined;
    }
  }
  const n = Number(key);
  return key !== "" && Number.isFinite(n) && String(n) === key ? n : undefined;
}

function copyCustomer(c: RfmCustomerState): RfmCustomerState {
  return { days: c.days.slice(), amounts: c.amounts.slice() };
}

/** Union of two customers' sorted days; amounts of a day present in both are added. */
function mergeCustomers(a: RfmCustomerState, b: RfmCustomerState, monetary: boolean): RfmCustomerState {
  const days: number[] = [];
  const amounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.days.length || j < b.days.length) {
    const da = i < a.days.length ? a.days[i]! : Infinity;
    const db = j < b.days.length ? b.days[j]! : Infinity;
    const d = Math.min(da, db);
    let amount = 0;
    if (da === d) amount += monetary ? a.amounts[i++]! : (i++, 0);
    if (db === d) amount += monetary ? b.amounts[j++]! : (j++, 0);
    days.push(d);
    if (monetary) amounts.push(amount);
  }
  return { days, amounts };
}

/** Numbers ascending first, then strings in code-unit order. */
function compareIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === "number") return typeof b === "number" ? a - b : -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function meanOf(xs: readonly number[], from: number, to: number): number | null {
  if (to <= from) return null;
  const s: CompensatedSum = [0, 0];
  for (let i = from; i < to; i++) addCompensated(s, xs[i]!);
  const mean = compensatedValue(s) / (to - from);
  if (Number.isFinite(mean)) return mean;
  // the sum overflowed (amounts near 1e308): average the scaled amounts instead, which cannot overflow
  const scaled: CompensatedSum = [0, 0];
  for (let i = from; i < to; i++) addCompensated(scaled, xs[i]! / (to - from));
  return compensatedValue(scaled);
}

function summarize(state: RfmState, endDay: number | null, calDay: number | null, invalid: RfmSummary["invalid"]): RfmSummary {
  const o = state.options;
  const u = DAYS_PER_UNIT[o.timeUnit];
  const lastDay = endDay ?? state.lastDay;
  // Without an observation end the study ends on the last purchase day (lifetimes), but never before the calibration end.
  const end = lastDay === null ? calDay : calDay === null ? lastDay : Math.max(lastDay, calDay);
  // keys are trusted here (fromJSON checked them with idOf): a quoted key is a string id, any other a number
  const entries = Object.keys(state.customers).map((k) => ({ id: (k.charCodeAt(0) === 34 ? JSON.parse(k) : +k) as CustomerId, c: state.customers[k]! }));
  entries.sort((x, y) => compareIds(x.id, y.id));
  const rows: RfmRow[] = [];
  let newInHoldout = 0;
  for (const { id, c } of entries) {
    const { days, amounts } = c;
    let nCal = days.length;
    if (calDay !== null) while (nCal > 0 && days[nCal - 1]! > calDay) nCal--;
    if (nCal === 0) {
      newInHoldout += 1;
      continue;
    }
    const first = days[0]!;
    const row: RfmRow = {
      customerId: id,
      frequency: nCal - 1,
      recency: (days[nCal - 1]! - first) / u,
      T: ((calDay ?? end!) - first) / u,
      monetaryValue: o.monetary ? meanOf(amounts, o.includeFirstPurchase ? 0 : 1, nCal) : null,
      frequencyHoldout: calDay === null ? null : days.length - nCal,
      monetaryValueHoldout: calDay !== null && o.monetary ? meanOf(amounts, nCal, days.length) : null,
    };
    rows.push(row);
  }
  return {
    metric: "rfm-summary",
    timeUnit: o.timeUnit,
    daysPerUnit: u,
    timeZone: o.timeZone,
    observationEnd: end === null ? null : dayLabel(end),
    calibrationEnd: o.calibrationEnd,
    includeFirstPurchase: o.includeFirstPurchase,
    customers: rows.length,
    transactions: state.transactions,
    afterObservationEnd: state.afterObservationEnd,
    newInHoldout,
    durationHoldout: calDay === null ? null : (end! - calDay) / u,
    missing: state.missing,
    invalid,
    rows,
  };
}

function readRfmState(json: unknown, options: RfmStateOptions, endDay: number | null): RfmState {
  const o = expectHeader(KIND, json);
  if (!sameJson(o["options"], options)) fail(KIND, "options", `are ${JSON.stringify(o["options"])}, this aggregator uses ${JSON.stringify(options)}`);
  const raw = expectObject(KIND, "customers", o["customers"]);
  const customers: Record<string, RfmCustomerState> = {};
  let latest: number | null = null;
  let totalDays = 0;
  for (const key of Object.keys(raw)) {
    const at = `customers[${key}]`;
    if (idOf(key) === undefined) fail(KIND, at, "is not a customer id written as JSON (a quoted string or a finite number)");
    const c = expectObject(KIND, at, raw[key]);
    const days = expectArray(KIND, `${at}.days`, c["days"]);
    const amounts = expectArray(KIND, `${at}.amounts`, c["amounts"]);
    if (days.length === 0) fail(KIND, `${at}.days`, "is empty, expected at least one purchase day");
    days.forEach((d, i) => {
      if (!(Number.isSafeInteger(d) && (d as number) >= MIN_DAY && (d as number) <= MAX_DAY)) fail(KIND, `${at}.days[${i}]`, `is ${JSON.stringify(d)}, expected a day number (days since 1970-01-01) in years 1000-9999`);
      if (i > 0 && (d as number) <= (days[i - 1] as number)) fail(KIND, `${at}.days`, "is not strictly ascending");
    });
    const last = days[days.length - 1] as number;
    if (endDay !== null && last > endDay) fail(KIND, `${at}.days`, `holds a day after the observation end ${options.observationEnd}`);
    const expected = options.monetary ? days.length : 0;
    if (amounts.length !== expected) fail(KIND, `${at}.amounts`, `has ${amounts.length} entries, expected ${expected}`);
    amounts.forEach((x, i) => expectFinite(KIND, `${at}.amounts[${i}]`, x));
    // copies: add() grows and updates these arrays in place, which must not reach back into the caller's JSON
    customers[key] = { days: (days as number[]).slice(), amounts: (amounts as number[]).slice() };
    latest = latest === null ? last : Math.max(latest, last);
    totalDays += days.length;
  }
  const transactions = expectCount(KIND, "transactions", o["transactions"]);
  if (transactions < totalDays) fail(KIND, "transactions", `is ${transactions}, fewer than the ${totalDays} purchase days held`);
  const lastDay = o["lastDay"];
  if (lastDay !== latest) fail(KIND, "lastDay", `is ${JSON.stringify(lastDay)}, expected ${JSON.stringify(latest)} (the last purchase day held)`);
  return {
    v: 1,
    kind: KIND,
    options: { ...options },
    customers,
    transactions,
    afterObservationEnd: expectCount(KIND, "afterObservationEnd", o["afterObservationEnd"]),
    lastDay: latest,
    missing: expectCount(KIND, "missing", o["missing"]),
    invalid: readInvalidLog(KIND, o["invalid"]),
  };
}
