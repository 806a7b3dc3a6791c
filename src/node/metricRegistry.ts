import type { Aggregator, AggregatorState, OnInvalid } from "../aggregate/aggregator.ts";
import { cesAggregator } from "../survey/ces.ts";
import { csatAggregator } from "../survey/csat.ts";
import { npsAggregator } from "../survey/nps.ts";
import { durationMetricEntry } from "./durationMetricEntry.ts";

/** What every metric result the CLI shows carries (NPS, CSAT and CES results all do). */
export interface ShownResult {
  score: number | null;
  n: number;
  ci: { lower: number; upper: number } | null;
  missing: number;
  invalid: { count: number } | null;
}

/**
 * One metric of the CLI and of {@link runParallel}: how to read its column and which aggregator counts it.
 * The aggregator receives one number per row (the value column, or `values(value, at)` when given) and must update
 * its state in place (breakdown's `addColumns` fast path needs that).
 */
export interface MetricEntry {
  /** One line for `--help`. */
  summary: string;
  /** Default name of the value column (`--value`). */
  value: string;
  /** Default name of the instant column (`--at`). */
  at: string;
  /** How the CSV/NDJSON decoder reads the value column: "number" lets the metric itself refuse 7.5 or 11. */
  valueType: "number" | "instant";
  /** The numbers the aggregator receives, from the value column and the `at` column (default: the value column). */
  values?: (value: Float64Array, at: Float64Array | null) => ArrayLike<number>;
  /** Digits shown in tables. */
  digits: number;
  /** Makes the metric's aggregator over the numbers of one column. */
  aggregator(options: { onInvalid: OnInvalid }): Aggregator<number, AggregatorState, ShownResult>;
}

/**
 * The metrics by name. To add one, add a line: e.g. TTR, whose row value is resolved - created in ms, with
 * `--value resolved_at --at created_at`:
 *   ttr: { summary: "...", value: "resolved_at", at: "created_at", valueType: "instant",
 *          values: (resolved, created) => resolved.map((r, i) => r - created![i]!), digits: 1,
 *          aggregator: ({ onInvalid }) => timeToResolutionAggregator({ onInvalid }) },
 */
export const METRICS: Readonly<Record<string, MetricEntry>> = {
  nps: { summary: "Net Promoter Score of 0-10 answers (-100..100)", value: "nps", at: "at", valueType: "number", digits: 1, aggregator: ({ onInvalid }) => npsAggregator({ onInvalid }) },
  csat: { summary: "CSAT, share of 4-5 answers on a 1-5 scale (0..100)", value: "csat", at: "at", valueType: "number", digits: 1, aggregator: ({ onInvalid }) => csatAggregator({ onInvalid }) },
  ces: { summary: "Customer Effort Score, mean of 1-7 answers (7 = very easy)", value: "ces", at: "at", valueType: "number", digits: 2, aggregator: ({ onInvalid }) => cesAggregator({ onInvalid }) },
  ttr: durationMetricEntry("ttr"),
  frt: durationMetricEntry("frt"),
};

/**
 * Metrics named in the CLI that are not wired yet (none now: churn and clv run on the CLI's whole-record path,
 * src/node/recordMetricReport.ts, not through this table or runParallel).
 */
export const PLANNED_METRICS: readonly string[] = [];
