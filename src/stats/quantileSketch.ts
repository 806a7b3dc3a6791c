import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkOnInvalid } from "../_lib/checkOptions.ts";
import { copyInvalidLog, emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { expectArray, expectCount, expectFinite, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, mergeCompensated, type CompensatedSum } from "./neumaierSum.ts";
import { bucketIndex, BucketTable, emptyStore, sketchMapping, storeAdd, storeAddDense, storeCount, storeMerge, type SketchMapping, type SketchStore } from "./sketchStore.ts";
import { sketchQuantiles } from "./sketchQuantiles.ts";

export type { SketchStore } from "./sketchStore.ts";

/** Options of {@link quantileSketchAggregator}. */
export interface QuantileSketchOptions<R = number> {
  /** Reads the value from a record. Default: the record itself. */
  value?: (record: R) => unknown;
  /** Relative accuracy a of the log buckets, in (0, 1). Default 0.01 (1 %). */
  relativeAccuracy?: number;
  /** Values kept exactly (quantiles by R type 7) while the count is at most this. Default 1024; 0 = always buckets. */
  exactLimit?: number;
  /** Most buckets per store (positive and negative values); the lowest are folded past it. Default 2048. */
  maxBuckets?: number;
  /** Probabilities of the quantiles in the result. Default [0.5, 0.9, 0.95, 0.99]. */
  quantiles?: readonly number[];
  /** `"throw"` (default) stops at the first invalid value (not a number, or infinite); `"count"` counts it. */
  onInvalid?: OnInvalid;
}

/** The state of a quantile sketch: versioned plain JSON, carrying the options that shape it. */
export interface QuantileSketchState extends AggregatorState {
  readonly v: 1;
  readonly kind: "quantile-sketch";
  relativeAccuracy: number;
  exactLimit: number;
  maxBuckets: number;
  /** Valid values seen. */
  count: number;
  min: number | null;
  max: number | null;
  /** Neumaier-compensated sum [sum, compensation] of the values of magnitude below 2^500. */
  sum: CompensatedSum;
  /** The same for the values of magnitude 2^500 or more, each times 2^-500, so that no sum overflows. */
  sumScaled: CompensatedSum;
  /** The values themselves while count <= exactLimit (in arrival order), else null. */
  values: number[] | null;
  /** Values equal to 0 (sketch mode only). */
  zero: number;
  /** Buckets of x > 0 and of -x for x < 0 (sketch mode only). */
  positive: SketchStore;
  negative: SketchStore;
  /** Values that were null, undefined or NaN. */
  missing: number;
  invalid: InvalidLog;
}

/** One quantile of a result. */
export interface QuantileValue {
  q: number;
  /** null when there is no value. */
  value: number | null;
}

/** The result of a quantile sketch: plain JSON, the same fields every time. */
export interface QuantileSketchResult {
  /** Valid values. */
  n: number;
  /** Whether the quantiles are exact (R type 7 over the kept values) or from the buckets (within relativeAccuracy). */
  exact: boolean;
  relativeAccuracy: number;
  /** Whether some of the lowest buckets were folded (maxBuckets reached): their values lost the bound. */
  collapsed: boolean;
  min: number | null;
  max: number | null;
  /** Sum of the values (Neumaier); null when it lies beyond the double range (about 1.8e308), or n = 0 gives 0. */
  sum: number | null;
  /** Mean, within [min, max]; null when n = 0. */
  mean: number | null;
  quantiles: QuantileValue[];
  missing: number;
  invalid: InvalidSummary;
}

/** The aggregator of {@link quantileSketchAggregator}, with a fast path for arrays of numbers. */
export interface QuantileSketchAggregator<R = number> extends Aggregator<R, QuantileSketchState, QuantileSketchResult> {
  /**
   * Add every number of `values` in place (NaN counts as missing, an infinity is invalid), as `add` would one by
   * one but without the accessor and with the bucket counts gathered in a typed array first.
   * `firstIndex` numbers the values for error reports (default: the count of inputs the state has seen).
   */
  addAll(state: QuantileSketchState, values: ArrayLike<number>, firstIndex?: number): QuantileSketchState;
}

const KIND = "quantile-sketch";
/** Values of magnitude at least 2^500 are summed apart, times 2^-500: neither sum can overflow below 2^500 values. */
const HUGE = 2 ** 500;
const UNHUGE = 2 ** -500;

/**
 * A mergeable quantile sketch: exact values up to `exactLimit`, then DDSketch log buckets with relative accuracy a.
 *
 *   gamma = (1 + a) / (1 - a);  x > 0 goes to bucket i = ceil(ln x / ln gamma), i.e. (gamma^(i-1), gamma^i];
 *   x < 0 to bucket ceil(ln(-x) / ln gamma) of the negative store; x = 0 to the zero count.
 *   bucket value: 2 gamma^i / (gamma + 1), within relative error a of every value in the bucket.
 *   quantile q (sketch mode): the bucket value holding the value of 0-based rank floor(q (n - 1)) in sorted order,
 *   clamped to [min, max]; so |estimate - x_(floor(q (n-1)))| <= a |x_(floor(q (n-1)))|.
 *   quantile q (exact mode): R type 7, x_(h) + (h - floor h)(x_(floor h + 1) - x_(floor h)), h = q (n - 1).
 *
 * count, min, max and the (Neumaier) sum are exact in both modes. Merging sketches with the same options is exact
 * (bucket counts add; two exact states past the limit convert); states with other options are refused.
 * O(1) per value (one logarithm); memory O(exactLimit) then at most 2 maxBuckets counts.
 * Missing values (null, undefined, NaN) are counted; a non-number or an infinity is invalid.
 * Empty input gives n: 0 and null quantiles.
 *
 * @param options see {@link QuantileSketchOptions}
 * @returns the aggregator (with `addAll` for arrays and Float64Arrays)
 * @example
 * const agg = quantileSketchAggregator({ exactLimit: 0 });
 * const s = agg.addAll(agg.empty(), [1, 2, 3, 4, 100]);
 * agg.result(s).quantiles[0] // => { q: 0.5, value: 2.974... } (the median 3, within 1 %)
 * @see Masson, C., Rim, J. E. and Lee, H. K. (2019). DDSketch: a fast and fully-mergeable quantile sketch with
 *   relative-error guarantees. PVLDB 12(12), 2195-2205.
 * @see Hyndman, R. J. and Fan, Y. (1996). Sample quantiles in statistical packages. The American Statistician 50(4) (type 7).
 */
export function quantileSketchAggregator<R = number>(options: QuantileSketchOptions<R> = {}): QuantileSketchAggregator<R> {
  const value = checkAccessor(KIND, "value", options.value);
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const relativeAccuracy = options.relativeAccuracy ?? 0.01;
  if (typeof relativeAccuracy !== "number" || !(relativeAccuracy > 0 && relativeAccuracy < 1)) {
    throw new InvalidOptionError(KIND, "relativeAccuracy", `is ${JSON.stringify(relativeAccuracy)}, expected a number strictly between 0 and 1 (e.g. 0.01 for 1 %)`);
  }
  const exactLimit = options.exactLimit ?? 1024;
  if (!Number.isInteger(exactLimit) || exactLimit < 0 || exactLimit > 1_000_000) {
    throw new InvalidOptionError(KIND, "exactLimit", `is ${JSON.stringify(exactLimit)}, expected an integer from 0 to 1000000`);
  }
  const maxBuckets = options.maxBuckets ?? 2048;
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1 || maxBuckets > 1_000_000) {
    throw new InvalidOptionError(KIND, "maxBuckets", `is ${JSON.stringify(maxBuckets)}, expected an integer from 1 to 1000000`);
  }
  const qs = [...(options.quantiles ?? [0.5, 0.9, 0.95, 0.99])];
  if (!qs.every((q) => typeof q === "number" && q >= 0 && q <= 1)) {
    throw new InvalidOptionError(KIND, "quantiles", `is ${JSON.stringify(options.quantiles)}, expected probabilities from 0 to 1, e.g. [0.5, 0.9, 0.95]`);
  }
  const mapping = sketchMapping(relativeAccuracy);
  const shape = { relativeAccuracy, exactLimit, maxBuckets };

  const empty = (): QuantileSketchState => ({
    v: 1,
    kind: KIND,
    ...shape,
    count: 0,
    min: null,
    max: null,
    sum: [0, 0],
    sumScaled: [0, 0],
    values: exactLimit > 0 ? [] : null,
    zero: 0,
    positive: emptyStore(),
    negative: emptyStore(),
    missing: 0,
    invalid: emptyInvalidLog(),
  });

  const reject = (state: QuantileSketchState, v: unknown, index: number | undefined): void =>
    rejectRecord(state.invalid, onInvalid, KIND, { index: index ?? seen(state), field: "value", value: jsonSafeValue(v), reason: "expected a finite number" });

  /** Add one input already read from its record, in place. */
  const addRaw = (state: QuantileSketchState, v: unknown, index: number | undefined): void => {
    if (typeof v === "number" && Number.isFinite(v)) addValue(state, v + 0, mapping); // + 0: -0 is 0 (JSON has no -0)
    else if (isMissing(v)) state.missing += 1;
    else reject(state, v, index);
  };

  return {
    kind: KIND,
    empty,
    add(state: QuantileSketchState, record: R, index?: number): QuantileSketchState {
      addRaw(state, value === undefined ? record : value(record), index);
      return state;
    },
    addAll(state: QuantileSketchState, xs: ArrayLike<number>, firstIndex?: number): QuantileSketchState {
      const start = firstIndex ?? seen(state);
      const n = xs.length;
      // one by one while the values are kept exactly (addValue moves them into the buckets past the limit),
      // and for anything but a Float64Array
      const dense = xs instanceof Float64Array;
      let i = 0;
      for (; i < n && (state.values !== null || !dense); i++) addRaw(state, xs[i], start + i);
      if (i < n) addFloat64(state, xs as Float64Array, i, start, tableOf(mapping, relativeAccuracy), (x, at) => reject(state, x, at));
      return state;
    },
    merge(a: QuantileSketchState, b: QuantileSketchState): QuantileSketchState {
      if (a.relativeAccuracy !== b.relativeAccuracy || a.exactLimit !== b.exactLimit || a.maxBuckets !== b.maxBuckets) {
        throw new IncompatibleStatesError(KIND, `${describe(a)} vs ${describe(b)}`);
      }
      const out: QuantileSketchState = {
        v: 1,
        kind: KIND,
        ...shape,
        count: a.count + b.count,
        min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
        max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
        sum: mergeCompensated(a.sum, b.sum),
        sumScaled: mergeCompensated(a.sumScaled, b.sumScaled),
        values: null,
        zero: a.zero + b.zero,
        positive: storeMerge(a.positive, b.positive, maxBuckets),
        negative: storeMerge(a.negative, b.negative, maxBuckets),
        missing: a.missing + b.missing,
        invalid: mergeInvalidLogs(a.invalid, b.invalid),
      };
      if (a.values !== null && b.values !== null && out.count <= exactLimit) out.values = a.values.concat(b.values);
      else {
        // a side still exact goes into the buckets
        for (const side of [a, b]) {
          if (side.values === null) continue;
          for (const x of side.values) addToBuckets(out, x, mapping);
        }
      }
      return out;
    },
    result(state: QuantileSketchState): QuantileSketchResult {
      const n = state.count;
      const plain = compensatedValue(state.sum);
      const scaled = compensatedValue(state.sumScaled);
      const total = plain + scaled * HUGE + 0;
      let mean: number | null = null;
      if (n > 0) {
        mean = plain / n + (scaled / n) * HUGE;
        mean = Math.min(Math.max(mean, state.min!), state.max!) + 0; // rounding cannot leave [min, max]
      }
      return {
        n,
        exact: state.values !== null,
        relativeAccuracy,
        collapsed: state.positive.collapsed || state.negative.collapsed,
        min: state.min,
        max: state.max,
        sum: Number.isFinite(total) ? total : null,
        mean,
        quantiles: sketchQuantiles(state, qs).map((v, i) => ({ q: qs[i]!, value: v })),
        missing: state.missing,
        invalid: invalidSummary(state.invalid, onInvalid),
      };
    },
    fromJSON(json: unknown): QuantileSketchState {
      return readState(json, shape);
    },
  };
}

