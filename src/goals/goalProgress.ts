import { linearRegression, rSquared } from "simple-statistics";
import type { BreakdownResult, KeyValue } from "../aggregate/breakdown.ts";
import type { ComparedBreakdown } from "../survey/comparePeriods.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";
import { InvalidOptionError, InvalidRecordError, jsonSafeValue } from "../errors.ts";
import { checkLevel } from "../_lib/checkOptions.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { studentTUpperTail } from "../stats/studentTUpperTail.ts";
import { tForLevel } from "../stats/tForLevel.ts";

/** One observation of a goal's metric: a score at an instant (e.g. a period's CSAT at the period's midpoint). */
export interface GoalPoint {
  /** The period's label, if any (`"2025-03"`). */
  period?: string | null;
  /** When the score holds: a Date, epoch milliseconds or an ISO 8601 string (no offset: read in `timeZone`). */
  at: unknown;
  /** The score; null (or undefined, NaN) when the period had no data: kept in `points`, counted in `missing`. */
  score: number | null;
  /** Answers behind the score (not used by the fit, which weights every period alike). */
  n?: number;
}

/** A result with a score, as a breakdown row carries it (NPS, CSAT, CES, ...). */
export interface ScoredResult {
  score: number | null;
}

/** The input of {@link goalProgress}. */
export interface GoalProgressInput<R extends ScoredResult = ScoredResult> {
  /** The metric over time: a breakdown (or compared breakdown) with a `period`, or points. */
  series: BreakdownResult<R> | ComparedBreakdown<R> | readonly GoalPoint[];
  /** Where the goal started (e.g. the first month's CSAT). */
  baseline: number;
  /** Where it should be by the deadline; above the baseline for a rise, below it for a fall (CES lower-is-easier, churn). */
  target: number;
  /** The deadline: a Date, epoch milliseconds or an ISO 8601 string; not before the first point. */
  deadline: unknown;
  /** Which key of the breakdown (e.g. `{ channel: "chat" }`): required when the breakdown has several. */
  key?: Record<string, KeyValue>;
  /** Confidence level of the projection's interval. Default 0.95. */
  level?: number;
  /** IANA zone for instants written without an offset. Default "UTC". */
  timeZone?: string;
}

/** The least-squares line through the scored points, x in days since the first point. */
export interface GoalTrend {
  /** Change of the score per day. */
  slopePerDay: number;
  /** The line's value at the first point (`points[0].at`). */
  intercept: number;
  /** 1 - SSres / SStot; null when every score is equal (SStot = 0). */
  rSquared: number | null;
  /** Scored points in the fit. */
  n: number;
  /** sqrt(SSres / (n - 2)); null under 3 scored points. */
  residualStandardError: number | null;
}

/** The trend line at the deadline. */
export interface GoalProjection {
  /** The deadline (ISO 8601, UTC). */
  at: string;
  /** The line's value at the deadline. */
  value: number;
  /** Confidence interval of the line (the mean response) at the deadline; null under 3 scored points. */
  ci: ConfidenceInterval | null;
  /** P(the line at the deadline is through the target) under the t distribution of the fit; null without ci. */
  probability: number | null;
  /** The projected value is through the target (>= for a rise, <= for a fall). */
  reachesTarget: boolean;
}

/** The result of {@link goalProgress}: plain JSON. */
export interface GoalProgress {
  metric: "goal-progress";
  baseline: number;
  target: number;
  /** sign(target - baseline): "increase" when the target is above the baseline. */
  direction: "increase" | "decrease";
  /** The deadline (ISO 8601, UTC). */
  deadline: string;
  level: number;
  /** Every point in time order, null scores included. */
  points: { period: string | null; at: string; score: number | null }[];
  /** Points without a score: in `points`, not in the fit. */
  missing: number;
  /** The latest point with a score; null when none has one. */
  current: { period: string | null; at: string; score: number } | null;
  /** (current - baseline) / (target - baseline): 0 at the baseline, 1 at the target; null without a current score. */
  progress: number | null;
  /** The current score is through the target. */
  achieved: boolean;
  /** The least-squares trend; null under 2 scored points (or when they all share one instant). */
  trend: GoalTrend | null;
  /** The trend at the deadline; null without a trend. */
  projection: GoalProjection | null;
  /**
   * "achieved" when the current score is through the target; else "insufficient-data" under 3 scored points;
   * else "on-track" when the whole interval at the deadline is through the target, "off-track" when none of it
   * is, "uncertain" when it straddles the target.
   */
  status: "achieved" | "on-track" | "off-track" | "uncertain" | "insufficient-data";
}

