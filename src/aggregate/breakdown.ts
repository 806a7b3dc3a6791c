import type { Aggregator, AggregatorState, OnInvalid } from "./aggregator.ts";
import { IncompatibleStatesError, InvalidOptionError, jsonSafeValue } from "../errors.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { sameJson } from "../_lib/sameJson.ts";
import { emptyInvalidLog, invalidSummary, mergeInvalidLogs, readInvalidLog, rejectRecord, type InvalidLog, type InvalidSummary } from "../_lib/invalidLog.ts";
import { expectArray, expectCount, expectFinite, expectHeader, expectObject, fail } from "../_lib/stateChecks.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { isInstant } from "../time/instantRange.ts";
import { checkPeriodSpec, periodOf, PeriodIndexer, type Period, type PeriodSpec, type PeriodUnit, type WeekStartsOn } from "../time/periodIndexer.ts";

/** A group key value: what a `by` accessor may return (`undefined` is read as `null`). */
export type KeyValue = string | number | boolean | null;

/** Options of {@link breakdown} and {@link breakdownAggregator}. */
export interface BreakdownOptions<R> {
  /** Group keys by name, each read from a record: `{ channel: (r) => r.channel }`. */
  by?: Record<string, (record: R) => unknown>;
  /** Group by calendar period of an instant read from each record, in an IANA time zone (default UTC). */
  period?: {
    /** The record's instant (Date, epoch ms or ISO string). */
    at: (record: R) => unknown;
    /** The calendar period: day, isoWeek, week, month, quarter or year. */
    unit: PeriodUnit;
    /** IANA zone the periods are cut in (and offset-less strings read in). Default "UTC". */
    timeZone?: string;
    /** For `unit: "week"`: the first day, 0 = Sunday ... 6 = Saturday. Default 1 (Monday). */
    weekStartsOn?: WeekStartsOn;
  };
  /**
   * Emit a row for every key seen x every period from the first to the last seen (cells with no records get the
   * inner aggregator's empty result, i.e. null scores), so charts get a regular grid. Default false.
   */
  complete?: boolean;
  /** For records whose key or time cannot be read: `"throw"` (default) or `"count"` in the breakdown's `invalid`. */
  onInvalid?: OnInvalid;
}

/** One group of a breakdown state. */
export interface BreakdownGroup<S> {
  key: Record<string, KeyValue>;
  period: Period | null;
  state: S;
}

/**
 * The aggregator state of a breakdown: one inner state per group key and period. Plain JSON; change it only through
 * the aggregator (`add`, `addColumns`, `merge`, `fromJSON`): `add` keeps a lookup of the groups of each state it
 * has seen, so deleting or replacing groups by hand and then adding to the same state is not supported (read the
 * JSON back with `fromJSON` first).
 */
export interface BreakdownState<S extends AggregatorState> extends AggregatorState {
  readonly kind: "breakdown";
  /**
   * What shapes the state: the inner aggregator's kind and the options its states carry (`innerOptions`, e.g.
   * NPS bands), the key names and the period. States with different options do not merge.
   */
  options: { inner: string; innerOptions: unknown; by: string[]; period: PeriodSpec | null };
  /** Groups by id, the JSON array of the key values and the period label. */
  groups: Record<string, BreakdownGroup<S>>;
  /** Records added, valid or not (for error positions). */
  records: number;
  /** Records whose key or time could not be read. */
  invalid: InvalidLog;
}

/** One row of a breakdown result. */
export interface BreakdownRow<Out> {
  key: Record<string, KeyValue>;
  /** Period label (`2024-W03`, `2024-01`, ...), or null without `period`. */
  period: string | null;
  /** Period bounds as ISO 8601 instants (UTC), or null without `period`. */
  periodStart: string | null;
  periodEnd: string | null;
  result: Out;
}

/** The result of {@link breakdown}. */
export interface BreakdownResult<Out> {
  /** Rows sorted by key values, then period start. */
  rows: BreakdownRow<Out>[];
  /** The inner result over every record that reached a group. */
  total: Out;
  /** Records whose key or time could not be read: null unless `onInvalid: "count"` was asked for or some were counted. */
  invalid: InvalidSummary;
  by: string[];
  period: PeriodSpec | null;
}

/** Columns for {@link BreakdownAggregator.addColumns}: values, dictionary-coded keys, and instants. */
export interface ColumnTable {
  /** The inner aggregator's input for each row (e.g. NPS answers). */
  values: ArrayLike<number>;
  /** Each `by` key as codes into a label array. */
  keys?: Record<string, { codes: ArrayLike<number>; labels: readonly KeyValue[] }>;
  /** Epoch milliseconds for each row (needed when the breakdown has a period). */
  at?: ArrayLike<number>;
}