/**
 * Quantiles of a list of numbers through a {@link quantileSketchAggregator}: exact (R type 7) up to `exactLimit`
 * values, within `relativeAccuracy` past it. See quantileSketchAggregator for the formulas.
 *
 * @param values numbers, a Float64Array, or records read through `options.value`
 * @param options see {@link QuantileSketchOptions}
 * @returns n, min, max, sum, mean, quantiles, missing and invalid counts
 * @example
 * quantileSketch([1, 2, 3, 4]).quantiles[0] // => { q: 0.5, value: 2.5 }
 * @see quantileSketchAggregator
 */
export function quantileSketch<R = number>(values: Iterable<R> | ArrayLike<number>, options: QuantileSketchOptions<R> = {}): QuantileSketchResult {
  const agg = quantileSketchAggregator(options);
  if (options.value === undefined && (values instanceof Float64Array || Array.isArray(values))) return agg.result(agg.addAll(agg.empty(), values as ArrayLike<number>, 0));
  let state = agg.empty();
  let i = 0;
  for (const r of values as Iterable<R>) state = agg.add(state, r, i++);
  return agg.result(state);
}

/**
 * The bulk add of a Float64Array from index `first`, in place, in sketch mode: bucket indexes by table lookup,
 * positive counts gathered in a growing Float64Array window, then folded into the stores once; min, max, count and
 * the Neumaier sum kept in locals. Gives the state that adding the values one by one gives.
 */
