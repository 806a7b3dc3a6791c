import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkLevel, checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { expectArray, expectCount, expectCounts, expectFinite, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, mergeCompensated, type CompensatedSum } from "../stats/neumaierSum.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { npsInterval, npsVariance, type NpsIntervalMethod, type NpsShares } from "./npsInterval.ts";

/** Where detractors end and promoters begin on the 0-10 scale. Default `{ detractorMax: 6, promoterMin: 9 }`. */
export interface NpsBands {
  /** Highest answer counted as a detractor (default 6). */
  detractorMax: number;
  /** Lowest answer counted as a promoter (default 9). */
  promoterMin: number;
}

/** Options of {@link nps} and {@link npsAggregator}. */
export interface NpsOptions<R = number> {
  /** Reads the 0-10 answer from a record. Default: the record itself is the answer. */
  value?: (record: R) => unknown;
  /** Reads a non-negative survey weight from a record. Default: every answer weighs 1. */
  weight?: (record: R) => unknown;
  /** Band limits; default detractors 0-6, passives 7-8, promoters 9-10. */
  bands?: NpsBands;
  /** Confidence level of the interval, strictly between 0 and 1. Default 0.95. */
  level?: number;
  /** Interval method. Default `"adjusted-wald"`. */
  interval?: NpsIntervalMethod;
  /** `"throw"` (default) stops at the first invalid answer; `"count"` counts it in `invalid` and goes on. */
  onInvalid?: OnInvalid;
}

/** The aggregator state of NPS: versioned plain JSON. */
export interface NpsState extends AggregatorState {
  readonly kind: "nps";
  /** The options that shape the state; states with different options do not merge. */
  options: { detractorMax: number; promoterMin: number; weighted: boolean };
  /** Number of valid answers per point 0..10. */
  counts: number[];
  /** Weighted: compensated sum of weights per point 0..10, and of squared weights; `null` when unweighted. */
  weights: { perPoint: CompensatedSum[]; squares: CompensatedSum } | null;
  /** Answers that were null, undefined or NaN. */
  missing: number;
  invalid: InvalidLog;
}

/** The result of {@link nps}: plain JSON, the same fields every time. */
export interface NpsResult {
  metric: "nps";
  /** NPS in points (-100..100); `null` when there is no valid answer. */
  score: number | null;
  /** Valid answers. */
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Shares as fractions 0..1 (weighted when weights were given); `null` when n = 0. */
  shares: NpsShares | null;
  /** Kish's effective sample size (sum w)^2 / sum w^2; equals n without weights. */
  effectiveN: number;
  /** Standard error of the score in points, sqrt(Var / effectiveN) * 100; `null` when n = 0. */
  standardError: number | null;
  /** Confidence interval in points; `null` when n = 0. */
  ci: ConfidenceInterval | null;
  /** Valid answers per point 0..10. */
  distribution: number[];
  /** Answers that were null, undefined or NaN. */
  missing: number;
  /** Invalid answers: `null` unless `onInvalid: "count"` was asked for or some were counted. */
  invalid: InvalidSummary;
}

const KIND = "nps";
/** Weights outside [1e-150, 1e150] (other than 0) would overflow or underflow in sum w^2 (Kish's n_eff). */
const MIN_WEIGHT = 1e-150;
const MAX_WEIGHT = 1e150;

/**
 * The streaming form of {@link nps}: a mergeable aggregator whose state is versioned plain JSON.
 *
 * @param options see {@link NpsOptions}
 * @returns an aggregator of kind `"nps"`
 * @example
 * const agg = npsAggregator();
 * let s = agg.empty();
 * for (const v of [10, 9, 7, 3]) s = agg.add(s, v);
 * agg.result(s).score // => 25
 * @see nps
 */