/** A breakdown aggregator: the usual contract plus a columnar fast path. */
export interface BreakdownAggregator<R, S extends AggregatorState, Out> extends Aggregator<R, BreakdownState<S>, BreakdownResult<Out>> {
  /**
   * Add rows from typed columns without building record objects: the inner aggregator receives `values[i]`.
   * `startIndex` numbers the rows for error reports (default: the records the state has seen).
   */
  addColumns(state: BreakdownState<S>, table: ColumnTable, startIndex?: number): BreakdownState<S>;
}

const KIND = "breakdown";

/**
 * The streaming form of {@link breakdown}; its state is a JSON object of inner states and obeys the same laws.
 *
 * @example
 * const agg = breakdownAggregator(npsAggregator({ value: (r) => r.score }), { by: { channel: (r) => r.channel } });
 * agg.result(agg.add(agg.empty(), { channel: "chat", score: 10 })).rows[0].result.score // => 100
 * @see breakdown
 */
export function breakdownAggregator<R, S extends AggregatorState, Out>(
  inner: Aggregator<R, S, Out>,
  options: BreakdownOptions<R> = {},
): BreakdownAggregator<R, S, Out> {
  const byEntries = Object.entries(options.by ?? {});
  for (const [name, f] of byEntries) {
    if (typeof f !== "function") throw new InvalidOptionError(KIND, `by.${name}`, "is not a function that reads the key from a record");
  }
  const names = byEntries.map(([name]) => name);
  const accessors = byEntries.map(([, f]) => f);
  const period = options.period ? checkPeriodSpec(KIND, options.period) : null;
  const at = options.period?.at;
  if (period && typeof at !== "function") throw new InvalidOptionError(KIND, "period.at", "is not a function that reads the instant from a record");
  const onInvalid = checkOnInvalid(KIND, options.onInvalid);
  const complete = options.complete === true;
  const indexer = period ? new PeriodIndexer(period) : null;
  const innerOptions = innerOptionsOf(inner);
  const ownOptions = (): BreakdownState<S>["options"] => ({
    inner: inner.kind,
    innerOptions: structuredClone(innerOptions),
    by: [...names],
    period: period ? { ...period } : null,
  });

  const empty = (): BreakdownState<S> => ({
    v: 1,
    kind: KIND,
    options: ownOptions(),
    groups: {},
    records: 0,
    invalid: emptyInvalidLog(),
  });

  const groupOf = (state: BreakdownState<S>, key: KeyValue[], p: Period | null): BreakdownGroup<S> => {
    const id = JSON.stringify(p ? [...key, p.label] : key);
    let g = state.groups[id];
    if (g === undefined) {
      const keyObject: Record<string, KeyValue> = {};
      // defineProperty: a key named __proto__ stays data; -0 + 0 is 0, as JSON will read it back
      names.forEach((n, i) => Object.defineProperty(keyObject, n, { value: typeof key[i] === "number" ? (key[i] as number) + 0 : key[i], enumerable: true, writable: true, configurable: true }));
      g = { key: keyObject, period: p ? { ...p } : null, state: inner.empty() };
      state.groups[id] = g;
    }
    return g;
  };

  // The record path finds its group through nested Maps (one level per key, then an array by period slot), kept
  // per state outside it (the state stays plain JSON): JSON.stringify of the id only runs when a group is looked up
  // for the first time. Slots belong to this aggregator's indexer, so the lookups do too.
  const lookups = new WeakMap<BreakdownState<S>, Lookup<S>>();
  const keyBuffer: KeyValue[] = new Array(names.length);

  const add = (state: BreakdownState<S>, record: R, index?: number): BreakdownState<S> => {
    const i = index ?? state.records;
    state.records += 1;
    let node = lookups.get(state);
    if (node === undefined) lookups.set(state, (node = names.length > 0 ? new Map() : []));
    for (let k = 0; k < names.length; k++) {
      const raw = accessors[k]!(record);
      if (!isKeyValue(raw)) {
        rejectRecord(state.invalid, onInvalid, KIND, { index: i, field: names[k]!, value: jsonSafeValue(raw), reason: "expected a string, finite number, boolean or null as a group key" });
        return state;
      }
      const v = raw === undefined ? null : raw;
      keyBuffer[k] = v;
      const level = node as Map<KeyValue, Lookup<S>>;
      let next = level.get(v);
      if (next === undefined) level.set(v, (next = k === names.length - 1 ? [] : new Map()));
      node = next;
    }
    let slot = 0;
    if (indexer) {
      const raw = at!(record);
      const ms = parseInstant(raw, period!.timeZone);
      if (ms === null) {
        const reason = raw === null || raw === undefined ? "expected an instant (a record without one has no period)" : "expected a Date, epoch milliseconds or an ISO 8601 string, in years 1000 to 9999";
        rejectRecord(state.invalid, onInvalid, KIND, { index: i, field: "at", value: jsonSafeValue(raw), reason });
        return state;
      }
      slot = indexer.slotOf(ms);
    }
    const bySlot = node as (BreakdownGroup<S> | undefined)[];
    let g = bySlot[slot];
    if (g === undefined) g = bySlot[slot] = groupOf(state, [...keyBuffer], indexer ? indexer.periods[slot]! : null);
    g.state = inner.add(g.state, record, i);
    return state;
  };

  const addColumns = (state: BreakdownState<S>, table: ColumnTable, startIndex?: number): BreakdownState<S> => {
    const { values } = table;
    const n = values.length;
    const base = startIndex ?? state.records;
    const cols = names.map((name) => {
      const c = table.keys?.[name];
      if (!c || c.codes.length !== n) throw new InvalidOptionError(KIND, `keys.${name}`, `needs codes for all ${n} rows`);
      c.labels.forEach((l, j) => {
        if (!isKeyValue(l)) throw new InvalidOptionError(KIND, `keys.${name}.labels[${j}]`, "is not a string, finite number, boolean or null");
      });
      // an undefined label is the null key, as on the record path
      return { codes: c.codes, labels: c.labels.map((l) => l ?? null) };
    });
    const times = table.at;
    if (indexer && (!times || times.length !== n)) throw new InvalidOptionError(KIND, "at", `needs an instant for all ${n} rows`);
    // One flat array of inner states for this call, cells[slot * combos + combo] (combo: the mixed-radix number of
    // the key codes); the state stays the source of truth, so a later call finds the same groups again.
    const codes = cols.map((c) => c.codes);
    const sizes = cols.map((c) => c.labels.length);
    const strides: number[] = [];
    let combos = 1;
    for (const size of sizes) {
      strides.push(combos);
      combos *= size;
    }
    // cell numbers must stay exact doubles: slots (periods) x combos < 2^53 with room for a million periods
    if (combos > 2 ** 32) throw new InvalidOptionError(KIND, "keys", `have ${combos} label combinations; addColumns handles up to 2^32 (use add for more)`);
    const cells: (S | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      let combo = 0;
      let bad = -1;
      for (let k = 0; k < codes.length; k++) {
        const code = codes[k]![i]!;
        // an integer from 0 to size - 1: (code | 0) === code rules out fractions, NaN and |code| >= 2^31
        if ((code | 0) !== code || code >>> 0 >= sizes[k]!) bad = k;
        combo += code * strides[k]!;
      }
      if (bad >= 0) {
        rejectRecord(state.invalid, onInvalid, KIND, { index: base + i, field: names[bad]!, value: jsonSafeValue(codes[bad]![i]), reason: `expected a code from 0 to ${sizes[bad]! - 1}` });
        continue;
      }
      let slot = 0;
      if (indexer) {
        const t = times![i]!;
        if (!isInstant(t)) {
          rejectRecord(state.invalid, onInvalid, KIND, { index: base + i, field: "at", value: jsonSafeValue(t), reason: "expected epoch milliseconds in years 1000 to 9999" });
          continue;
        }
        slot = indexer.slotOf(t);
      }
      const cell = slot * combos + combo;
      let s = cells[cell];
      if (s === undefined) {
        const key = cols.map((c, k) => c.labels[Math.floor(combo / strides[k]!) % sizes[k]!]!);
        s = cells[cell] = groupOf(state, key, indexer ? indexer.periods[slot]! : null).state;
      }
      const next = inner.add(s, values[i] as R, base + i);
      if (next !== s) throw new InvalidOptionError(KIND, "inner", `is a ${inner.kind} aggregator whose add returns a new state; addColumns needs one that updates its state in place (use add)`);
    }
    state.records += n;
    return state;
  };

  const merge = (a: BreakdownState<S>, b: BreakdownState<S>): BreakdownState<S> => {
    if (!sameJson(a.options, b.options)) {
      throw new IncompatibleStatesError(KIND, `${JSON.stringify(a.options)} vs ${JSON.stringify(b.options)}`);
    }
    const out = empty();
    out.records = a.records + b.records;
    out.invalid = mergeInvalidLogs(a.invalid, b.invalid);
    for (const src of [a, b]) {
      for (const [id, g] of Object.entries(src.groups)) {
        const have = out.groups[id];
        out.groups[id] = have
          ? { key: have.key, period: have.period, state: inner.merge(have.state, g.state) }
          : { key: { ...g.key }, period: g.period ? { ...g.period } : null, state: inner.merge(inner.empty(), g.state) };
      }
    }
    return out;
  };

  const result = (state: BreakdownState<S>): BreakdownResult<Out> => {
    let total = inner.empty();
    const groups = Object.values(state.groups);
    for (const g of groups) total = inner.merge(total, g.state);
    let rows: GridRow<S>[] = groups.map((g) => ({ key: g.key, period: g.period, state: g.state }));
    if (complete && state.options.period && rows.length > 0) rows = completeGrid(rows, state.options.period, inner);
    rows.sort((x, y) => compareKeys(names.map((n) => x.key[n] ?? null), names.map((n) => y.key[n] ?? null)) || (x.period?.start ?? 0) - (y.period?.start ?? 0));
    return {
      rows: rows.map((r) => ({
        key: { ...r.key },
        period: r.period?.label ?? null,
        periodStart: r.period ? new Date(r.period.start).toISOString() : null,
        periodEnd: r.period ? new Date(r.period.end).toISOString() : null,
        result: inner.result(r.state),
      })),
      total: inner.result(total),
      invalid: invalidSummary(state.invalid, onInvalid),
      by: [...state.options.by],
      period: state.options.period ? { ...state.options.period } : null,
    };
  };

  const fromJSON = (json: unknown): BreakdownState<S> => {
    const o = expectHeader(KIND, json);
    const opts = expectObject(KIND, "options", o["options"]);
    if (opts["inner"] !== inner.kind) fail(KIND, "options.inner", `is ${JSON.stringify(opts["inner"])}, expected "${inner.kind}"`);
    const by = expectArray(KIND, "options.by", opts["by"]);
    if (!sameJson(by, names)) fail(KIND, "options.by", `is ${JSON.stringify(by)}, this breakdown groups by ${JSON.stringify(names)}`);
    if (!sameJson(opts["period"], period)) fail(KIND, "options.period", `is ${JSON.stringify(opts["period"])}, expected ${JSON.stringify(period)}`);
    if (!sameJson(opts["innerOptions"], innerOptions)) {
      fail(KIND, "options.innerOptions", `are ${JSON.stringify(opts["innerOptions"])}, this breakdown's ${inner.kind} aggregator uses ${JSON.stringify(innerOptions)}`);
    }
    const rawGroups = expectObject(KIND, "groups", o["groups"]);
    const groups: Record<string, BreakdownGroup<S>> = {};
    /** Periods by start, so that many groups of one period cost one date-fns call. */
    const known = new Map<number, Period | null>();
    for (const [id, raw] of Object.entries(rawGroups)) {
      const g = expectObject(KIND, `groups[${id}]`, raw);
      const keyRaw = expectObject(KIND, `groups[${id}].key`, g["key"]);
      const key: Record<string, KeyValue> = {};
      for (const n of names) {
        const v = keyRaw[n];
        if (!isKeyValue(v) || v === undefined) fail(KIND, `groups[${id}].key.${n}`, "is not a key value");
        Object.defineProperty(key, n, { value: v, enumerable: true, writable: true, configurable: true });
      }
      let p: Period | null = null;
      if (period) {
        const pr = expectObject(KIND, `groups[${id}].period`, g["period"]);
        if (typeof pr["label"] !== "string") fail(KIND, `groups[${id}].period.label`, "is not a string");
        p = { label: pr["label"] as string, start: expectFinite(KIND, `groups[${id}].period.start`, pr["start"]), end: expectFinite(KIND, `groups[${id}].period.end`, pr["end"]) };
        let actual = known.get(p.start);
        if (actual === undefined) known.set(p.start, (actual = isInstant(p.start) ? periodOf(p.start, period) : null));
        if (!actual || actual.label !== p.label || actual.start !== p.start || actual.end !== p.end) {
          fail(KIND, `groups[${id}].period`, `is ${JSON.stringify(p)}, which is not a ${period.unit} in ${period.timeZone}${actual ? ` (that would be ${JSON.stringify(actual)})` : ""}`);
        }
      } else if (g["period"] !== null) fail(KIND, `groups[${id}].period`, "must be null without a period");
      const expectedId = JSON.stringify(p ? [...names.map((n) => key[n]), p.label] : names.map((n) => key[n]));
      if (expectedId !== id) fail(KIND, `groups[${id}]`, "has an id that does not match its key and period");
      groups[id] = { key, period: p, state: inner.fromJSON(g["state"]) };
    }
    return {
      v: 1,
      kind: KIND,
      options: ownOptions(),
      groups,
      records: expectCount(KIND, "records", o["records"]),
      invalid: readInvalidLog(KIND, o["invalid"]),
    };
  };

  return { kind: KIND, empty, add, addColumns, merge, result, fromJSON };
}

