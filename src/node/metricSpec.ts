import type { OnInvalid } from "../aggregate/aggregator.ts";
import { breakdownAggregator, type BreakdownAggregator } from "../aggregate/breakdown.ts";
import type { AggregatorState } from "../aggregate/aggregator.ts";
import { InvalidOptionError } from "../errors.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { checkPeriodSpec, type PeriodUnit } from "../time/periodIndexer.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { METRICS, PLANNED_METRICS, type MetricEntry, type ShownResult } from "./metricRegistry.ts";

/**
 * What to compute over a CSV file: plain JSON, so it can be sent to worker threads. Column names default to the
 * metric's (`nps`, `at`, ...); without `period` the `at` column is not read.
 */
export interface MetricSpec {
  /** A name in the metric registry: "nps", "csat", "ces". */
  metric: string;
  /** The value column (default: the metric's, e.g. "nps"). */
  value?: string;
  /** The instant column (default "at"); read only with `period`. */
  at?: string | null;
  /** Segment columns (default none). */
  by?: string[];
  /** Period unit (default none: one row per segment). */
  period?: PeriodUnit | null;
  /** IANA zone of the periods and of instants written without an offset (default "UTC"). */
  timeZone?: string;
  /** A bad row stops the run (`"throw"`, default) or is counted and reported (`"count"`). */
  onInvalid?: OnInvalid;
  /** CSV field delimiter (default ","). */
  delimiter?: string;
}

/** A spec with every default filled in and checked. */
export interface ResolvedSpec {
  metric: string;
  value: string;
  at: string | null;
  by: string[];
  period: PeriodUnit | null;
  timeZone: string;
  onInvalid: OnInvalid;
  delimiter: string;
}

const WHERE = "runParallel";

/** Fill in the defaults of a spec and check it (InvalidOptionError naming the option). */
export function resolveSpec(spec: MetricSpec): ResolvedSpec {
  const entry = metricEntry(spec.metric);
  const by = spec.by ?? [];
  if (!Array.isArray(by) || by.some((c) => typeof c !== "string" || c === "")) throw new InvalidOptionError(WHERE, "by", `is ${JSON.stringify(by)}, expected an array of column names`);
  const timeZone = checkTimeZone(WHERE, "timeZone", spec.timeZone ?? "UTC");
  const period = spec.period ?? null;
  if (period !== null) checkPeriodSpec(WHERE, { unit: period, timeZone });
  const delimiter = spec.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") throw new InvalidOptionError(WHERE, "delimiter", `is ${JSON.stringify(delimiter)}, expected one character other than a quote or a line break`);
  const value = spec.value ?? entry.value;
  const at = period !== null || entry.values ? (spec.at ?? entry.at) : null;
  const columns = [value, ...(at === null ? [] : [at]), ...by];
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw new InvalidOptionError(WHERE, "by", `names the column "${twice}" twice (or also as the value or the instant)`);
  return { metric: spec.metric, value, at, by: [...by], period, timeZone, onInvalid: checkOnInvalid(WHERE, spec.onInvalid), delimiter };
}

/** The registry entry of a metric, or InvalidOptionError listing the known ones. */
export function metricEntry(name: string): MetricEntry {
  const entry = Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
  if (entry) return entry;
  const planned = PLANNED_METRICS.includes(name) ? ` ("${name}" is not wired into the CLI yet)` : "";
  throw new InvalidOptionError(WHERE, "metric", `is ${JSON.stringify(name)}${planned}, expected one of ${Object.keys(METRICS).join(", ")}`);
}

/** The breakdown aggregator of a spec: the metric's aggregator per segment x period (records are never built). */
export function specAggregator(spec: ResolvedSpec): BreakdownAggregator<never, AggregatorState, ShownResult> {
  const inner = metricEntry(spec.metric).aggregator({ onInvalid: spec.onInvalid });
  const by: Record<string, (r: never) => unknown> = {};
  for (const c of spec.by) by[c] = (r: never) => (r as Record<string, unknown>)[c];
  return breakdownAggregator(inner as never, {
    by,
    ...(spec.period !== null && { period: { at: (r: never) => (r as Record<string, unknown>)[spec.at!], unit: spec.period, timeZone: spec.timeZone } }),
    onInvalid: spec.onInvalid,
  }) as BreakdownAggregator<never, AggregatorState, ShownResult>;
}