export function npsAggregator<R = number>(options: NpsOptions<R> = {}): Aggregator<R, NpsState, NpsResult> {
  const value = checkAccessor(KIND, "value", options.value);
  const weight = checkAccessor(KIND, "weight", options.weight);
  const { detractorMax, promoterMin } = checkBands(options.bands);
  const level = checkLevel(KIND, options.level);
  const interval = checkInterval(options.interval);
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const weighted = weight !== undefined;

  const reject = (state: NpsState, index: number | undefined, field: string, v: unknown, reason: string): NpsState => {
    rejectRecord(state.invalid, onInvalid, KIND, { index: index ?? seen(state), field, value: jsonSafeValue(v), reason });
    return state;
  };

  return {
    kind: KIND,
    empty: (): NpsState => ({
      v: 1,
      kind: KIND,
      options: { detractorMax, promoterMin, weighted },
      counts: new Array<number>(11).fill(0),
      weights: weighted ? { perPoint: Array.from({ length: 11 }, (): CompensatedSum => [0, 0]), squares: [0, 0] } : null,
      missing: 0,
      invalid: emptyInvalidLog(),
    }),
    add(state: NpsState, record: R, index?: number): NpsState {
      const v = value === undefined ? record : value(record);
      if (typeof v === "number" && v >= 0 && v <= 10 && Number.isInteger(v)) {
        if (weight === undefined) {
          state.counts[v]! += 1;
          return state;
        }
        const w = weight(record);
        if (typeof w !== "number" || !(w === 0 || (w >= MIN_WEIGHT && w <= MAX_WEIGHT))) {
          return reject(state, index, "weight", w, "expected 0 or a number from 1e-150 to 1e150 (its square must stay a finite, non-zero double)");
        }
        state.counts[v]! += 1;
        addCompensated(state.weights!.perPoint[v]!, w);
        addCompensated(state.weights!.squares, w * w);
        return state;
      }
      if (isMissing(v)) {
        state.missing += 1;
        return state;
      }
      return reject(state, index, "score", v, "expected an integer from 0 to 10");
    },
    merge(a: NpsState, b: NpsState): NpsState {
      checkSameOptions(a, b);
      return {
        v: 1,
        kind: KIND,
        options: { ...a.options },
        counts: a.counts.map((c, i) => c + b.counts[i]!),
        weights:
          a.weights && b.weights
            ? {
                perPoint: a.weights.perPoint.map((s, i) => mergeCompensated(s, b.weights!.perPoint[i]!)),
                squares: mergeCompensated(a.weights.squares, b.weights.squares),
              }
            : null,
        missing: a.missing + b.missing,
        invalid: mergeInvalidLogs(a.invalid, b.invalid),
      };
    },
    result: (state: NpsState): NpsResult => npsResultOf(state, level, interval, onInvalid),
    fromJSON: readNpsState,
  };
}

/**
 * Net Promoter Score: the share of promoters minus the share of detractors, in points.
 *
 *   NPS = 100 * (P - D) / n        P answers 9-10, D answers 0-6, n valid answers (integers 0-10)
 *   Var = pP + pD - (pP - pD)^2    per answer scored +1 / 0 / -1, as fractions
 *   weighted: shares are weight shares and n becomes Kish's n_eff = (sum w)^2 / sum w^2
 *
 * Interval: adjusted Wald by default (Rocks 2016), Wald on request, clipped to [-100, 100].
 * O(n) time, O(1) memory. Missing answers (null, undefined, NaN) are counted in `missing`, never scored; an invalid
 * answer throws InvalidRecordError unless `onInvalid: "count"`. Empty input gives `score: null` and `ci: null`.
 * Typed arrays and plain number arrays without accessors take a tight counting loop.
 *
 * @param values answers 0-10: a number array, a typed array, or any iterable of records read through `options.value`
 * @param options see {@link NpsOptions}
 * @returns score, counts, shares, interval, missing and invalid counts
 * @example
 * nps([10, 9, 7, 3]).score // => 25
 * nps([{ s: 10 }, { s: null }], { value: (r) => r.s }).missing // => 1
 * @see Reichheld, F. (2003). The one number you need to grow. Harvard Business Review 81(12).
 * @see Rocks, B. (2016). Interval estimation for the "Net Promoter Score". The American Statistician 70(4).
 */
export function nps<R = number>(values: Iterable<R> | ArrayLike<number>, options: NpsOptions<R> = {}): NpsResult {
  const agg = npsAggregator(options);
  let state = agg.empty();
  if (options.value === undefined && options.weight === undefined && isArrayLike(values)) {
    const counts = state.counts;
    const len = values.length;
    for (let i = 0; i < len; i++) {
      const v = values[i] as number;
      if (v >= 0 && v <= 10 && (v | 0) === v) counts[v]! += 1;
      else state = agg.add(state, v as R, i);
    }
    return agg.result(state);
  }
  let i = 0;
  for (const r of values as Iterable<R>) state = agg.add(state, r, i++);
  return agg.result(state);
}