/**
 * Group records by keys and calendar period and compute a metric for each group, plus the total.
 *
 *   rows = { (key, period) -> aggregator.result(states[key, period]) },   total = result(merge of all states)
 *
 * Periods are computed with date-fns in the given IANA zone (DST-correct); a timestamp without an offset is read
 * in that zone. A group whose records are all missing or invalid gives the inner empty result (null scores),
 * never an exception. A record whose key or time cannot be read is an InvalidRecordError, or counted in
 * `invalid` with `onInvalid: "count"`. O(records) time, O(groups) memory.
 *
 * @param aggregator the inner metric, e.g. `npsAggregator({ value: (r) => r.score })`
 * @param records any iterable of records
 * @param options `by` keys, `period` ({ at, unit, timeZone, weekStartsOn }), `complete`, `onInvalid`
 * @returns rows of key x period with their results, and the total
 * @example
 * breakdown(npsAggregator({ value: (r) => r.score }), answers, {
 *   by: { channel: (r) => r.channel },
 *   period: { at: (r) => r.at, unit: "isoWeek", timeZone: "Europe/Berlin" },
 * }).rows[0] // => { key: { channel: "chat" }, period: "2024-W01", periodStart: "...", periodEnd: "...", result: { score: 12.5, ... } }
 * @see DESIGN.md sections 3 and 5
 */
