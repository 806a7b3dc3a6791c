import type { Aggregator, OnInvalid } from "../aggregate/aggregator.ts";
import { IncompatibleStatesError, jsonSafeValue } from "../errors.ts";
import { checkAccessor, checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, invalidSummary, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { isMissing } from "../_lib/isMissing.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { expectArray, expectFinite, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { addCompensated, compensatedValue, type CompensatedSum } from "../stats/neumaierSum.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { checkPeriodSpec, type Period, type PeriodSpec, type PeriodUnit, type WeekStartsOn } from "../time/periodIndexer.ts";
import { churnWindows } from "./churnCounts.ts";
import { checkRange, mergeCommonCounts, readCommonCounts } from "./subscriptionRecord.ts";

/** Options of {@link revenueChurn} and {@link mrrMovementsAggregator}. */
export interface RevenueChurnOptions<R> {
  /** The customer. Default `r.customerId`. */
  customerId?: (record: R) => unknown;
  /** When the customer's MRR changed: Date, epoch ms or ISO 8601. Default `r.at`. */
  at?: (record: R) => unknown;
  /** The customer's MRR from that instant on (0 = no paid subscription left). Default `r.mrr`. */
  mrr?: (record: R) => unknown;
  /** Start of the range, inclusive. */
  from: unknown;
  /** End of the range, exclusive. */
  to: unknown;
  /** Rows per calendar period overlapping [from, to) (each period whole), in `timeZone`; omit for one row. */
  period?: { unit: PeriodUnit; weekStartsOn?: WeekStartsOn };
  timeZone?: string;
  onInvalid?: OnInvalid;
}

/** What shapes an MRR-movements state. */
export interface MrrMovementsStateOptions {
  from: number;
  to: number;
  timeZone: string;
  period: PeriodSpec | null;
}

/** One customer in an MRR-movements state. */
export interface CustomerMrr {
  /** The last event before the range: [epoch ms, MRR], or null. */
  before: [number, number] | null;
  /** Whether any event before the range had MRR > 0 (so a later return is a reactivation, not new business). */
  paidBefore: boolean;
  /** Events inside the range, [epoch ms, MRR], ascending by time then MRR. */
  events: [number, number][];
}

/** The state of {@link mrrMovementsAggregator}: the MRR history each customer needs for the range. */
export interface MrrMovementsState {
  v: 1;
  kind: "mrr-movements";
  options: MrrMovementsStateOptions;
  /** By JSON of the customer id (`"42"`, `"\"acme\""`). */
  customers: Record<string, CustomerMrr>;
  /** Valid events read (also those after the range). */
  n: number;
  records: number;
  missing: number;
  invalid: InvalidLog;
}

/** The MRR movements of one period; amounts are MRR (currency per month), compensated sums. */
export interface MrrMovementRow {
  period: string;
  from: string;
  to: string;
  /** Sum of every customer's MRR just before `from`. */
  mrrAtStart: number;
  /** First MRR of a customer who never paid before. */
  new: number;
  /** Increases of a paying customer's MRR. */
  expansion: number;
  /** Decreases of a paying customer's MRR that leave it above 0. */
  contraction: number;
  /** MRR of a paying customer that dropped to 0 (the MRR before the drop). */
  churned: number;
  /** MRR of a customer who had paid before, had dropped to 0, and pays again. */
  reactivation: number;
  /** mrrAtStart + new + expansion + reactivation - contraction - churned. */
  mrrAtEnd: number;
  /** new + expansion + reactivation - contraction - churned. */
  netNewMrr: number;
  /** Customers paying just before `from`, and customers with at least one movement of each kind. */
  customers: { atStart: number; new: number; expansion: number; contraction: number; churned: number; reactivation: number };
  /**
   * Gross MRR churn rate, ChartMogul-style: (churned + contraction) / mrrAtStart over every movement of the row, also
   * of customers who joined inside it (so it can exceed 1 when many sign-ups of the row leave again); null when
   * mrrAtStart is 0. Not 1 - grr.
   */
  grossMrrChurn: number | null;
  /** Net MRR churn rate, ChartMogul-style: (churned + contraction - expansion) / mrrAtStart (negative = net expansion). Not 1 - nrr. */
  netMrrChurn: number | null;
  /** Over the customers paying at the row's start: sum of min(MRR at the row's end, MRR at its start). */
  grossRetainedMrr: number;
  /** Over the customers paying at the row's start: sum of their MRR at the row's end. */
  netRetainedMrr: number;
  /**
   * Gross revenue retention of the customers paying at the row's start (cohort form): grossRetainedMrr / mrrAtStart,
   * in [0, 1]; null when mrrAtStart is 0. Customers acquired inside the row do not enter it.
   */
  grr: number | null;
  /** Net revenue retention of the customers paying at the row's start: netRetainedMrr / mrrAtStart (>= grr, >= 0). */
  nrr: number | null;
}

/** The result of {@link revenueChurn}. */
export interface RevenueChurnResult {
  metric: "revenue-churn";
  /** One row per period (one row for [from, to) without `period`). */
  rows: MrrMovementRow[];
  /** The whole range as one period. */
  total: MrrMovementRow;
  /** Events of one customer at the same instant (applied in ascending MRR order; the one-shot function refuses them). */
  simultaneousEvents: number;
  /** Valid events read. */
  n: number;
  missing: number;
  invalid: InvalidSummary;
}

const KIND = "mrr-movements";

/** The aggregator form of {@link revenueChurn}, plus the path for events already read. */
export interface MrrMovementsAggregator<R> extends Aggregator<R, MrrMovementsState, RevenueChurnResult> {
  /** Adds one MRR event already read (customer id, epoch ms, monthly recurring revenue) to the state. */
  addEvent(state: MrrMovementsState, customer: string, at: number, mrr: number): MrrMovementsState;
}

const field = (name: string) => (r: unknown): unknown => (r !== null && typeof r === "object" ? (r as Record<string, unknown>)[name] : undefined);

/**
 * The streaming form of {@link revenueChurn}: keeps, per customer, the last MRR before the range, whether they ever
 * paid before it, and their MRR events inside it; merges by customer. O(log events) per event,
 * O(customers + events in range) memory; the movements are classified in `result`.
 *
 * @example
 * const agg = mrrMovementsAggregator({ from: "2024-01-01", to: "2024-02-01" });
 * const s = agg.add(agg.add(agg.empty(), { customerId: 1, at: "2023-12-01", mrr: 100 }), { customerId: 1, at: "2024-01-10", mrr: 150 });
 * agg.result(s).total.expansion // => 50
 * @see revenueChurn
 */
export function mrrMovementsAggregator<R>(options: RevenueChurnOptions<R>): MrrMovementsAggregator<R> {
  const timeZone = checkTimeZone(KIND, "timeZone", options.timeZone ?? "UTC");
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const { from, to } = checkRange(KIND, ["from", "to"], options.from, options.to, timeZone);
  const period = options.period ? checkPeriodSpec(KIND, { ...options.period, timeZone }) : null;
  const windows = churnWindows(KIND, from, to, period);
  const rangeStart = windows[0]!.start;
  const rangeEnd = windows[windows.length - 1]!.end;
  const whole: Period[] = [{ label: `${new Date(rangeStart).toISOString()}/${new Date(rangeEnd).toISOString()}`, start: rangeStart, end: rangeEnd }];
  const stateOptions: MrrMovementsStateOptions = { from, to, timeZone, period };
  const copyOptions = (): MrrMovementsStateOptions => ({ from, to, timeZone, period: period && { ...period } });

  const empty = (): MrrMovementsState => ({ v: 1, kind: KIND, options: copyOptions(), customers: {}, n: 0, records: 0, missing: 0, invalid: emptyInvalidLog() });

  const read = mrrEventReader(KIND, options, timeZone, onInvalid);

  const addEvent = (state: MrrMovementsState, customer: string, at: number, mrr: number): MrrMovementsState => {
    state.n += 1;
    if (at >= rangeEnd) return state;
    let c = state.customers[customer];
    if (c === undefined) state.customers[customer] = c = { before: null, paidBefore: false, events: [] };
    if (at < rangeStart) {
      if (mrr > 0) c.paidBefore = true;
      if (c.before === null || laterEvent(at, mrr, c.before)) c.before = [at, mrr];
      return state;
    }
    insertEvent(c.events, [at, mrr]);
    return state;
  };

  const classify = (state: MrrMovementsState, ws: readonly Period[]): { rows: MrrMovementRow[]; simultaneous: number } => {
    const k = ws.length;
    const sums = ws.map(() => ({ new: [0, 0] as CompensatedSum, expansion: [0, 0] as CompensatedSum, contraction: [0, 0] as CompensatedSum, churned: [0, 0] as CompensatedSum, reactivation: [0, 0] as CompensatedSum }));
    const counts = ws.map(() => ({ atStart: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 }));
    const atStart0: CompensatedSum = [0, 0];
    // per window, over the customers paying at its start: their start MRR, min(end, start) and end MRR
    const kept = ws.map(() => ({ start: [0, 0] as CompensatedSum, gross: [0, 0] as CompensatedSum, net: [0, 0] as CompensatedSum }));
    let simultaneous = 0;
    for (const c of Object.values(state.customers)) {
      let prev = c.before === null ? 0 : c.before[1];
      let paid = c.paidBefore;
      addCompensated(atStart0, prev);
      let w = 0;
      // the customer's MRR at the start of window w
      let wStart = prev;
      // which kinds this customer already counted in window w
      let seen = 0;
      const close = (j: number, startMrr: number): void => {
        // prev is the customer's MRR at the end of window j
        if (startMrr <= 0) return;
        addCompensated(kept[j]!.start, startMrr);
        addCompensated(kept[j]!.gross, prev < startMrr ? prev : startMrr);
        addCompensated(kept[j]!.net, prev);
      };
      const enter = (i: number): void => {
        if (i !== w) {
          close(w, wStart);
          for (let j = w + 1; j < i; j++) close(j, prev);
          wStart = prev;
        }
        // customers paying at the start of each window from w + 1 to i
        for (let j = w + 1; j <= i; j++) if (prev > 0) counts[j]!.atStart += 1;
        if (i !== w) seen = 0;
        w = i;
      };
      if (prev > 0) counts[0]!.atStart += 1;
      for (let e = 0; e < c.events.length; e++) {
        const [t, m] = c.events[e]!;
        if (e > 0 && c.events[e - 1]![0] === t) simultaneous += 1;
        let i = w;
        while (ws[i]!.end <= t) i++;
        enter(i);
        let kind: "new" | "expansion" | "contraction" | "churned" | "reactivation" | null = null;
        let amount = 0;
        if (m === prev) kind = null;
        else if (prev === 0) {
          kind = paid ? "reactivation" : "new";
          amount = m;
          paid = true;
        } else if (m === 0) {
          kind = "churned";
          amount = prev;
        } else if (m > prev) {
          kind = "expansion";
          amount = m - prev;
        } else {
          kind = "contraction";
          amount = prev - m;
        }
        prev = m;
        if (kind === null) continue;
        addCompensated(sums[i]![kind], amount);
        const bit = KIND_BITS[kind];
        if ((seen & bit) === 0) {
          seen |= bit;
          counts[i]![kind] += 1;
        }
      }
      enter(k - 1);
      close(k - 1, wStart);
    }
    const rows: MrrMovementRow[] = [];
    let start = atStart0;
    for (let i = 0; i < k; i++) {
      const s = sums[i]!;
      const v = (x: CompensatedSum): number => compensatedValue(x) + 0;
      const end: CompensatedSum = [start[0], start[1]];
      addCompensated(end, v(s.new));
      addCompensated(end, v(s.expansion));
      addCompensated(end, v(s.reactivation));
      addCompensated(end, -v(s.contraction));
      addCompensated(end, -v(s.churned));
      const mrrAtStart = v(start);
      const gross = mrrAtStart > 0 ? (v(s.churned) + v(s.contraction)) / mrrAtStart : null;
      const net = mrrAtStart > 0 ? (v(s.churned) + v(s.contraction) - v(s.expansion)) / mrrAtStart : null;
      const keptStart = v(kept[i]!.start);
      const grossRetained = v(kept[i]!.gross);
      const netRetained = v(kept[i]!.net);
      rows.push({
        period: ws[i]!.label,
        from: new Date(ws[i]!.start).toISOString(),
        to: new Date(ws[i]!.end).toISOString(),
        mrrAtStart,
        new: v(s.new),
        expansion: v(s.expansion),
        contraction: v(s.contraction),
        churned: v(s.churned),
        reactivation: v(s.reactivation),
        mrrAtEnd: v(end),
        netNewMrr: v(end) - mrrAtStart + 0,
        customers: counts[i]!,
        grossMrrChurn: gross,
        netMrrChurn: net,
        grossRetainedMrr: grossRetained,
        netRetainedMrr: netRetained,
        grr: keptStart > 0 ? Math.min(1, grossRetained / keptStart) : null,
        nrr: keptStart > 0 ? netRetained / keptStart : null,
      });
      start = end;
    }
    return { rows, simultaneous };
  };

  return {
    kind: KIND,
    empty,
    addEvent,
    add(state: MrrMovementsState, record: R, index?: number): MrrMovementsState {
      const i = index ?? state.records;
      state.records += 1;
      const e = read(record, i, state.invalid);
      if (e === "missing") state.missing += 1;
      else if (e !== "invalid") addEvent(state, e.customer, e.at, e.mrr);
      return state;
    },
    merge(a: MrrMovementsState, b: MrrMovementsState): MrrMovementsState {
      if (!sameJson(a.options, b.options)) throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
      const out = empty();
      for (const src of [a, b]) {
        for (const [id, c] of Object.entries(src.customers)) {
          const have = out.customers[id];
          if (have === undefined) {
            out.customers[id] = { before: c.before && [c.before[0], c.before[1]], paidBefore: c.paidBefore, events: c.events.map((e): [number, number] => [e[0], e[1]]) };
            continue;
          }
          if (c.before !== null && (have.before === null || laterEvent(c.before[0], c.before[1], have.before))) have.before = [c.before[0], c.before[1]];
          have.paidBefore ||= c.paidBefore;
          have.events = mergeEvents(have.events, c.events);
        }
      }
      return mergeCommonCounts(out, a, b);
    },
    result(state: MrrMovementsState): RevenueChurnResult {
      const { rows, simultaneous } = classify(state, windows);
      const total = classify(state, whole).rows[0]!;
      if (period === null) total.period = rows[0]!.period;
      return { metric: "revenue-churn", rows, total, simultaneousEvents: simultaneous, n: state.n, missing: state.missing, invalid: invalidSummary(state.invalid, onInvalid) };
    },
    fromJSON(json: unknown): MrrMovementsState {
      const o = expectHeader(KIND, json);
      const opts = expectObject(KIND, "options", o["options"]);
      if (!sameJson(opts, stateOptions)) fail(KIND, "options", `are ${JSON.stringify(opts)}, this aggregator uses ${JSON.stringify(stateOptions)}`);
      const raw = expectObject(KIND, "customers", o["customers"]);
      const customers: Record<string, CustomerMrr> = {};
      for (const [id, v] of Object.entries(raw)) {
        const at = `customers[${id}]`;
        // Keys are the JSON of a customer id ('1', '"a"'); anything else ("__proto__", "constructor") is damage,
        // and would reach Object.prototype when looked up (found in review).
        if (!isIdKey(id)) fail(KIND, at, "has a key that is not the JSON of a customer id (a string or a number)");
        const c = expectObject(KIND, at, v);
        const before = c["before"] === null ? null : readEvent(`${at}.before`, c["before"]);
        if (before !== null && before[0] >= rangeStart) fail(KIND, `${at}.before`, "is not before the range");
        if (typeof c["paidBefore"] !== "boolean") fail(KIND, `${at}.paidBefore`, "is not a boolean");
        if (before !== null && before[1] > 0 && !c["paidBefore"]) fail(KIND, `${at}.paidBefore`, "is false, but the event before the range has MRR > 0");
        const events = expectArray(KIND, `${at}.events`, c["events"]).map((e, i) => readEvent(`${at}.events[${i}]`, e));
        events.forEach((e, i) => {
          if (e[0] < rangeStart || e[0] >= rangeEnd) fail(KIND, `${at}.events[${i}]`, "is outside the range");
          if (i > 0 && compareEvents(events[i - 1]!, e) > 0) fail(KIND, `${at}.events[${i}]`, "is out of time order");
        });
        if (before === null && events.length === 0 && !c["paidBefore"]) fail(KIND, at, "holds no event");
        customers[id] = { before, paidBefore: c["paidBefore"] as boolean, events };
      }
      return {
        v: 1,
        kind: KIND,
        options: copyOptions(),
        customers,
        ...readCommonCounts(KIND, o),
      };
    },
  };
}

/**
 * Revenue churn from MRR change events: the MRR movements of each period (ChartMogul's five kinds), gross and net
 * MRR churn, gross and net revenue retention (DESIGN 6.5).
 *
 * Each event sets a customer's MRR from its instant on (the sum over their subscriptions; 0 = nothing paid).
 * Compared with the customer's previous MRR (0 before their first event):
 *
 *   0 -> m > 0, never paid before   new business      m
 *   0 -> m > 0, paid before         reactivation      m
 *   p > 0 -> m > p                  expansion         m - p
 *   p > 0 -> 0 < m < p              contraction       p - m
 *   p > 0 -> 0                      churn             p
 *   gross MRR churn rate = (churn + contraction) / MRR at start               (every movement of the row, ChartMogul)
 *   net MRR churn rate   = (churn + contraction - expansion) / MRR at start
 *   S = customers paying at the row's start, s_c their MRR then, e_c their MRR at the row's end
 *   GRR = sum_{c in S} min(e_c, s_c) / sum_{c in S} s_c      in [0, 1]
 *   NRR = sum_{c in S} e_c / sum_{c in S} s_c                 >= GRR
 *   MRR at end = MRR at start + new + expansion + reactivation - contraction - churn
 *
 * The movements and the MRR churn rates count customers who joined inside the row too (as in ChartMogul's movements
 * table), dividing by the MRR of the start; GRR and NRR are over the customers paying at the start only, so they
 * stay bounded on a row with many sign-ups that leave again and on the `total` of several months (a quarter's GRR is
 * what the quarter's start customers kept at its end, not 1 - the quarter's gross MRR churn rate). When each start
 * customer moves at most once in the row, GRR = (start MRR - their churn - their contraction) / start MRR and
 * NRR = GRR + their expansion / start MRR. Money sums are Neumaier-compensated. Two events of one customer at the same
 * instant are invalid here (their order would be a guess; the first in input order is kept). Missing fields: counted.
 * Empty input: rates null. One pass, O(n) time (events in time order per customer), O(n) memory.
 *
 * @param events MRR change events `{ customerId, at, mrr }` (or through accessors)
 * @param options from, to, period (rows per month, week, ...), timeZone, onInvalid
 * @returns rows per period and the total over the range
 * @example
 * revenueChurn([
 *   { customerId: "a", at: "2023-11-01", mrr: 100 }, { customerId: "a", at: "2024-01-15", mrr: 0 },
 *   { customerId: "b", at: "2023-11-01", mrr: 100 }, { customerId: "b", at: "2024-01-20", mrr: 130 },
 * ], { from: "2024-01-01", to: "2024-02-01" }).total.nrr // => 0.65
 * @see ChartMogul, "Data Table and MRR Movements" (help.chartmogul.com/hc/en-us/articles/203299912): new business,
 *   expansion, contraction, churn (a customer with no other active subscription), reactivation
 * @see ChartMogul, "Net MRR churn rate"; Baremetrics, "Revenue churn"; Stripe Billing, "MRR churn"
 */
export function revenueChurn<R>(events: Iterable<R>, options: RevenueChurnOptions<R>): RevenueChurnResult {
  const agg = mrrMovementsAggregator<R>(options);
  const state = agg.empty();
  const onInvalid = checkOnInvalid("revenueChurn", options.onInvalid);
  const reader = mrrEventReader("revenueChurn", options, state.options.timeZone, onInvalid);
  // the instants seen per customer: one number, then a short array, then a Set (a customer with many events)
  const instants = new Map<string, number | number[] | Set<number>>();
  const seenBefore = (customer: string, at: number): boolean => {
    const v = instants.get(customer);
    if (v === undefined) instants.set(customer, at);
    else if (typeof v === "number") {
      if (v === at) return true;
      instants.set(customer, [v, at]);
    } else if (Array.isArray(v)) {
      if (v.includes(at)) return true;
      v.push(at);
      if (v.length > 16) instants.set(customer, new Set(v));
    } else {
      if (v.has(at)) return true;
      v.add(at);
    }
    return false;
  };
  let index = 0;
  for (const r of events) {
    const e = reader(r, index, state.invalid);
    if (e === "missing") state.missing += 1;
    else if (e !== "invalid") {
      if (seenBefore(e.customer, e.at)) {
        rejectRecord(state.invalid, onInvalid, "revenueChurn", {
          index,
          field: "at",
          value: new Date(e.at).toISOString(),
          reason: `is the instant of an earlier event of the same customer ${e.customer}; expected one MRR per customer per instant (sum the subscriptions)`,
        });
      } else agg.addEvent(state, e.customer, e.at, e.mrr);
    }
    index++;
  }
  state.records = index;
  return agg.result(state);
}

/** Read one MRR event (the accessors checked once), rejecting invalid ones into `log` under `metric`'s name. */
function mrrEventReader<R>(
  metric: string,
  options: RevenueChurnOptions<R>,
  timeZone: string,
  onInvalid: OnInvalid,
): (record: R, index: number, log: InvalidLog) => { customer: string; at: number; mrr: number } | "missing" | "invalid" {
  const customerId = checkAccessor(metric, "customerId", options.customerId) ?? field("customerId");
  const atOf = checkAccessor(metric, "at", options.at) ?? field("at");
  const mrrOf = checkAccessor(metric, "mrr", options.mrr) ?? field("mrr");
  return (record: R, index: number, log: InvalidLog) => {
    const id = customerId(record as never);
    const rawAt = atOf(record as never);
    const m = mrrOf(record as never);
    if (isMissing(id) || isMissing(rawAt) || isMissing(m)) return "missing";
    if (!((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id)))) {
      rejectRecord(log, onInvalid, metric, { index, field: "customerId", value: jsonSafeValue(id), reason: "expected a non-empty string or a finite number" });
      return "invalid";
    }
    const at = parseInstant(rawAt, timeZone);
    if (at === null) {
      rejectRecord(log, onInvalid, metric, { index, field: "at", value: jsonSafeValue(rawAt), reason: "expected a Date, epoch milliseconds or an ISO 8601 string, in years 1000 to 9999" });
      return "invalid";
    }
    if (typeof m !== "number" || !Number.isFinite(m) || m < 0) {
      rejectRecord(log, onInvalid, metric, { index, field: "mrr", value: jsonSafeValue(m), reason: "expected a finite MRR of 0 or more (0 = the customer no longer pays)" });
      return "invalid";
    }
    return { customer: JSON.stringify(typeof id === "number" ? id + 0 : id), at, mrr: m + 0 };
  };
}

