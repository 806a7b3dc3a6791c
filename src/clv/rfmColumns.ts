import { InvalidRecordError } from "../errors.ts";
import type { CustomerId, RfmColumns, RfmData, RfmRow, RfmSummary } from "./rfmTypes.ts";

const KIND = "rfm-columns";

/**
 * The columnar form of RFM data, checked: what every CLV fitter loops over.
 *
 * Accepts an `rfmSummary` result, its rows, or columns (`{ frequency, recency, T, monetaryValue? }` as arrays or
 * typed arrays, e.g. read from lifetimes' CSV). Checks, as lifetimes' `_check_inputs` does: all columns have the
 * same length; frequency is a non-negative integer; 0 <= recency <= T; recency = 0 when frequency = 0; all finite.
 * A `null` monetary value becomes 0 (lifetimes' `fillna(0)`); models that need spends use the repeat customers only.
 * O(n) time and memory (the arrays are copied into Float64Arrays).
 *
 * @param data a summary, rows, or columns
 * @returns the columns, with the time unit when the data carried one
 * @throws InvalidRecordError naming the customer index and field that break a rule
 * @example
 * rfmColumns([{ customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35, frequencyHoldout: null, monetaryValueHoldout: null }]).T
 * // => Float64Array [38.86]
 * @see lifetimes `utils._check_inputs` (https://github.com/CamDavidsonPilon/lifetimes)
 */
export function rfmColumns(data: RfmData): RfmColumns {
  if (Array.isArray(data) || isSummary(data)) {
    const rows: readonly RfmRow[] = isSummary(data) ? data.rows : (data as readonly RfmRow[]);
    const n = rows.length;
    const split = n > 0 && rows[0]!.frequencyHoldout !== null;
    const out = allocate(n, split);
    out.timeUnit = isSummary(data) ? data.timeUnit : null;
    out.durationHoldout = isSummary(data) ? data.durationHoldout : null;
    rows.forEach((r, i) => {
      out.customerId[i] = r.customerId;
      out.frequency[i] = r.frequency;
      out.recency[i] = r.recency;
      out.T[i] = r.T;
      out.monetaryValue[i] = r.monetaryValue ?? 0;
      if (out.frequencyHoldout) out.frequencyHoldout[i] = r.frequencyHoldout ?? Number.NaN;
      if (out.monetaryValueHoldout) out.monetaryValueHoldout[i] = r.monetaryValueHoldout ?? 0;
    });
    check(out);
    return out;
  }
  const c = data as Exclude<RfmData, RfmSummary | readonly RfmRow[]>;
  const n = c.frequency.length;
  for (const field of ["recency", "T", "monetaryValue", "customerId"] as const) {
    const col = (c as Record<string, ArrayLike<unknown> | undefined | null>)[field];
    if (col !== undefined && col !== null && col.length !== n) {
      throw new InvalidRecordError(KIND, { index: Math.min(col.length, n), field, value: col.length, reason: `column has ${col.length} entries, expected ${n} like frequency` });
    }
  }
  const holdout = "frequencyHoldout" in c ? (c as RfmColumns).frequencyHoldout : null;
  const out = allocate(n, holdout !== null);
  out.timeUnit = c.timeUnit ?? null;
  out.durationHoldout = "durationHoldout" in c ? (c as RfmColumns).durationHoldout : null;
  out.frequency.set(Array.from(c.frequency));
  out.recency.set(Array.from(c.recency));
  out.T.set(Array.from(c.T));
  if (c.monetaryValue) out.monetaryValue.set(Array.from(c.monetaryValue, (m) => (Number.isNaN(m) ? 0 : m)));
  if (holdout && out.frequencyHoldout) out.frequencyHoldout.set(holdout);
  const mh = "monetaryValueHoldout" in c ? (c as RfmColumns).monetaryValueHoldout : null;
  if (mh && out.monetaryValueHoldout) out.monetaryValueHoldout.set(mh);
  out.customerId = c.customerId ? [...c.customerId] : Array.from({ length: n }, (_, i) => i);
  check(out);
  return out;
}

function isSummary(d: RfmData): d is RfmSummary {
  return !Array.isArray(d) && (d as RfmSummary).metric === "rfm-summary";
}

function allocate(n: number, split: boolean): RfmColumns {
  return {
    length: n,
    timeUnit: null,
    customerId: new Array<CustomerId>(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetaryValue: new Float64Array(n),
    frequencyHoldout: split ? new Float64Array(n) : null,
    monetaryValueHoldout: split ? new Float64Array(n) : null,
    durationHoldout: null,
  };
}

function check(c: RfmColumns): void {
  const bad = (index: number, field: string, value: number, reason: string): never => {
    throw new InvalidRecordError(KIND, { index, field, value: Number.isFinite(value) ? value : String(value), reason });
  };
  for (let i = 0; i < c.length; i++) {
    const x = c.frequency[i]!;
    const tx = c.recency[i]!;
    const T = c.T[i]!;
    if (!(Number.isInteger(x) && x >= 0)) bad(i, "frequency", x, "expected a non-negative integer (repeat purchases)");
    if (!(Number.isFinite(T) && T >= 0)) bad(i, "T", T, "expected a finite number >= 0 (time since the first purchase)");
    if (!(Number.isFinite(tx) && tx >= 0 && tx <= T)) bad(i, "recency", tx, `expected a number from 0 to T = ${T}`);
    if (x === 0 && tx !== 0) bad(i, "recency", tx, "expected 0 for a customer with no repeat purchase (frequency 0)");
    if (!Number.isFinite(c.monetaryValue[i]!)) bad(i, "monetaryValue", c.monetaryValue[i]!, "expected a finite number");
    if (c.frequencyHoldout) {
      const h = c.frequencyHoldout[i]!;
      if (!(Number.isInteger(h) && h >= 0)) bad(i, "frequencyHoldout", h, "expected a non-negative integer");
    }
  }
}
