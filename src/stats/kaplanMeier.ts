import { InvalidRecordError, jsonSafeValue } from "../errors.ts";
import { kaplanMeierTable, type KaplanMeierOptions, type KaplanMeierResult } from "./kaplanMeierTable.ts";

/**
 * The Kaplan-Meier survival curve of raw observations, with Greenwood intervals and the median survival time,
 * following R's `survival::survfit(Surv(time, status) ~ 1)`: ties are grouped, events come before censorings at
 * the same time. See {@link kaplanMeierTable} for the formulas.
 *
 *   S(t) = prod_{t_i <= t} (1 - d_i / n_i)
 *
 * `observed[i]` is true (or 1) for an event at `durations[i]`, false (or 0) for an observation censored there
 * (a ticket still open, a customer still subscribed). O(n log n).
 *
 * @example
 * // R: survfit(Surv(c(6, 6, 6, 7, 10), c(1, 1, 0, 1, 0)) ~ 1)
 * kaplanMeier([6, 6, 6, 7, 10], [true, true, false, true, false]).survival // => [0.6, 0.3, 0.3]
 * @see Kaplan, E. L. and Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53(282).
 * @see Therneau, T. M. R package `survival`, `survfit.formula`.
 */
export function kaplanMeier(durations: ArrayLike<number>, observed: ArrayLike<boolean | number>, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const n = durations.length;
  if (observed.length !== n) {
    throw new InvalidRecordError("kaplanMeier", { index: Math.min(n, observed.length), field: "observed", value: observed.length, reason: `entries, expected one per duration (${n})` });
  }
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = durations[i] as number;
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) {
      throw new InvalidRecordError("kaplanMeier", { index: i, field: "duration", value: jsonSafeValue(t), reason: "expected a finite number >= 0" });
    }
    const o = observed[i];
    if (o !== true && o !== false && o !== 1 && o !== 0) {
      throw new InvalidRecordError("kaplanMeier", { index: i, field: "observed", value: jsonSafeValue(o), reason: "expected true/1 (event) or false/0 (censored)" });
    }
    order[i] = i;
  }
  order.sort((a, b) => (durations[a] as number) - (durations[b] as number));
  const times: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  for (const i of order) {
    const t = durations[i] as number;
    const event = observed[i] === true || observed[i] === 1;
    if (times.length === 0 || times[times.length - 1] !== t) {
      times.push(t);
      events.push(0);
      censored.push(0);
    }
    const k = times.length - 1;
    if (event) events[k] = (events[k] as number) + 1;
    else censored[k] = (censored[k] as number) + 1;
  }
  return kaplanMeierTable({ times, events, censored }, options);
}