const NAME = "goalProgress";
const DAY = 86_400_000;

/**
 * Progress toward a goal on a metric series (a SMART goal: raise CSAT from 60 to 70 by the end of Q3), and whether
 * the current trend reaches the target by the deadline.
 *
 *   direction  = sign(target - baseline)
 *   progress   = (current - baseline) / (target - baseline)          (current = the latest scored point)
 *   x_i        = days from the first point to point i;  y_i its score (scored points only)
 *   slope, intercept: ordinary least squares of y on x (simple-statistics linearRegression), R^2 = 1 - SSres/SStot
 *   s          = sqrt(SSres / (n - 2))
 *   at the deadline x0:  yhat = intercept + slope * x0
 *     ci       = yhat +- t(1 - (1 - level) / 2; n - 2) * s * sqrt(1/n + (x0 - xbar)^2 / Sxx)
 *     probability = P(T_{n-2} >= (target - yhat) / se0) for a rise (<= for a fall), se0 = the ci's half-width / t
 * The interval is the trend line's (where the mean score is heading), not a prediction interval for one period.
 *
 * Breakdown rows are placed at their period's midpoint ((periodStart + periodEnd) / 2). Null scores are kept in
 * `points` and counted in `missing`, never read as zero. Under 2 scored points there is no trend; under 3 no
 * interval (status "insufficient-data" unless the target is already reached). A deadline before the latest point
 * is allowed (the line is read back at it). O(points) time, after an O(points log points) sort.
 *
 * @param input the series, baseline, target, deadline and options
 * @returns the goal's progress, trend and projection
 * @throws InvalidOptionError for a target equal to the baseline, an unreadable deadline or one before the first
 *   point, a level outside (0, 1), a breakdown without a period, or a breakdown with several keys and no `key`
 * @throws InvalidRecordError for a point whose `at` cannot be read or whose score is not a number
 * @example
 * goalProgress({
 *   series: [{ at: "2025-01-16", score: 60 }, { at: "2025-02-15", score: 62 }, { at: "2025-03-16", score: 64 }],
 *   baseline: 60, target: 70, deadline: "2025-10-01",
 * }).status // => "on-track" (0.068 a day: the line reaches 77.5 [75.5, 79.4] on October 1)
 * @see Montgomery, Peck, Vining (2012). Introduction to Linear Regression Analysis, 5th ed., section 2.4.2
 *   (confidence interval on the mean response); R: predict(lm(y ~ x), newdata, interval = "confidence")
 */
