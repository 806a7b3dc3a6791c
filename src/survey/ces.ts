import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { InvalidOptionError } from "../errors.ts";
import { checkAccessor, checkLevel, checkOnInvalid, checkScale } from "../_lib/checkOptions.ts";
import { invalidSummary, type InvalidSummary } from "../_lib/invalidLog.ts";
import { fail } from "../_lib/stateChecks.ts";
import { tForLevel } from "../stats/tForLevel.ts";
import { wilsonInterval, type ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { npsInterval } from "./npsInterval.ts";
import { addScaleAnswer, emptyScaleCounts, mergeScaleCounts, readScaleCounts, scaleMoments, type ScaleCountsState, type ScaleReader } from "./scaleCounts.ts";
import { sameJson } from "../_lib/sameJson.ts";

/** An inclusive range of scale points. */
export interface PointRange {
  min: number;
  max: number;
}

/** Options of {@link ces} and {@link cesAggregator}. */
export interface CesOptions<R = number> {
  /** Reads the answer from a record. Default: the record itself is the answer. */
  value?: (record: R) => unknown;
  /** Integer answer scale. Default `{ min: 1, max: 7 }`. */
  scale?: { min: number; max: number };
  /** `"higher-is-easier"` (default: 7 = very easy) or `"lower-is-easier"` (1 = very easy). */
  direction?: "higher-is-easier" | "lower-is-easier";
  /** Answers counted as easy. Default: the points on the easy side of the midpoint (5-7 of 1-7). */
  easy?: PointRange;
  /** Answers counted as difficult. Default: the points on the difficult side of the midpoint (1-3 of 1-7). */
  difficult?: PointRange;
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
  /** `"throw"` (default) stops at the first invalid answer; `"count"` counts it in `invalid` and goes on. */
  onInvalid?: OnInvalid;
}

/** The options a CES state is built with. */
export interface CesStateOptions {
  scale: { min: number; max: number };
  direction: "higher-is-easier" | "lower-is-easier";
  easy: PointRange;
  difficult: PointRange;
}

/** The aggregator state of CES: counts per scale point. */
export type CesState = ScaleCountsState<"ces", CesStateOptions>;

/** A share of answers with its Wilson interval, in percent. */
export interface ShareWithInterval {
  count: number;
  /** Percentage 0..100; `null` when n = 0. */
  share: number | null;
  ci: ConfidenceInterval | null;
}

/** The result of {@link ces}: plain JSON, the same fields every time. */
export interface CesResult {
  metric: "ces";
  /** The mean answer on the scale; `null` when there is no valid answer. */
  score: number | null;
  n: number;
  /** Sample standard deviation; `null` when n < 2. */
  standardDeviation: number | null;
  /** Standard error of the mean, sd / sqrt(n); `null` when n < 2. */
  standardError: number | null;
  /** Student-t interval of the mean with n - 1 degrees of freedom, clipped to the scale; `null` when n < 2. */
  ci: ConfidenceInterval | null;
  easy: ShareWithInterval;
  difficult: ShareWithInterval;
  /** easy % - difficult %, in points -100..100; `null` when n = 0. */
  netEasy: number | null;
  /** Adjusted-Wald interval of netEasy (as for NPS); `null` when n = 0. */
  netEasyCi: ConfidenceInterval | null;
  /** Answers per scale point, keyed by the point. */
  distribution: Record<string, number>;
  scale: { min: number; max: number };
  direction: "higher-is-easier" | "lower-is-easier";
  missing: number;
  invalid: InvalidSummary;
}

const KIND = "ces";

/**
 * The streaming form of {@link ces}; its state is versioned plain JSON (counts per scale point).
 *
 * @example
 * const agg = cesAggregator();
 * agg.result([7, 6, 2].reduce((s, v) => agg.add(s, v), agg.empty())).score // => 5
 * @see ces
 */
export function cesAggregator<R = number>(options: CesOptions<R> = {}): Aggregator<R, CesState, CesResult> {
  const value = checkAccessor(KIND, "value", options.value);
  const level = checkLevel(KIND, options.level);
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const stateOptions = checkCesOptions(options);
  const { scale, easy, difficult } = stateOptions;
  const points = scale.max - scale.min + 1;
  const reader: ScaleReader = {
    pointOf: (v) => (typeof v === "number" && Number.isInteger(v) && v >= scale.min && v <= scale.max ? v - scale.min : -1),
    expected: `expected an integer from ${scale.min} to ${scale.max}`,
  };
  return {
    kind: KIND,
    empty: (): CesState => emptyScaleCounts(KIND, copyOptions(stateOptions), points),
    add: (state: CesState, record: R, index?: number): CesState =>
      addScaleAnswer(state, value === undefined ? record : value(record), index, reader, onInvalid),
    merge: mergeScaleCounts,
    result(state: CesState): CesResult {
      const { n, mean, sd } = scaleMoments(state.counts, scale.min);
      const countIn = (r: PointRange): number => {
        let c = 0;
        for (let v = r.min; v <= r.max; v++) c += state.counts[v - scale.min]!;
        return c;
      };
      const share = (count: number): ShareWithInterval => {
        const ci = wilsonInterval(count, n, level);
        return { count, share: n > 0 ? (100 * count) / n : null, ci: ci && { lower: 100 * ci.lower, upper: 100 * ci.upper, level, method: "wilson" } };
      };
      const e = countIn(easy);
      const d = countIn(difficult);
      const se = sd !== null ? sd / Math.sqrt(n) : null;
      const t = se !== null ? tForLevel(level, n - 1) : 0;
      const distribution: Record<string, number> = {};
      state.counts.forEach((c, i) => (distribution[String(scale.min + i)] = c));
      return {
        metric: "ces",
        score: mean,
        n,
        standardDeviation: sd,
        standardError: se,
        ci: se !== null && mean !== null ? { lower: Math.max(scale.min, mean - t * se), upper: Math.min(scale.max, mean + t * se), level, method: "student-t" } : null,
        easy: share(e),
        difficult: share(d),
        netEasy: n > 0 ? (100 * (e - d)) / n : null,
        netEasyCi: n > 0 ? npsInterval({ promoters: e / n, passives: (n - e - d) / n, detractors: d / n }, n, level, "adjusted-wald") : null,
        distribution,
        scale: { ...scale },
        direction: stateOptions.direction,
        missing: state.missing,
        invalid: invalidSummary(state.invalid, onInvalid),
      };
    },
    fromJSON: (json: unknown): CesState =>
      readScaleCounts(KIND, json, points, (raw) => {
        if (!sameJson(raw, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(raw)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
        return copyOptions(stateOptions);
      }),
  };
}

/**
 * Customer Effort Score: the mean answer to "how easy was it...", with the shares of easy and difficult answers.
 *
 *   CES      = mean answer = sum x / n, on the answer scale (default 1 = very difficult .. 7 = very easy)
 *   interval = mean +- t(1 - (1 - level) / 2, n - 1) * sd / sqrt(n)       (Student t, clipped to the scale)
 *   easy %   = 100 * answers in `easy` / n (default 5-7 of 7); difficult % likewise (1-3 of 7), Wilson intervals
 *   net easy = easy % - difficult %, with an adjusted-Wald interval as for NPS
 * With `direction: "lower-is-easier"` the default easy and difficult ranges swap sides; the mean stays on the raw scale.
 * O(n) time, O(points) memory. Missing answers are counted; invalid ones throw unless `onInvalid: "count"`.
 * Empty input gives `score: null`; one answer gives a score but `ci: null` (no variance estimate).
 *
 * @param values answers, or records read through `options.value`
 * @param options see {@link CesOptions}
 * @returns mean, interval, easy / difficult / net-easy shares, distribution, missing and invalid counts
 * @example
 * ces([7, 6, 5, 2]).score // => 5
 * ces([7, 6, 5, 2]).easy.share // => 75
 * @see Dixon, M., Freeman, K., Toman, N. (2010). Stop trying to delight your customers. Harvard Business Review 88(7).
 * @see Gartner CES 2.0: 1-7 agreement scale "The company made it easy for me to handle my issue".
 */
export function ces<R = number>(values: Iterable<R>, options: CesOptions<R> = {}): CesResult {
  const agg = cesAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const r of values as Iterable<R>) state = agg.add(state, r, i++);
  return agg.result(state);
}

function checkCesOptions(options: Omit<CesOptions<never>, "value">): CesStateOptions {
  const scale = checkScale(KIND, options.scale ?? { min: 1, max: 7 });
  const direction = options.direction ?? "higher-is-easier";
  if (direction !== "higher-is-easier" && direction !== "lower-is-easier") {
    throw new InvalidOptionError(KIND, "direction", `is ${JSON.stringify(direction)}, expected "higher-is-easier" or "lower-is-easier"`);
  }
  const mid = (scale.min + scale.max) / 2;
  const high = { min: Math.floor(mid) + 1, max: scale.max };
  const low = { min: scale.min, max: Math.ceil(mid) - 1 };
  const easy = checkRange("easy", options.easy ?? (direction === "higher-is-easier" ? high : low), scale);
  const difficult = checkRange("difficult", options.difficult ?? (direction === "higher-is-easier" ? low : high), scale);
  if (easy.min <= difficult.max && difficult.min <= easy.max) {
    throw new InvalidOptionError(KIND, "easy", `${JSON.stringify(easy)} overlaps difficult ${JSON.stringify(difficult)}`);
  }
  return { scale, direction, easy, difficult };
}

function checkRange(name: string, r: PointRange, scale: { min: number; max: number }): PointRange {
  if (!Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min > r.max || r.min < scale.min || r.max > scale.max) {
    throw new InvalidOptionError(KIND, name, `is ${JSON.stringify(r)}, expected integers { min, max } inside the scale ${scale.min}..${scale.max}`);
  }
  return { min: r.min, max: r.max };
}

function copyOptions(o: CesStateOptions): CesStateOptions {
  return { scale: { ...o.scale }, direction: o.direction, easy: { ...o.easy }, difficult: { ...o.difficult } };
}