export function breakdown<R, S extends AggregatorState, Out>(
  aggregator: Aggregator<R, S, Out>,
  records: Iterable<R>,
  options: BreakdownOptions<R> = {},
): BreakdownResult<Out> {
  const agg = breakdownAggregator(aggregator, options);
  let state = agg.empty();
  let i = 0;
  for (const r of records) state = agg.add(state, r, i++);
  return agg.result(state);
}

function isKeyValue(v: unknown): v is KeyValue | undefined {
  // Infinity is refused: JSON would write it as null and merge its group into the null group.
  return v === null || v === undefined || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

/** The options an inner aggregator writes into its states (`null` when its states carry none), as plain JSON. */
function innerOptionsOf<S extends AggregatorState>(inner: Aggregator<never, S, unknown>): unknown {
  const o = (inner.empty() as AggregatorState & { options?: unknown }).options;
  return o === undefined ? null : structuredClone(o);
}

/** Row order: key by key, null first, then booleans, numbers (by value), strings (by code units); a total order. */
function compareKeys(a: KeyValue[], b: KeyValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const rx = typeRank(x);
    const ry = typeRank(y);
    if (rx !== ry) return rx - ry;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return (x as string | boolean) < (y as string | boolean) ? -1 : 1;
  }
  return 0;
}