export function goalProgress<R extends ScoredResult>(input: GoalProgressInput<R>): GoalProgress {
  if (typeof input !== "object" || input === null) throw new InvalidOptionError(NAME, "input", "is not an object with series, baseline, target and deadline");
  const { baseline, target } = input;
  if (typeof baseline !== "number" || !Number.isFinite(baseline)) throw new InvalidOptionError(NAME, "baseline", `is ${JSON.stringify(jsonSafeValue(baseline))}, expected a finite number`);
  if (typeof target !== "number" || !Number.isFinite(target)) throw new InvalidOptionError(NAME, "target", `is ${JSON.stringify(jsonSafeValue(target))}, expected a finite number`);
  if (target === baseline) throw new InvalidOptionError(NAME, "target", `is ${target}, the same as the baseline: a goal needs a target above the baseline (a rise) or below it (a fall)`);
  const level = checkLevel(NAME, input.level);
  const timeZone = checkTimeZone(NAME, "timeZone", input.timeZone ?? "UTC");
  const deadlineMs = parseInstant(input.deadline, timeZone);
  if (deadlineMs === null) throw new InvalidOptionError(NAME, "deadline", `is ${JSON.stringify(jsonSafeValue(input.deadline))}, expected a Date, epoch milliseconds or an ISO 8601 string, in years 1000 to 9999`);

  const raw = readSeries(input.series, input.key, timeZone);
  checkInScoreRange(input.series, baseline, target);
  const points = raw.map((p, i) => ({ ...p, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const first = points[0];
  if (first !== undefined && deadlineMs < first.at) {
    throw new InvalidOptionError(NAME, "deadline", `is ${new Date(deadlineMs).toISOString()}, before the first point (${new Date(first.at).toISOString()}): the deadline must come after the series starts`);
  }
  const increase = target > baseline;
  const through = (v: number): boolean => (increase ? v >= target : v <= target);

  const scored = points.filter((p): p is typeof p & { score: number } => p.score !== null);
  const last = scored[scored.length - 1];
  const current = last === undefined ? null : { period: last.period, at: iso(last.at), score: last.score };
  const achieved = current !== null && through(current.score);
  const fit = first === undefined ? null : fitLine(scored.map((p) => [(p.at - first.at) / DAY, p.score]));
  let projection: GoalProjection | null = null;
  if (fit !== null && first !== undefined) {
    const x0 = (deadlineMs - first.at) / DAY;
    const value = fit.intercept + fit.slope * x0;
    let ci: ConfidenceInterval | null = null;
    let probability: number | null = null;
    if (fit.s !== null) {
      const df = fit.n - 2;
      const se0 = fit.s * Math.sqrt(1 / fit.n + (x0 - fit.xbar) ** 2 / fit.sxx);
      const half = tForLevel(level, df) * se0;
      ci = { lower: value - half, upper: value + half, level, method: "ols-mean-response" };
      probability = se0 > 0 ? studentTUpperTail(((increase ? 1 : -1) * (target - value)) / se0, df) : through(value) ? 1 : 0;
    }
    projection = { at: iso(deadlineMs), value, ci, probability, reachesTarget: through(value) };
  }
  let status: GoalProgress["status"];
  if (achieved) status = "achieved";
  else if (projection === null || projection.ci === null) status = "insufficient-data";
  else {
    const { lower, upper } = projection.ci;
    status = through(lower) && through(upper) ? "on-track" : !through(lower) && !through(upper) ? "off-track" : "uncertain";
  }
  return {
    metric: "goal-progress",
    baseline,
    target,
    direction: increase ? "increase" : "decrease",
    deadline: iso(deadlineMs),
    level,
    points: points.map((p) => ({ period: p.period, at: iso(p.at), score: p.score })),
    missing: points.length - scored.length,
    current,
    progress: current === null ? null : (current.score - baseline) / (target - baseline),
    achieved,
    trend:
      fit === null
        ? null
        : { slopePerDay: fit.slope, intercept: fit.intercept, rSquared: fit.rSquared, n: fit.n, residualStandardError: fit.s },
    projection,
    status,
  };
}

interface Point {
  period: string | null;
  at: number;
  score: number | null;
}

/**
 * Baseline and target must be on the series' own scale when the breakdown says which metric it holds: CSAT is a
 * percentage 0..100, NPS points -100..100, CES its answer scale. (A fraction such as 0.6 is still a valid CSAT: only
 * values off the scale can be refused.)
 */
function checkInScoreRange(series: unknown, baseline: number, target: number): void {
  const first = (series as { rows?: { result?: { metric?: unknown; scale?: unknown } }[] } | null)?.rows?.[0]?.result;
  if (Array.isArray(series) || first === undefined) return;
  const scale = first.scale as { min?: unknown; max?: unknown } | undefined;
  const range: [number, number, string] | null =
    first.metric === "csat" ? [0, 100, "CSAT scores are percentages 0..100"]
    : first.metric === "nps" ? [-100, 100, "NPS scores are points -100..100"]
    : first.metric === "ces" && typeof scale?.min === "number" && typeof scale.max === "number" ? [scale.min, scale.max, `CES scores are means on the answer scale ${scale.min}..${scale.max}`]
    : null;
  if (range === null) return;
  for (const [name, v] of [["baseline", baseline], ["target", target]] as const) {
    if (v < range[0] || v > range[1]) throw new InvalidOptionError(NAME, name, `is ${v}, outside the series' scale: ${range[2]}`);
  }
}

/** The points of a breakdown (one key, rows at their period's midpoint) or of a point array, validated. */
function readSeries(series: unknown, key: Record<string, KeyValue> | undefined, timeZone: string): Point[] {
  if (Array.isArray(series)) {
    if (key !== undefined) throw new InvalidOptionError(NAME, "key", "selects a key of a breakdown; the series is an array of points");
    return series.map((p: unknown, index) => readPoint(p, index, timeZone));
  }
  if (typeof series !== "object" || series === null || !Array.isArray((series as { rows?: unknown }).rows)) {
    throw new InvalidOptionError(NAME, "series", "is neither a breakdown result (with rows) nor an array of points { at, score }");
  }
  const b = series as BreakdownResult<ScoredResult>;
  if (b.period === null || b.period === undefined) {
    throw new InvalidOptionError(NAME, "series", "is a breakdown without a period: a goal needs the metric over time (breakdown with period: { at, unit })");
  }
  const by = Array.isArray(b.by) ? b.by : [];
  const keyId = (k: Record<string, KeyValue>): string => JSON.stringify(by.map((name) => k[name] ?? null));
  let rows = b.rows;
  if (key === undefined) {
    const keys = new Set(rows.map((r) => keyId(r.key)));
    if (keys.size > 1) {
      throw new InvalidOptionError(NAME, "key", `is missing: the breakdown has ${keys.size} keys (${by.join(", ")}); name one, e.g. key: ${JSON.stringify(rows[0]!.key)}`);
    }
  } else {
    if (typeof key !== "object" || key === null) throw new InvalidOptionError(NAME, "key", `is ${JSON.stringify(jsonSafeValue(key))}, expected an object of key values such as { channel: "chat" }`);
    const names = Object.keys(key);
    const wrong = names.filter((n) => !by.includes(n));
    const absent = by.filter((n) => !names.includes(n));
    if (wrong.length > 0 || absent.length > 0) {
      throw new InvalidOptionError(NAME, "key", `is ${JSON.stringify(key)}, expected a value for each key of the breakdown (${by.join(", ") || "none"}) and no other`);
    }
    const id = keyId(key);
    rows = rows.filter((r) => keyId(r.key) === id);
    if (rows.length === 0 && b.rows.length > 0) throw new InvalidOptionError(NAME, "key", `is ${JSON.stringify(key)}, which no row of the breakdown has`);
  }
  return rows.map((r, index) => {
    const start = parseInstant(r.periodStart, "UTC");
    const end = parseInstant(r.periodEnd, "UTC");
    if (start === null || end === null) {
      throw new InvalidRecordError(NAME, { index, field: "periodStart", value: jsonSafeValue(r.periodStart), reason: "expected the row's period bounds as ISO 8601 instants" });
    }
    return { period: r.period ?? null, at: start + (end - start) / 2, score: readScore(r.result?.score, index, "result.score") };
  });
}

function readPoint(p: unknown, index: number, timeZone: string): Point {
  if (typeof p !== "object" || p === null) throw new InvalidRecordError(NAME, { index, field: "point", value: jsonSafeValue(p), reason: "expected an object { at, score }" });
  const { at, score, period } = p as GoalPoint;
  const ms = parseInstant(at, timeZone);
  if (ms === null) throw new InvalidRecordError(NAME, { index, field: "at", value: jsonSafeValue(at), reason: "expected a Date, epoch milliseconds or an ISO 8601 string, in years 1000 to 9999" });
  if (period !== undefined && period !== null && typeof period !== "string") throw new InvalidRecordError(NAME, { index, field: "period", value: jsonSafeValue(period), reason: "expected a string label or null" });
  return { period: period ?? null, at: ms, score: readScore(score, index, "score") };
}

/** A finite number, or null for a missing score (null, undefined, NaN); anything else is refused. */
function readScore(score: unknown, index: number, field: string): number | null {
  if (score === null || score === undefined || (typeof score === "number" && Number.isNaN(score))) return null;
  if (typeof score !== "number" || !Number.isFinite(score)) throw new InvalidRecordError(NAME, { index, field, value: jsonSafeValue(score), reason: "expected a finite number, or null for a period without data" });
  return score;
}

interface Fit {
  slope: number;
  intercept: number;
  rSquared: number | null;
  n: number;
  s: number | null;
  xbar: number;
  sxx: number;
}

/** OLS through (x, y); null under 2 points or when every x is the same. */
function fitLine(data: [number, number][]): Fit | null {
  const n = data.length;
  if (n < 2) return null;
  let xbar = 0;
  for (const [x] of data) xbar += x;
  xbar /= n;
  let sxx = 0;
  for (const [x] of data) sxx += (x - xbar) ** 2;
  if (!(sxx > 0)) return null;
  const { m, b } = linearRegression(data);
  const line = (x: number): number => b + m * x;
  let ssRes = 0;
  let ybar = 0;
  for (const [x, y] of data) {
    ssRes += (y - line(x)) ** 2;
    ybar += y;
  }
  ybar /= n;
  let ssTot = 0;
  for (const [, y] of data) ssTot += (y - ybar) ** 2;
  return {
    slope: m,
    intercept: b,
    rSquared: ssTot > 0 ? rSquared(data, line) : null,
    n,
    s: n > 2 ? Math.sqrt(ssRes / (n - 2)) : null,
    xbar,
    sxx,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
