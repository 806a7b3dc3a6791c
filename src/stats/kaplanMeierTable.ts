import { InvalidOptionError } from "../errors.ts";
import { zForLevel } from "./zForLevel.ts";

/** How the pointwise interval of a Kaplan-Meier curve is built (R `survfit`'s `conf.type`). */
export type KaplanMeierInterval = "log" | "log-log" | "plain";

/** Options of {@link kaplanMeierTable} and `kaplanMeier`. */
export interface KaplanMeierOptions {
  /** Confidence level of the pointwise intervals and of the median's interval (default 0.95). */
  level?: number;
  /** Interval on the log scale (default, as R), the log-log scale, or the plain scale. */
  interval?: KaplanMeierInterval;
}

/** A Kaplan-Meier curve with Greenwood intervals and its median. Plain JSON. */
export interface KaplanMeierResult {
  /** Observations: events + censored. */
  n: number;
  events: number;
  censored: number;
  level: number;
  interval: KaplanMeierInterval;
  /** Distinct times with at least one event or censoring, ascending. */
  times: number[];
  /** Observations still under study just before each time (time >= t). */
  atRisk: number[];
  eventsAt: number[];
  censoredAt: number[];
  /** S(t) just after each time. */
  survival: number[];
  /** Greenwood standard error of S(t); 0 once S(t) = 0 (R reports NaN there). */
  standardError: number[];
  /** Pointwise interval; null where it is undefined (S = 0; S = 1 on the log-log scale), as R's NA. */
  lower: (number | null)[];
  upper: (number | null)[];
  /** The first time S(t) <= 0.5 (midpoint of the flat stretch where S is exactly 0.5); null if never. */
  median: number | null;
  /** The times where the lower and the upper curve reach 0.5, by the same rule. */
  medianInterval: { lower: number | null; upper: number | null };
}

/** R's tolerance for "S is exactly 0.5" in `quantile.survfit`. */
const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * The Kaplan-Meier (product-limit) estimate from tabulated counts, following R's `survival::survfit` (DESIGN 6.7):
 * at tied times events come before censorings (a censored observation at t is still at risk at t).
 *
 *   n_i = sum of events and censorings at times >= t_i
 *   S(t_i) = prod_{j <= i} (1 - d_j / n_j)
 *   Greenwood: var(log S(t_i)) = sum_{j <= i} d_j / (n_j (n_j - d_j)),  se(S) = S sqrt(var)
 *   log:      S exp(-/+ z sqrt(var)), capped at 1
 *   log-log:  exp(-exp(log(-log S) +/- z sqrt(var) / |log S|))
 *   plain:    S -/+ z se(S), clipped to [0, 1]
 *   median:   first t with S(t) <= 0.5; where S = 0.5 exactly on a stretch, its midpoint (to the next drop, or to the
 *             last time observed when the curve ends at 0.5); the interval's ends are the same rule on the bounds.
 *
 * Counts may be non-integer (weights). O(k) in the number of distinct times.
 *
 * @example
 * kaplanMeierTable({ times: [1, 2, 3], events: [1, 1, 0], censored: [0, 0, 1] }).survival // => [0.6667, 0.3333, 0.3333]
 * @see Kaplan, E. L. and Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53(282).
 * @see Greenwood, M. (1926). The natural duration of cancer. Reports on Public Health and Medical Subjects 33.
 * @see Therneau, T. M. R package `survival`: `survfit.formula`, `quantile.survfit`.
 */