function addFloat64(state: QuantileSketchState, xs: Float64Array, first: number, start: number, table: BucketTable, reject: (x: number, index: number) => void): void {
  const pos = new CountWindow();
  const neg = new CountWindow();
  let pc = pos.counts;
  let pb = pos.base;
  let size = pc.length;
  let min = state.min ?? Infinity;
  let max = state.max ?? -Infinity;
  let s = state.sum[0];
  let c = state.sum[1];
  let skipped = 0;
  let zero = 0;
  const n = xs.length;
  for (let i = first; i < n; i++) {
    const x = xs[i]! + 0;
    if (x > 0 && x < Infinity) {
      const k = table.index(x) - pb;
      if (k >>> 0 < size) pc[k]! += 1;
      else {
        pos.grow(k + pb);
        pc = pos.counts;
        pb = pos.base;
        size = pc.length;
      }
    } else if (x < 0 && x > -Infinity) neg.add(table.index(-x));
    else if (x === 0) zero++;
    else {
      if (x !== x) state.missing += 1;
      else reject(x, start + i);
      skipped++;
      continue;
    }
    if (x < min) min = x;
    if (x > max) max = x;
    if (x >= HUGE || x <= -HUGE) {
      addCompensated(state.sumScaled, x * UNHUGE);
      continue;
    }
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  const count = n - first - skipped;
  if (count === 0) return;
  state.count += count;
  state.zero += zero;
  state.min = min;
  state.max = max;
  state.sum = [s, c];
  pos.flush(state.positive, state.maxBuckets);
  neg.flush(state.negative, state.maxBuckets);
}

const tables = new Map<number, BucketTable>();

/** The lookup table of bucket indexes for one accuracy, shared by every addAll (at most 4 accuracies kept). */
function tableOf(m: SketchMapping, relativeAccuracy: number): BucketTable {
  let t = tables.get(relativeAccuracy);
  if (t === undefined) {
    if (tables.size >= 4) tables.clear();
    t = new BucketTable(m);
    tables.set(relativeAccuracy, t);
  }
  return t;
}

/** Inputs a state has seen, the default index of the next one. */
function seen(s: QuantileSketchState): number {
  return s.count + s.missing + s.invalid.count;
}

function describe(s: QuantileSketchState): string {
  return `relativeAccuracy ${s.relativeAccuracy}, exactLimit ${s.exactLimit}, maxBuckets ${s.maxBuckets}`;
}

/** Add a finite value in place: to the exact values while within the limit, else to the buckets. */
function addValue(state: QuantileSketchState, x: number, m: SketchMapping): void {
  state.count += 1;
  if (state.min === null || x < state.min) state.min = x;
  if (state.max === null || x > state.max) state.max = x;
  if (x >= HUGE || x <= -HUGE) addCompensated(state.sumScaled, x * UNHUGE);
  else addCompensated(state.sum, x);
  if (state.values !== null) {
    if (state.count <= state.exactLimit) {
      state.values.push(x);
      return;
    }
    toSketch(state, m);
  }
  addToBuckets(state, x, m);
}

function addToBuckets(state: QuantileSketchState, x: number, m: SketchMapping): void {
  if (x > 0) storeAdd(state.positive, bucketIndex(m, x), 1, state.maxBuckets);
  else if (x < 0) storeAdd(state.negative, bucketIndex(m, -x), 1, state.maxBuckets);
  else state.zero += 1;
}

/** Move the exact values into the buckets (in place). */
function toSketch(state: QuantileSketchState, m: SketchMapping): void {
  const values = state.values;
  if (values === null) return;
  state.values = null;
  for (const x of values) addToBuckets(state, x, m);
}

/** Bucket counts over a window of indices in a Float64Array, doubled when an index falls outside. */
class CountWindow {
  base = 0;
  counts: Float64Array = new Float64Array(0);

  add(i: number): void {
    const k = i - this.base;
    if (k >= 0 && k < this.counts.length) this.counts[k]! += 1;
    else this.grow(i);
  }

  grow(i: number): void {
    if (this.counts.length === 0) {
      this.base = i - 512;
      this.counts = new Float64Array(1024);
    } else {
      const lo = Math.min(this.base, i);
      const hi = Math.max(this.base + this.counts.length - 1, i);
      const size = Math.max(2 * this.counts.length, hi - lo + 1 + 256);
      const base = i < this.base ? hi - size + 1 : lo;
      const next = new Float64Array(size);
      next.set(this.counts, this.base - base);
      this.base = base;
      this.counts = next;
    }
    this.counts[i - this.base]! += 1;
  }

  flush(store: SketchStore, maxBuckets: number): void {
    if (this.counts.length > 0) storeAddDense(store, this.base, this.counts, maxBuckets);
  }
}

function readStore(field: string, json: unknown, maxBuckets: number): SketchStore {
  const o = expectObject(KIND, field, json);
  const offset = o["offset"];
  if (!Number.isSafeInteger(offset)) fail(KIND, `${field}.offset`, `is ${JSON.stringify(offset)}, expected an integer`);
  const counts = expectArray(KIND, `${field}.counts`, o["counts"]).map((c, i) => expectCount(KIND, `${field}.counts[${i}]`, c));
  if (typeof o["collapsed"] !== "boolean") fail(KIND, `${field}.collapsed`, `is ${JSON.stringify(o["collapsed"])}, expected true or false`);
  if (counts.length > maxBuckets) fail(KIND, `${field}.counts`, `has ${counts.length} buckets, expected at most maxBuckets = ${maxBuckets}`);
  if (counts.length > 0 && (counts[0] === 0 || counts[counts.length - 1] === 0)) fail(KIND, `${field}.counts`, "starts or ends with an empty bucket");
  if (counts.length === 0 && (offset !== 0 || o["collapsed"] === true)) fail(KIND, field, "is empty but has an offset or is marked collapsed");
  return { offset: offset as number, counts, collapsed: o["collapsed"] as boolean };
}

function readState(json: unknown, shape: { relativeAccuracy: number; exactLimit: number; maxBuckets: number }): QuantileSketchState {
  const o = expectHeader(KIND, json);
  for (const key of ["relativeAccuracy", "exactLimit", "maxBuckets"] as const) {
    if (o[key] !== shape[key]) fail(KIND, key, `is ${JSON.stringify(o[key])}, this aggregator uses ${shape[key]}`);
  }
  const count = expectCount(KIND, "count", o["count"]);
  const missing = expectCount(KIND, "missing", o["missing"]);
  const invalid = readInvalidLog(KIND, o["invalid"]);
  const sumRaw = expectArray(KIND, "sum", o["sum"]);
  if (sumRaw.length !== 2) fail(KIND, "sum", `has ${sumRaw.length} entries, expected [sum, compensation]`);
  const sum: CompensatedSum = [expectFinite(KIND, "sum[0]", sumRaw[0]), expectFinite(KIND, "sum[1]", sumRaw[1])];
  const scaledRaw = expectArray(KIND, "sumScaled", o["sumScaled"]);
  if (scaledRaw.length !== 2) fail(KIND, "sumScaled", `has ${scaledRaw.length} entries, expected [sum, compensation]`);
  const sumScaled: CompensatedSum = [expectFinite(KIND, "sumScaled[0]", scaledRaw[0]), expectFinite(KIND, "sumScaled[1]", scaledRaw[1])];
  const zero = expectCount(KIND, "zero", o["zero"]);
  const positive = readStore("positive", o["positive"], shape.maxBuckets);
  const negative = readStore("negative", o["negative"], shape.maxBuckets);
  let min: number | null = null;
  let max: number | null = null;
  if (count === 0) {
    if (o["min"] !== null || o["max"] !== null) fail(KIND, "min", "must be null (with max) when count is 0");
  } else {
    min = expectFinite(KIND, "min", o["min"]);
    max = expectFinite(KIND, "max", o["max"]);
    if (min > max) fail(KIND, "min", `is ${min}, above max ${max}`);
  }
  let values: number[] | null = null;
  if (o["values"] !== null) {
    values = expectArray(KIND, "values", o["values"]).map((x, i) => expectFinite(KIND, `values[${i}]`, x));
    if (values.length !== count || count > shape.exactLimit || shape.exactLimit === 0) fail(KIND, "values", `holds ${values.length} values, expected count ${count} and at most exactLimit ${shape.exactLimit}`);
    if (zero !== 0 || positive.counts.length > 0 || negative.counts.length > 0) fail(KIND, "values", "are kept exactly, so the buckets must be empty");
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of values) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (count > 0 && (lo !== min || hi !== max)) fail(KIND, "min", "and max do not match the values kept");
    checkExactSums(values, sum, sumScaled);
  } else {
    if (count <= shape.exactLimit && shape.exactLimit > 0) fail(KIND, "values", `is null with count ${count}, expected the values kept exactly up to exactLimit ${shape.exactLimit}`);
    if (zero + storeCount(positive) + storeCount(negative) !== count) fail(KIND, "count", `is ${count}, but the buckets hold ${zero + storeCount(positive) + storeCount(negative)}`);
    if (count > 0) checkBucketBounds(min!, max!, zero, positive, negative, sketchMapping(shape.relativeAccuracy));
    if (count > 0) checkMean(count, min!, max!, sum, sumScaled);
  }
  return {
    v: 1,
    kind: KIND,
    ...shape,
    count,
    min,
    max,
    sum,
    sumScaled,
    values,
    zero,
    positive,
    negative,
    missing,
    invalid: copyInvalidLog(invalid),
  };
}


