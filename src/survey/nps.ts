import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkLevel, checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { expectCount, expectCounts, expectFinite, expectHeader, expectList, expectObject, fail } from "../_lib/stateChecks.ts";
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

/** Options after validation: what `add` and `result` need. */
interface NpsSettings<R> {
  value: ((record: R) => unknown) | undefined;
  weight: ((record: R) => unknown) | undefined;
  detractorMax: number;
  promoterMin: number;
  level: number;
  interval: NpsIntervalMethod;
  onInvalid: OnInvalid;
}

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
  const settings = npsSettings(options);
  return {
    kind: KIND,
    empty: (): NpsState => emptyNpsState(settings),
    add: (state: NpsState, record: R, index?: number): NpsState => addAnswer(settings, state, record, index),
    merge: mergeNpsStates,
    result: (state: NpsState): NpsResult => npsResultOf(settings, state),
    fromJSON: (json: unknown): NpsState => readNpsState(json, emptyNpsState(settings).options),
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
 * Arrays without weights are counted in a local typed array (bytes through a 256-bin histogram); anything that is
 * not an answer 0-10 goes through the aggregator's `add` with its index, so results, missing and invalid answers
 * and error positions are exactly those of {@link npsAggregator}.
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
export function nps<R = number>(values: Iterable<R>, options: NpsOptions<R> = {}): NpsResult {
  const settings = npsSettings(options);
  let state = emptyNpsState(settings);
  if (settings.weight === undefined && isArrayLike(values)) {
    const read = settings.value;
    // `add` sees the value already read, so the accessor runs once per record.
    const raw: NpsSettings<unknown> = { ...settings, value: undefined, weight: undefined };
    const bins = new Float64Array(11);
    if (read !== undefined) {
      const records = values as ArrayLike<R>;
      for (let i = 0, len = records.length; i < len; i++) {
        const v = read(records[i]!);
        const k = typeof v === "number" ? v | 0 : -1;
        if (k === v && k >>> 0 <= 10) bins[k]! += 1;
        else state = addAnswer(raw, state, v, i);
      }
    } else if (values instanceof Uint8Array || values instanceof Uint8ClampedArray) {
      state = countBytes(raw, state, values);
    } else {
      // k === v && k >>> 0 <= 10 accepts exactly the numbers 0-10 that are integers (and -0), nothing else;
      // `typeof` first, because `v | 0` throws on a bigint (BigInt64Array, or [9n]) or a symbol.
      for (let i = 0, len = values.length; i < len; i++) {
        const v: unknown = values[i];
        const k = typeof v === "number" ? v | 0 : -1;
        if (k === v && k >>> 0 <= 10) bins[k]! += 1;
        else state = addAnswer(raw, state, v, i);
      }
    }
    for (let v = 0; v <= 10; v++) state.counts[v]! += bins[v]!;
    return npsResultOf(settings, state);
  }
  let i = 0;
  for (const r of values as Iterable<R>) state = addAnswer(settings, state, r, i++);
  return npsResultOf(settings, state);
}

/**
 * Bytes: a branch-free 256-bin histogram, then the bytes 11-255 (invalid answers) through `add` in index order.
 * A Uint8ClampedArray is read through a Uint8Array view, so the counting loop sees one array type.
 */
function countBytes(settings: NpsSettings<unknown>, state: NpsState, values: Uint8Array | Uint8ClampedArray): NpsState {
  const len = values.length;
  const bytes = new Uint8Array(values.buffer, values.byteOffset, len);
  const bins = new Int32Array(256);
  for (let i = 0; i < len; i++) bins[bytes[i]!]! += 1;
  for (let v = 0; v <= 10; v++) state.counts[v]! += bins[v]!;
  if (bins.subarray(11).some((c) => c > 0)) {
    for (let i = 0; i < len; i++) if (bytes[i]! > 10) state = addAnswer(settings, state, bytes[i], i);
  }
  return state;
}

function npsSettings<R>(options: NpsOptions<R>): NpsSettings<R> {
  return {
    value: checkAccessor(KIND, "value", options.value),
    weight: checkAccessor(KIND, "weight", options.weight),
    ...checkBands(options.bands),
    level: checkLevel(KIND, options.level),
    interval: checkInterval(options.interval),
    onInvalid: checkOnInvalid(KIND, options.onInvalid),
  };
}

function emptyNpsState({ detractorMax, promoterMin, weight }: NpsSettings<never>): NpsState {
  const weighted = weight !== undefined;
  return {
    v: 1,
    kind: KIND,
    options: { detractorMax, promoterMin, weighted },
    counts: new Array<number>(11).fill(0),
    weights: weighted ? { perPoint: Array.from({ length: 11 }, (): CompensatedSum => [0, 0]), squares: [0, 0] } : null,
    missing: 0,
    invalid: emptyInvalidLog(),
  };
}

/** The aggregator's `add`: count one answer (and its weight), or count it as missing, or reject it. */
function addAnswer<R>(settings: NpsSettings<R>, state: NpsState, record: R, index: number | undefined): NpsState {
  const { value, weight } = settings;
  const v = value === undefined ? record : value(record);
  if (typeof v === "number" && v >= 0 && v <= 10 && Number.isInteger(v)) {
    if (weight === undefined) {
      state.counts[v]! += 1;
      return state;
    }
    const w = weight(record);
    if (typeof w !== "number" || !(w === 0 || (w >= MIN_WEIGHT && w <= MAX_WEIGHT))) {
      return reject(settings, state, index, "weight", w, "expected 0 or a number from 1e-150 to 1e150 (its square must stay a finite, non-zero double)");
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
  return reject(settings, state, index, "score", v, "expected an integer from 0 to 10");
}

function reject(settings: NpsSettings<never>, state: NpsState, index: number | undefined, field: string, v: unknown, reason: string): NpsState {
  rejectRecord(state.invalid, settings.onInvalid, KIND, { index: index ?? seen(state), field, value: jsonSafeValue(v), reason });
  return state;
}

function mergeNpsStates(a: NpsState, b: NpsState): NpsState {
  checkSameOptions(a, b);
  const wa = a.weights;
  const wb = b.weights;
  return {
    v: 1,
    kind: KIND,
    options: { ...a.options },
    counts: a.counts.map((c, i) => c + b.counts[i]!),
    weights: wa && wb ? { perPoint: wa.perPoint.map((s, i) => mergeCompensated(s, wb.perPoint[i]!)), squares: mergeCompensated(wa.squares, wb.squares) } : null,
    missing: a.missing + b.missing,
    invalid: mergeInvalidLogs(a.invalid, b.invalid),
  };
}

function npsResultOf({ level, interval, onInvalid }: NpsSettings<never>, state: NpsState): NpsResult {
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
  // total * (total / squares), not total^2 / squares: weights up to 1e150 must not overflow
  const effectiveN = n === 0 || !(total > 0) ? 0 : state.weights ? total * (total / squares) : n;
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
    ci: shares ? npsInterval(shares, effectiveN, level, interval) : null,
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

function isArrayLike(values: unknown): values is ArrayLike<unknown> {
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

/**
 * Weights read from JSON must be ones `add` could have made: no negative sums, no weight on a point without
 * answers, and sum w^2 consistent with 1 <= n_eff = (sum w)^2 / sum w^2 <= n (Cauchy-Schwarz).
 */
function checkWeights(counts: number[], weights: NonNullable<NpsState["weights"]>): void {
  let total = 0;
  let n = 0;
  weights.perPoint.forEach((sum, i) => {
    const w = compensatedValue(sum);
    if (!(w >= 0) || (counts[i] === 0 && w !== 0)) fail(KIND, `weights.perPoint[${i}]`, `is ${w} for ${counts[i]} answers, expected 0 without answers and a sum >= 0 otherwise`);
    total += w;
    n += counts[i]!;
  });
  const squares = compensatedValue(weights.squares);
  const nEff = total > 0 ? total * (total / squares) : 0;
  if (!(squares >= 0) || (total > 0 && !(nEff >= 1 - 1e-9 && nEff <= n * (1 + 1e-9)))) {
    fail(KIND, "weights.squares", `is ${squares}, which does not fit the weights (n_eff = ${nEff}, expected 1 to ${n})`);
  }
}

function readCompensated(kind: string, field: string, v: unknown): CompensatedSum {
  return expectList(kind, field, v, 2, expectFinite) as CompensatedSum;
}

/** Validate a parsed JSON value as an NPS state built with the options `own` (the reading aggregator's). */
function readNpsState(json: unknown, own: NpsState["options"]): NpsState {
  const o = expectHeader(KIND, json);
  const opts = expectObject(KIND, "options", o["options"]);
  const { detractorMax, promoterMin, weighted } = own;
  if (opts["detractorMax"] !== detractorMax || opts["promoterMin"] !== promoterMin || opts["weighted"] !== weighted) {
    fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(own)}`);
  }
  let weights: NpsState["weights"] = null;
  if (weighted) {
    const w = expectObject(KIND, "weights", o["weights"]);
    weights = { perPoint: expectList(KIND, "weights.perPoint", w["perPoint"], 11, readCompensated), squares: readCompensated(KIND, "weights.squares", w["squares"]) };
  } else if (o["weights"] !== null) {
    fail(KIND, "weights", "must be null for an unweighted state");
  }
  const counts = expectCounts(KIND, "counts", o["counts"], 11);
  if (weights) checkWeights(counts, weights);
  return {
    v: 1,
    kind: KIND,
    options: { detractorMax, promoterMin, weighted },
    counts,
    weights,
    missing: expectCount(KIND, "missing", o["missing"]),
    invalid: readInvalidLog(KIND, o["invalid"]),
  };
}