export function kaplanMeierTable(
  table: { times: ArrayLike<number>; events: ArrayLike<number>; censored: ArrayLike<number> },
  options: KaplanMeierOptions = {},
): KaplanMeierResult {
  const level = options.level ?? 0.95;
  const interval = options.interval ?? "log";
  if (!(level > 0 && level < 1)) throw new InvalidOptionError("kaplanMeier", "level", `is ${String(level)}, expected a number strictly between 0 and 1 (e.g. 0.95)`);
  if (interval !== "log" && interval !== "log-log" && interval !== "plain") {
    throw new InvalidOptionError("kaplanMeier", "interval", `is ${JSON.stringify(interval)}, expected "log", "log-log" or "plain"`);
  }
  const k = table.times.length;
  if (table.events.length !== k || table.censored.length !== k) {
    throw new InvalidOptionError("kaplanMeier", "table", "needs times, events and censored of the same length");
  }
  const times: number[] = [];
  const eventsAt: number[] = [];
  const censoredAt: number[] = [];
  for (let i = 0; i < k; i++) {
    const t = table.times[i] as number;
    const d = table.events[i] as number;
    const c = table.censored[i] as number;
    if (!Number.isFinite(t)) throw new InvalidOptionError("kaplanMeier", "table.times", `holds ${String(t)} at ${i}, expected finite numbers`);
    if (i > 0 && !(t > (table.times[i - 1] as number))) throw new InvalidOptionError("kaplanMeier", "table.times", `must be distinct and ascending (${t} at ${i} is not above the one before)`);
    if (!(d >= 0 && c >= 0 && Number.isFinite(d + c))) throw new InvalidOptionError("kaplanMeier", "table.events", `and table.censored must be finite and non-negative (at ${i}: ${d}, ${c})`);
    if (d + c === 0) continue;
    times.push(t);
    eventsAt.push(d);
    censoredAt.push(c);
  }

  const m = times.length;
  const atRisk = new Array<number>(m);
  let remaining = 0;
  for (let i = m - 1; i >= 0; i--) {
    remaining += (eventsAt[i] as number) + (censoredAt[i] as number);
    atRisk[i] = remaining;
  }
  const z = zForLevel(level);
  const survival: number[] = [];
  const standardError: number[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  let s = 1;
  let greenwood = 0;
  let events = 0;
  let censored = 0;
  for (let i = 0; i < m; i++) {
    const n = atRisk[i] as number;
    const d = eventsAt[i] as number;
    events += d;
    censored += censoredAt[i] as number;
    if (d > 0) {
      s = d >= n ? 0 : s * (1 - d / n);
      greenwood = d >= n ? Infinity : greenwood + d / (n * (n - d));
    }
    survival.push(s);
    standardError.push(s === 0 ? 0 : s * Math.sqrt(greenwood));
    const [lo, hi] = pointwise(s, Math.sqrt(greenwood), z, interval);
    lower.push(lo);
    upper.push(hi);
  }

  const last = m > 0 ? (times[m - 1] as number) : 0;
  return {
    n: events + censored,
    events,
    censored,
    level,
    interval,
    times,
    atRisk,
    eventsAt,
    censoredAt,
    survival,
    standardError,
    lower,
    upper,
    median: halfTime(times, survival, last),
    medianInterval: { lower: halfTime(times, lower, last), upper: halfTime(times, upper, last) },
  };
}

/** The pointwise interval at one time; sigma is the Greenwood standard error of log S. */
function pointwise(s: number, sigma: number, z: number, interval: KaplanMeierInterval): [number | null, number | null] {
  if (s === 0) return [null, null];
  if (interval === "log") return [s * Math.exp(-z * sigma), Math.min(1, s * Math.exp(z * sigma))];
  if (interval === "plain") return [Math.max(0, s - z * s * sigma), Math.min(1, s + z * s * sigma)];
  if (s === 1) return [null, null];
  const ll = Math.log(-Math.log(s));
  const w = (z * sigma) / Math.abs(Math.log(s));
  return [Math.exp(-Math.exp(ll + w)), Math.exp(-Math.exp(ll - w))];
}

/**
 * R's `findq` for p = 0.5 on a step curve that starts at (0, 1): the first time the curve is at or below 0.5
 * (within TOLERANCE); if it is 0.5 there, the midpoint to the time it next drops below, or to the last observed
 * time when it never does. Null points (undefined bounds) are skipped, as R's `approx` skips NA.
 */
function halfTime(times: readonly number[], curve: readonly (number | null)[], last: number): number | null {
  let reached = -1;
  for (let i = 0; i < times.length; i++) {
    const y = curve[i];
    if (y === null || y === undefined) continue;
    if (reached < 0 && y <= 0.5 + TOLERANCE) {
      reached = i;
      if (y < 0.5 - TOLERANCE) return times[i] as number;
    } else if (reached >= 0 && y < 0.5 - TOLERANCE) {
      return ((times[reached] as number) + (times[i] as number)) / 2;
    }
  }
  return reached < 0 ? null : ((times[reached] as number) + last) / 2;
}