/** Rounding slack of a state's sums, relative to the magnitudes summed (Neumaier's error is a few ulps of that). */
const SUM_SLACK = 1e-9;

/** Exact mode: each sum is the compensated sum of its values (the plain part, and the huge part times 2^-500). */
function checkExactSums(values: readonly number[], sum: CompensatedSum, sumScaled: CompensatedSum): void {
  const plain: CompensatedSum = [0, 0];
  const scaled: CompensatedSum = [0, 0];
  let absPlain = 0;
  let absScaled = 0;
  for (const x of values) {
    if (x >= HUGE || x <= -HUGE) {
      addCompensated(scaled, x * UNHUGE);
      absScaled += Math.abs(x * UNHUGE);
    } else {
      addCompensated(plain, x);
      absPlain += Math.abs(x);
    }
  }
  const parts = [
    ["sum", sum, plain, absPlain],
    ["sumScaled", sumScaled, scaled, absScaled],
  ] as const;
  for (const [field, got, want, abs] of parts) {
    const g = compensatedValue(got);
    const w = compensatedValue(want);
    if (!(Math.abs(g - w) <= SUM_SLACK * abs)) fail(KIND, field, `is ${g}, but the values kept sum to ${w}`);
  }
}

/** Sketch mode: the mean (sum / count) lies in [min, max], within rounding. */
function checkMean(count: number, min: number, max: number, sum: CompensatedSum, sumScaled: CompensatedSum): void {
  const mean = compensatedValue(sum) / count + (compensatedValue(sumScaled) / count) * HUGE;
  const slack = SUM_SLACK * Math.max(Math.abs(min), Math.abs(max));
  if (!(mean >= min - slack && mean <= max + slack)) fail(KIND, "sum", `gives a mean of ${mean}, outside [min ${min}, max ${max}] of ${count} values`);
}

