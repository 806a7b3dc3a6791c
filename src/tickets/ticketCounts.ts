/**
 * The shared machinery of the ticket share metrics (SLA attainment, reopen rate, one-touch and first-contact
 * resolution; internal to src/tickets): each valid ticket falls into one named count, and the state is those counts.
 */
import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError } from "../errors.ts";
import { checkLevel, checkOnInvalid } from "../_lib/checkOptions.ts";
import { wilsonInterval } from "../stats/wilsonInterval.ts";
import { checkAsOf } from "./ticketOptions.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectCount, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { isRejection, ticketReader, type Ticket, type TicketAccessors } from "./readTicket.ts";

/** The state of a ticket share metric: plain JSON counts. */
export interface TicketCountsState<K extends string> {
  v: 1;
  kind: K;
  /** The options that shape the counts (compared on merge). */
  options: Record<string, unknown>;
  /** Records added, valid or not (for error positions). */
  records: number;
  /** Valid tickets per outcome; tickets without a creation time are `missing`. */
  counts: Record<string, number>;
  invalid: InvalidLog;
}

/** A share metric's definition: its count names and how a valid ticket with a creation time is classified. */
export interface CountingMetric {
  kind: string;
  options: Record<string, unknown>;
  counts: readonly string[];
  classify(t: Ticket & { createdAt: number }): string;
}

/** The aggregator (result = a copy of the state) and the invalid summary of a share metric. */
export interface CountingSetup<R> {
  aggregator: Omit<Aggregator<R, TicketCountsState<string>, never>, "result">;
  invalid(state: TicketCountsState<string>): InvalidSummary;
}

/** Build a share metric's aggregator (checks the accessors and onInvalid up front); `result` is the metric's own. */
export function countingSetup<R>(metric: CountingMetric, accessors: TicketAccessors<R> & { onInvalid?: OnInvalid }): CountingSetup<R> {
  const KIND = metric.kind;
  const reader = ticketReader(KIND, accessors);
  const onInvalid = checkOnInvalid(KIND, accessors.onInvalid);
  const names = metric.counts.includes("missing") ? [...metric.counts] : [...metric.counts, "missing"];
  const options = structuredClone(metric.options);
  const zero = (): Record<string, number> => Object.fromEntries(names.map((n) => [n, 0]));
  return {
    invalid: (state) => invalidSummary(state.invalid, onInvalid),
    aggregator: {
      kind: KIND,
      empty: () => ({ v: 1, kind: KIND, options: structuredClone(options), records: 0, counts: zero(), invalid: emptyInvalidLog() }),
      add(state, record, index) {
        const at = index ?? state.records;
        state.records += 1;
        const t = reader.read(record);
        if (isRejection(t)) rejectRecord(state.invalid, onInvalid, KIND, { index: at, ...t });
        else if (t.createdAt === null) state.counts["missing"]! += 1;
        else state.counts[metric.classify(t as Ticket & { createdAt: number })]! += 1;
        return state;
      },
      merge(a, b) {
        if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
        return {
          v: 1,
          kind: KIND,
          options: structuredClone(a.options),
          records: a.records + b.records,
          counts: Object.fromEntries(names.map((n) => [n, a.counts[n]! + b.counts[n]!])),
          invalid: mergeInvalidLogs(a.invalid, b.invalid),
        };
      },
      fromJSON(json) {
        const o = expectHeader(KIND, json);
        const opts = expectObject(KIND, "options", o["options"]);
        if (!sameJson(opts, options)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(options)}`);
        const records = expectCount(KIND, "records", o["records"]);
        const raw = expectObject(KIND, "counts", o["counts"]);
        if (!sameJson(Object.keys(raw).sort(), [...names].sort())) fail(KIND, "counts", `has keys ${JSON.stringify(Object.keys(raw))}, expected ${JSON.stringify(names)}`);
        const counts = Object.fromEntries(names.map((n) => [n, expectCount(KIND, `counts.${n}`, raw[n])]));
        const invalid = readInvalidLog(KIND, o["invalid"]);
        const seen = names.reduce((s, n) => s + counts[n]!, 0) + invalid.count;
        if (seen > records) fail(KIND, "records", `is ${records}, fewer than the ${seen} tickets counted`);
        return { v: 1, kind: KIND, options: structuredClone(options), records, counts, invalid };
      },
    },
  };
}

/** The result of a ticket share metric (reopen rate, one-touch and first-contact resolution). */
export interface TicketShareResult<M extends string> {
  metric: M;
  /** 100 * yes / (yes + no), percent 0..100; null when no ticket qualifies. */
  rate: number | null;
  /** Wilson interval of the rate, in points 0..100. */
  ci: { lower: number; upper: number; level: number; method: string } | null;
  /** Tickets that count for the rate (yes + no). */
  n: number;
  /** Tickets with the property (reopened, one-touch, resolved on first contact). */
  yes: number;
  no: number;
  /** Tickets the rate does not apply to (not solved at `asOf`). */
  notApplicable: number;
  /** Tickets without a creation time or without the fields the metric needs. */
  missing: number;
  /** Tickets created after `asOf`. */
  notYetCreated: number;
  asOf: string | null;
  invalid: InvalidSummary;
}

/** Options of the ticket share metrics. */
export interface TicketShareOptions<R> extends TicketAccessors<R> {
  /** The instant of the figures (tickets solved later are not solved yet). Default: everything the records hold. */
  asOf?: unknown;
  /** Confidence level of the Wilson interval. Default 0.95. */
  level?: number;
  onInvalid?: OnInvalid;
}

/** Build a share aggregator from a classifier into "yes", "no", "notApplicable" or "missing". */
export function shareAggregator<R, M extends string>(
  kind: M,
  options: TicketShareOptions<R>,
  classify: (t: Ticket & { createdAt: number }, asOf: number | null) => "yes" | "no" | "notApplicable" | "missing",
): Aggregator<R, TicketCountsState<M>, TicketShareResult<M>> {
  const reader = ticketReader(kind, options);
  const asOf = checkAsOf(kind, options.asOf, reader.timeZone);
  const level = checkLevel(kind, options.level);
  const setup = countingSetup<R>(
    {
      kind,
      options: { asOf },
      counts: ["yes", "no", "notApplicable", "missing", "notYetCreated"],
      classify: (t) => (asOf !== null && t.createdAt > asOf ? "notYetCreated" : classify(t, asOf)),
    },
    options,
  );
  const agg = setup.aggregator as Omit<Aggregator<R, TicketCountsState<M>, never>, "result">;
  return {
    ...agg,
    result(state: TicketCountsState<M>): TicketShareResult<M> {
      const c = state.counts;
      const yes = c["yes"]!;
      const n = yes + c["no"]!;
      const ci = wilsonInterval(yes, n, level);
      return {
        metric: kind,
        rate: n === 0 ? null : (100 * yes) / n,
        ci: ci && { lower: 100 * ci.lower, upper: 100 * ci.upper, level, method: "wilson" },
        n,
        yes,
        no: c["no"]!,
        notApplicable: c["notApplicable"]!,
        missing: c["missing"]!,
        notYetCreated: c["notYetCreated"]!,
        asOf: asOf === null ? null : new Date(asOf).toISOString(),
        invalid: setup.invalid(state),
      };
    },
  };
}

/** Run a share aggregator over records (the one-shot form). */
export function runShare<R, S extends TicketCountsState<string>, Out>(agg: Aggregator<R, S, Out>, tickets: Iterable<R>): Out {
  let state = agg.empty();
  let i = 0;
  for (const t of tickets) state = agg.add(state, t, i++);
  return agg.result(state);
}
