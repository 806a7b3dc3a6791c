import type { Aggregator } from "../aggregate/aggregator.ts";
import { InvalidOptionError } from "../errors.ts";
import type { InvalidSummary } from "../_lib/invalidLog.ts";
import { durationSetup, invalidOf, type DurationFigures, type DurationOptions, type DurationState } from "./durationSummary.ts";
import { resolutionOf, type ResolutionKind } from "./ticketEvents.ts";
import type { DurationUnit } from "./ticketOptions.ts";

/** Options of {@link timeToResolution} and {@link timeToResolutionAggregator}. */
export interface TimeToResolutionOptions<R> extends DurationOptions<R> {
  /** "full" (default): the last solve after any reopens; "first": the first solve. */
  resolution?: ResolutionKind;
}

/** The aggregator state of time to resolution. */
export type TimeToResolutionState = DurationState<"time-to-resolution">;

/** The result of {@link timeToResolution}: plain JSON, durations in `unit`, medians first. */
export interface TimeToResolutionResult extends DurationFigures {
  metric: "time-to-resolution";
  resolution: ResolutionKind;
  basis: "calendar" | "business";
  unit: DurationUnit;
  /** The instant the figures are taken at (ISO 8601, UTC), or null. */
  asOf: string | null;
  /** Valid tickets with a creation time: resolved + open. */
  n: number;
  /** Tickets resolved at `asOf` (their durations make every figure but `censored`). */
  resolved: number;
  /** Tickets not resolved at `asOf` (never solved, solved after `asOf`, or reopened). */
  open: number;
  /** Tickets without a creation time, or solved without a solve time. */
  missing: number;
  /** Tickets created after `asOf` (not yet there at `asOf`), left out. */
  notYetCreated: number;
  invalid: InvalidSummary;
}

const KIND = "time-to-resolution";

/**
 * The streaming form of {@link timeToResolution}; its state is versioned plain JSON (sketch, sum, distribution
 * counts, Kaplan-Meier event and censoring counts) and merges with states of the same options.
 *
 * @example
 * const agg = timeToResolutionAggregator({ unit: "hours" });
 * agg.result(agg.add(agg.empty(), { createdAt: "2024-01-02T09:00Z", resolvedAt: "2024-01-02T11:30Z" })).median // => 2.5
 * @see timeToResolution
 */
export function timeToResolutionAggregator<R>(options: TimeToResolutionOptions<R> = {}): Aggregator<R, TimeToResolutionState, TimeToResolutionResult> {
  const resolution = options.resolution ?? "full";
  if (resolution !== "first" && resolution !== "full") throw new InvalidOptionError(KIND, "resolution", `is ${JSON.stringify(resolution)}, expected "first" or "full"`);
  const setup = durationSetup<R>(
    {
      kind: KIND,
      extraOptions: { resolution },
      extraCounts: [],
      observe(t, asOf, elapsed, out) {
        const created = t.createdAt!;
        const r = resolutionOf(t, resolution, asOf);
        if (r === null) {
          out.kind = "censored";
          out.duration = asOf === null ? 0 : elapsed(created, asOf);
        } else if (Number.isNaN(r)) out.kind = "missing";
        else {
          out.kind = "event";
          out.duration = elapsed(created, r);
        }
      },
    },
    options,
  );
  const agg = setup.aggregator as unknown as Aggregator<R, TimeToResolutionState, TimeToResolutionState>;
  return {
    kind: KIND,
    empty: agg.empty,
    add: agg.add,
    merge: agg.merge,
    fromJSON: agg.fromJSON,
    result(state: TimeToResolutionState): TimeToResolutionResult {
      const c = state.counts;
      const asOf = state.options.asOf;
      return {
        metric: KIND,
        ...setup.figures(state),
        resolution,
        basis: state.options.basis,
        unit: setup.unit,
        asOf: asOf === null ? null : new Date(asOf).toISOString(),
        n: c["done"]! + c["open"]!,
        resolved: c["done"]!,
        open: c["open"]!,
        missing: c["missing"]!,
        notYetCreated: c["notYetCreated"]!,
        invalid: invalidOf(state, setup.onInvalid),
      };
    },
  };
}

/**
 * Time to resolution of support tickets: per ticket the time from creation to its resolution, in calendar time
 * or in business time of a calendar; over tickets the median first, then percentiles, the help desks' average,
 * min, max, a bucketed distribution, and a Kaplan-Meier median that counts the open tickets.
 *
 *   ttr_i  = resolvedAt_i - createdAt_i          (business basis: calendar.elapsed(createdAt_i, resolvedAt_i))
 *   mean   = sum of ttr_i / resolved              (open tickets are left out, as help desks define the average)
 *   median, p90, ... = R type 7 quantiles of ttr_i while resolved <= exactLimit, else sketch within relativeAccuracy
 *   censored.median = Kaplan-Meier median, events = resolved tickets at ttr_i, censored = open tickets at
 *                     their age asOf - createdAt_i (R survival::survfit; interval by `interval`, default log)
 *
 * `resolution: "full"` (default) takes the last solve after reopens (Zendesk full resolution time), `"first"` the
 * first solve (Zendesk first resolution time). A ticket solved after `asOf` is open at `asOf`; a ticket created
 * after `asOf` is counted in `notYetCreated`. O(n) time; memory bounded by the sketch (O(log(max/min) / accuracy)).
 * Invalid tickets (see readTicket) throw InvalidRecordError unless `onInvalid: "count"`. Empty input: n 0, null figures.
 *
 * @param tickets ticket records read through the accessors (default fields createdAt, resolvedAt, ...)
 * @param options see {@link TimeToResolutionOptions}
 * @returns counts and figures in `unit`
 * @example
 * timeToResolution([
 *   { createdAt: "2024-01-02T09:00Z", resolvedAt: "2024-01-02T10:00Z" },
 *   { createdAt: "2024-01-02T09:00Z", resolvedAt: "2024-01-02T12:00Z" },
 * ], { unit: "hours" }).median // => 2
 * @see Zendesk, "About native Support time duration metrics" (first and full resolution time)
 * @see Kaplan, E. L. and Meier, P. (1958). Nonparametric estimation from incomplete observations. JASA 53(282).
 */
export function timeToResolution<R>(tickets: Iterable<R>, options: TimeToResolutionOptions<R> = {}): TimeToResolutionResult {
  const agg = timeToResolutionAggregator(options);
  let state = agg.empty();
  let i = 0;
  for (const t of tickets) state = agg.add(state, t, i++);
  return agg.result(state);
}
