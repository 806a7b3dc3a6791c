import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { InvalidOptionError } from "../errors.ts";
import { checkAccessor, checkLevel, checkOnInvalid, checkScale } from "../_lib/checkOptions.ts";
import { invalidSummary, type InvalidSummary } from "../_lib/invalidLog.ts";
import { fail } from "../_lib/stateChecks.ts";
import { wilsonInterval, type ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { addScaleAnswer, emptyScaleCounts, mergeScaleCounts, readScaleCounts, scaleMoments, type ScaleCountsState, type ScaleReader } from "./scaleCounts.ts";
import { sameJson } from "../_lib/sameJson.ts";

/** Options of {@link csat} and {@link csatAggregator}. */
export interface CsatOptions<R = number> {
  /** Reads the answer from a record. Default: the record itself is the answer. */
  value?: (record: R) => unknown;
  /**
   * The answer scale: integers `{ min, max }` (default `{ min: 1, max: 5 }`; 7-point is `{ min: 1, max: 7 }`), or
   * `"binary"` for yes/no answers (`true`/`false`, `"yes"`/`"no"` in any case, or `1`/`0`).
   */
  scale?: { min: number; max: number } | "binary";
  /** Lowest answer counted as satisfied. Default: top-two box, `max - 1`. Not used for binary scales. */
  satisfiedMin?: number;
  /** Confidence level of the Wilson interval. Default 0.95. */
  level?: number;
  /** `"throw"` (default) stops at the first invalid answer; `"count"` counts it in `invalid` and goes on. */
  onInvalid?: OnInvalid;
}

/** The options a CSAT state is built with. */
export interface CsatStateOptions {
  scale: { min: number; max: number } | "binary";
  /** Lowest satisfied answer; for binary scales 1 (yes). */
  satisfiedMin: number;
}

/** The aggregator state of CSAT: counts per scale point (binary: [no, yes]). */
export type CsatState = ScaleCountsState<"csat", CsatStateOptions>;

/** The result of {@link csat}: plain JSON, the same fields every time. */
export interface CsatResult {
  metric: "csat";
  /** Percentage of satisfied answers, 0..100; `null` when there is no valid answer. */
  score: number | null;
  /** Valid answers. */
  n: number;
  /** Satisfied answers. */
  satisfied: number;
  /** Mean answer on the scale; for binary scales the share of yes as a fraction; `null` when n = 0. */
  mean: number | null;
  /** Sample standard deviation of the answers; `null` when n < 2. */
  standardDeviation: number | null;
  /** Wilson score interval of the percentage, in points 0..100; `null` when n = 0. */
  ci: ConfidenceInterval | null;
  /** Answers per scale point, keyed by the point (`"1"`..`"5"`, or `"no"`/`"yes"`). */
  distribution: Record<string, number>;
  scale: { min: number; max: number } | "binary";
  satisfiedMin: number;
  /** Answers that were null, undefined or NaN. */
  missing: number;
  /** Invalid answers: `null` unless `onInvalid: "count"` was asked for or some were counted. */
  invalid: InvalidSummary;
}

const KIND = "csat";

/**
 * The streaming form of {@link csat}; its state is versioned plain JSON (counts per scale point).
 *
 * @example
 * const agg = csatAggregator();
 * agg.result([5, 4, 2].reduce((s, v) => agg.add(s, v), agg.empty())).score // => 66.66...
 * @see csat
 */
export function csatAggregator<R = number>(options: CsatOptions<R> = {}): Aggregator<R, CsatState, CsatResult> {
  const value = checkAccessor(KIND, "value", options.value);
  const level = checkLevel(KIND, options.level);
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const stateOptions = checkCsatOptions(options);
  const { scale, satisfiedMin } = stateOptions;
  const min = scale === "binary" ? 0 : scale.min;
  const points = scale === "binary" ? 2 : scale.max - scale.min + 1;
  const reader: ScaleReader =
    scale === "binary"
      ? { pointOf: binaryPoint, expected: 'expected yes or no (true/false, "yes"/"no", 1/0)' }
      : {
          pointOf: (v) => (typeof v === "number" && Number.isInteger(v) && v >= scale.min && v <= scale.max ? v - scale.min : -1),
          expected: `expected an integer from ${scale.min} to ${scale.max}`,
        };
  return {
    kind: KIND,
    empty: (): CsatState => emptyScaleCounts(KIND, copyOptions(stateOptions), points),
    add: (state: CsatState, record: R, index?: number): CsatState =>
      addScaleAnswer(state, value === undefined ? record : value(record), index, reader, onInvalid),
    merge: mergeScaleCounts,
    result(state: CsatState): CsatResult {
      const { n, mean, sd } = scaleMoments(state.counts, min);
      let satisfied = 0;
      for (let i = satisfiedMin - min; i < points; i++) satisfied += state.counts[i]!;
      const ci = wilsonInterval(satisfied, n, level);
      const distribution: Record<string, number> = {};
      state.counts.forEach((c, i) => (distribution[scale === "binary" ? (i === 1 ? "yes" : "no") : String(min + i)] = c));
      return {
        metric: "csat",
        score: n > 0 ? (100 * satisfied) / n : null,
        n,
        satisfied,
        mean,
        standardDeviation: sd,
        ci: ci && { lower: 100 * ci.lower, upper: 100 * ci.upper, level, method: "wilson" },
        distribution,
        scale: copyOptions(stateOptions).scale,
        satisfiedMin,
        missing: state.missing,
        invalid: invalidSummary(state.invalid, onInvalid),
      };
    },
    fromJSON: (json: unknown): CsatState =>
      readScaleCounts(KIND, json, points, (raw) => {
        if (!sameJson(raw, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(raw)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
        return copyOptions(stateOptions);
      }),
  };
}

/**
 * Customer Satisfaction score: the percentage of satisfied answers (top-two box by default).
 *
 *   CSAT = 100 * satisfied / n      satisfied = answers >= satisfiedMin (default max - 1: 4-5 of 5, 6-7 of 7)
 *   binary scales: satisfied = yes
 *   interval: Wilson score interval of satisfied / n, times 100
 *
 * Also the mean answer, its standard deviation and the count per scale point. O(n) time, O(points) memory.
 * Missing answers (null, undefined, NaN) are counted, never scored; an invalid answer (6 on a 5-point scale,
 * 4.5, "4") throws InvalidRecordError unless `onInvalid: "count"`. Empty input gives `score: null`, `ci: null`.
 *
 * @param values answers, or records read through `options.value`
 * @param options see {@link CsatOptions}
 * @returns score, counts, mean, interval, distribution, missing and invalid counts
 * @example
 * csat([5, 4, 3, 2, 5]).score // => 60
 * csat(["yes", "no", "yes", "yes"], { scale: "binary" }).score // => 75
 * @see Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. JASA 22(158).
 * @see ACSI and industry usage of "top-two box" CSAT, e.g. Zendesk, "What is CSAT" (satisfied = 4-5 of 5).
 */
export function csat<R = number>(values: Iterable<R>, options: CsatOptions<R> = {}): CsatResult {
  const agg = csatAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const r of values as Iterable<R>) state = agg.add(state, r, i++);
  return agg.result(state);
}

function checkCsatOptions(options: Omit<CsatOptions<never>, "value">): CsatStateOptions {
  if (options.scale === "binary") {
    if (options.satisfiedMin !== undefined) throw new InvalidOptionError(KIND, "satisfiedMin", "has no meaning on a binary scale: yes is satisfied");
    return { scale: "binary", satisfiedMin: 1 };
  }
  const scale = checkScale(KIND, options.scale ?? { min: 1, max: 5 });
  const satisfiedMin = options.satisfiedMin ?? scale.max - 1;
  if (!Number.isInteger(satisfiedMin) || satisfiedMin <= scale.min || satisfiedMin > scale.max) {
    throw new InvalidOptionError(KIND, "satisfiedMin", `is ${JSON.stringify(satisfiedMin)}, expected an integer from ${scale.min + 1} to ${scale.max}`);
  }
  return { scale, satisfiedMin };
}

function binaryPoint(v: unknown): number {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  if (typeof v === "string") {
    const s = v.toLowerCase();
    if (s === "yes") return 1;
    if (s === "no") return 0;
  }
  return -1;
}

function copyOptions(o: CsatStateOptions): CsatStateOptions {
  return { scale: o.scale === "binary" ? "binary" : { ...o.scale }, satisfiedMin: o.satisfiedMin };
}