/**
 * Sketch mode: min lies in the lowest occupied bucket and max in the highest (one bucket of slack for rounding of
 * the logarithm; below the fold of a collapsed store any smaller magnitude is possible).
 */
function checkBucketBounds(min: number, max: number, zero: number, positive: SketchStore, negative: SketchStore, m: SketchMapping): void {
  const top = (s: SketchStore): number => s.offset + s.counts.length - 1;
  const near = (x: number, i: number): boolean => Math.abs(bucketIndex(m, x) - i) <= 1;
  const nearOrBelow = (x: number, s: SketchStore): boolean => (s.collapsed ? bucketIndex(m, x) <= s.offset + 1 : near(x, s.offset));
  const lowest = negative.counts.length > 0 ? "negative" : zero > 0 ? "zero" : "positive";
  const okMin = lowest === "negative" ? min < 0 && near(-min, top(negative)) : lowest === "zero" ? min === 0 : min > 0 && nearOrBelow(min, positive);
  if (!okMin) fail(KIND, "min", `is ${min}, outside the lowest occupied bucket (${lowest})`);
  const highest = positive.counts.length > 0 ? "positive" : zero > 0 ? "zero" : "negative";
  const okMax = highest === "positive" ? max > 0 && near(max, top(positive)) : highest === "zero" ? max === 0 : max < 0 && nearOrBelow(-max, negative);
  if (!okMax) fail(KIND, "max", `is ${max}, outside the highest occupied bucket (${highest})`);
}