const KIND_BITS = { new: 1, expansion: 2, contraction: 4, churned: 8, reactivation: 16 } as const;

function compareEvents(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function laterEvent(at: number, mrr: number, than: readonly [number, number]): boolean {
  return compareEvents([at, mrr], than) > 0;
}

/** Insert in (time, MRR) order; O(1) when events arrive in time order. */
function insertEvent(events: [number, number][], e: [number, number]): void {
  let i = events.length;
  if (i === 0 || compareEvents(events[i - 1]!, e) <= 0) {
    events.push(e);
    return;
  }
  let lo = 0;
  while (lo < i) {
    const mid = (lo + i) >>> 1;
    if (compareEvents(events[mid]!, e) <= 0) lo = mid + 1;
    else i = mid;
  }
  events.splice(lo, 0, e);
}

function mergeEvents(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const take = j >= b.length || (i < a.length && compareEvents(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!;
    out.push([take[0], take[1]]);
  }
  return out;
}

function readEvent(field: string, v: unknown): [number, number] {
  const a = expectArray(KIND, field, v);
  if (a.length !== 2) fail(KIND, field, `has ${a.length} entries, expected [time, mrr]`);
  const t = expectFinite(KIND, `${field}[0]`, a[0]);
  const m = expectFinite(KIND, `${field}[1]`, a[1]);
  if (m < 0) fail(KIND, `${field}[1]`, "is a negative MRR");
  return [t, m];
}

/** Whether a state's customer key is the JSON of a string or number id, as `add` writes them. */
function isIdKey(key: string): boolean {
  try {
    const id: unknown = JSON.parse(key);
    return typeof id === "string" || typeof id === "number";
  } catch {
    return false;
  }
}