function npsResultOf(state: NpsState, level: number, method: NpsIntervalMethod, onInvalid: OnInvalid): NpsResult {
  const { detractorMax, promoterMin } = state.options;
  let n = 0, promoters = 0, passives = 0, detractors = 0;
  let wP = 0, wPas = 0, wD = 0;
  for (let v = 0; v <= 10; v++) {
    const c = state.counts[v]!;
    const w = state.weights ? compensatedValue(state.weights.perPoint[v]!) : c;
    n += c;
    if (v <= detractorMax) (detractors += c), (wD += w);
    else if (v >= promoterMin) (promoters += c), (wP += w);
    else (passives += c), (wPas += w);
  }
  const total = wP + wPas + wD;
  const squares = state.weights ? compensatedValue(state.weights.squares) : n;
  const effectiveN = n === 0 || !(total > 0) ? 0 : state.weights ? (total * total) / squares : n;
  const shares = effectiveN > 0 ? { promoters: wP / total, passives: wPas / total, detractors: wD / total } : null;
  return {
    metric: "nps",
    score: shares ? 100 * (shares.promoters - shares.detractors) : null,
    n,
    promoters,
    passives,
    detractors,
    shares,
    effectiveN,
    standardError: shares ? 100 * Math.sqrt(npsVariance(shares.promoters, shares.detractors) / effectiveN) : null,
    ci: shares ? npsInterval(shares, effectiveN, level, method) : null,
    distribution: [...state.counts],
    missing: state.missing,
    invalid: invalidSummary(state.invalid, onInvalid),
  };
}

function seen(state: NpsState): number {
  let s = state.missing + state.invalid.count;
  for (const c of state.counts) s += c;
  return s;
}

function isArrayLike(values: unknown): values is ArrayLike<number> {
  return Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
}

function checkBands(bands: NpsBands | undefined): NpsBands {
  if (bands === undefined) return { detractorMax: 6, promoterMin: 9 };
  const { detractorMax, promoterMin } = bands;
  if (!Number.isInteger(detractorMax) || !Number.isInteger(promoterMin) || detractorMax < 0 || promoterMin > 10 || detractorMax >= promoterMin) {
    throw new InvalidOptionError(
      KIND,
      "bands",
      `is ${JSON.stringify(bands)}, expected integers with 0 <= detractorMax < promoterMin <= 10 (default { detractorMax: 6, promoterMin: 9 })`,
    );
  }
  return { detractorMax, promoterMin };
}

function checkInterval(interval: NpsIntervalMethod | undefined): NpsIntervalMethod {
  if (interval === undefined) return "adjusted-wald";
  if (interval !== "adjusted-wald" && interval !== "wald") {
    throw new InvalidOptionError(KIND, "interval", `is ${JSON.stringify(interval)}, expected "adjusted-wald" or "wald"`);
  }
  return interval;
}

function checkSameOptions(a: NpsState, b: NpsState): void {
  const x = a.options;
  const y = b.options;
  if (x.detractorMax !== y.detractorMax || x.promoterMin !== y.promoterMin || x.weighted !== y.weighted) {
    throw new IncompatibleStatesError(KIND, `${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  }
}

function readCompensated(field: string, v: unknown): CompensatedSum {
  const a = expectArray(KIND, field, v);
  if (a.length !== 2) fail(KIND, field, "is not a [sum, compensation] pair");
  return [expectFinite(KIND, `${field}[0]`, a[0]), expectFinite(KIND, `${field}[1]`, a[1])];
}

/** Validate a parsed JSON value as an NPS state. */
function readNpsState(json: unknown): NpsState {
  const o = expectHeader(KIND, json);
  const opts = expectObject(KIND, "options", o["options"]);
  const detractorMax = expectCount(KIND, "options.detractorMax", opts["detractorMax"]);
  const promoterMin = expectCount(KIND, "options.promoterMin", opts["promoterMin"]);
  if (typeof opts["weighted"] !== "boolean") fail(KIND, "options.weighted", "is not a boolean");
  const weighted = opts["weighted"] as boolean;
  checkBands({ detractorMax, promoterMin });
  let weights: NpsState["weights"] = null;
  if (weighted) {
    const w = expectObject(KIND, "weights", o["weights"]);
    const perPoint = expectArray(KIND, "weights.perPoint", w["perPoint"]);
    if (perPoint.length !== 11) fail(KIND, "weights.perPoint", "needs 11 entries");
    weights = { perPoint: perPoint.map((p, i) => readCompensated(`weights.perPoint[${i}]`, p)), squares: readCompensated("weights.squares", w["squares"]) };
  } else if (o["weights"] !== null) {
    fail(KIND, "weights", "must be null for an unweighted state");
  }
  return {
    v: 1,
    kind: KIND,
    options: { detractorMax, promoterMin, weighted },
    counts: expectCounts(KIND, "counts", o["counts"], 11),
    weights,
    missing: expectCount(KIND, "missing", o["missing"]),
    invalid: readInvalidLog(KIND, o["invalid"]),
  };
}

