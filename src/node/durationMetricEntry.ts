import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { firstResponseTimeAggregator } from "../tickets/firstResponseTime.ts";
import { timeToResolutionAggregator } from "../tickets/timeToResolution.ts";
import type { MetricEntry, ShownResult } from "./metricRegistry.ts";

/** The row number meaning "created, not resolved (or answered) yet": an open ticket. */
const OPEN = Number.POSITIVE_INFINITY;

/**
 * Per row: end - start in ms; NaN when the start (creation) is missing; +Infinity (open) when only the end is.
 *
 *   value_i = NaN if start_i is missing; +Infinity if end_i is missing; end_i - start_i otherwise
 */
function durations(end: Float64Array, start: Float64Array | null): Float64Array {
  const out = new Float64Array(end.length);
  for (let i = 0; i < end.length; i++) {
    const s = start === null ? Number.NaN : start[i]!;
    const e = end[i]!;
    out[i] = Number.isNaN(s) ? Number.NaN : Number.isNaN(e) ? OPEN : e - s;
  }
  return out;
}

/**
 * The CLI entry of a ticket duration (time to resolution or first response time) over one number per row: the
 * row's duration in ms (see {@link durations}). Each number is handed to the library's aggregator as a ticket
 * created at epoch 0 (`{ createdAt: 0, resolvedAt: d }`, or `firstResponseAt`), so its figures are the library's:
 * a missing creation is `missing`, a missing end is `open`, an end before the creation is invalid. The table's
 * score is the median in hours; `--format json` prints the library's result with `score` (= median) and `ci`
 * (null) added. Open tickets are counted but carry no age (one number per row cannot hold both the open flag and
 * the creation instant), so the Kaplan-Meier median (`censored`) is null: use timeToResolution({ asOf }) for it.
 *
 * @param metric "ttr" or "frt"
 * @returns the METRICS entry
 * @example
 * durationMetricEntry("ttr").value // => "resolved_at"
 * @see timeToResolutionAggregator, firstResponseTimeAggregator
 */
export function durationMetricEntry(metric: "ttr" | "frt"): MetricEntry {
  const field = metric === "ttr" ? "resolvedAt" : "firstResponseAt";
  return {
    summary:
      metric === "ttr"
        ? "Time to resolution, median hours of resolved_at - created_at (open tickets counted as open)"
        : "First response time, median hours of first_response_at - created_at (unanswered counted as open)",
    value: metric === "ttr" ? "resolved_at" : "first_response_at",
    at: "created_at",
    valueType: "instant",
    values: durations,
    digits: 2,
    aggregator: ({ onInvalid }: { onInvalid: OnInvalid }): Aggregator<number, AggregatorState, ShownResult> => {
      const inner = (metric === "ttr" ? timeToResolutionAggregator({ unit: "hours", onInvalid }) : firstResponseTimeAggregator({ unit: "hours", onInvalid })) as unknown as Aggregator<
        Record<string, unknown>,
        AggregatorState,
        { median: number | null; n: number; missing: number; invalid: { count: number } }
      >;
      const ticket = (d: number): Record<string, unknown> =>
        Number.isNaN(d) ? { createdAt: null, [field]: null } : d === OPEN ? { createdAt: 0, [field]: null } : { createdAt: 0, [field]: d };
      return {
        kind: inner.kind,
        empty: inner.empty,
        add: (state, d, index) => inner.add(state, ticket(d), index),
        merge: inner.merge,
        fromJSON: inner.fromJSON,
        result: (state) => {
          const r = inner.result(state);
          return { ...r, score: r.median, ci: null } as ShownResult;
        },
      };
    },
  };
}