function typeRank(v: KeyValue): number {
  return v === null ? 0 : typeof v === "boolean" ? 1 : typeof v === "number" ? 2 : 3;
}

/** The record path's group lookup: one Map level per key, then the groups by period slot. */
type Lookup<S> = Map<KeyValue, Lookup<S>> | (BreakdownGroup<S> | undefined)[];

interface GridRow<S> {
  key: Record<string, KeyValue>;
  period: Period | null;
  state: S;
}

function completeGrid<R, S extends AggregatorState, Out>(rows: GridRow<S>[], spec: PeriodSpec, inner: Aggregator<R, S, Out>): GridRow<S>[] {
  const first = Math.min(...rows.map((r) => r.period!.start));
  const last = Math.max(...rows.map((r) => r.period!.start));
  const periods: Period[] = [];
  for (let p = periodOf(first, spec); p.start <= last; p = periodOf(p.end, spec)) periods.push(p);
  const byKey = new Map<string, { key: Record<string, KeyValue>; have: Map<string, S> }>();
  for (const r of rows) {
    const k = JSON.stringify(Object.values(r.key));
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { key: r.key, have: new Map() }));
    e.have.set(r.period!.label, r.state);
  }
  const out: GridRow<S>[] = [];
  for (const { key, have } of byKey.values()) {
    for (const p of periods) out.push({ key, period: p, state: have.get(p.label) ?? inner.empty() });
  }
  return out;
}
