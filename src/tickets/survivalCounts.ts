/**
 * Event and censoring counts of durations for a Kaplan-Meier estimate that streams and merges (internal to
 * src/tickets): exact durations while there are at most `exactLimit` observations, then counts per log-spaced
 * bucket in the style of DDSketch (bucket i holds (gamma^(i-1), gamma^i], gamma = (1 + a) / (1 - a), and stands
 * for 2 gamma^i / (gamma + 1), within relative error a of every duration in it; durations <= 0 share bucket "z").
 * Which representation a state has depends only on its total count, so merges in any order agree.
 */
import { expectArray, expectCount, expectFinite, expectObject, fail } from "../_lib/stateChecks.ts";

/** Plain-JSON counts: exact lists, or buckets (key -> [events, censored]) once past the exact limit. */
export interface SurvivalCounts {
  events: number[];
  censored: number[];
  buckets: Record<string, [number, number]> | null;
}

/** The table kaplanMeierTable reads: distinct times ascending, events and censorings at each. */
export interface SurvivalTable {
  times: number[];
  events: number[];
  censored: number[];
}

/** No observations yet. */
export function emptySurvival(): SurvivalCounts {
  return { events: [], censored: [], buckets: null };
}

function keyOf(d: number, lnGamma: number): string {
  return d <= 0 ? "z" : String(Math.ceil(Math.log(d) / lnGamma));
}

function valueOf(key: string, gamma: number): number {
  return key === "z" ? 0 : (2 * gamma ** Number(key)) / (gamma + 1);
}

const lnGammaOf = (a: number): number => Math.log((1 + a) / (1 - a));

function bump(b: Record<string, [number, number]>, key: string, e: number, c: number): void {
  const cell = b[key];
  if (cell === undefined) b[key] = [e, c];
  else {
    cell[0] += e;
    cell[1] += c;
  }
}

function toBuckets(s: SurvivalCounts, lnGamma: number): Record<string, [number, number]> {
  const b: Record<string, [number, number]> = {};
  for (const d of s.events) bump(b, keyOf(d, lnGamma), 1, 0);
  for (const d of s.censored) bump(b, keyOf(d, lnGamma), 0, 1);
  return b;
}

/** Add one observation in place (event: resolved at `d`; else censored at age `d`). */
export function addSurvival(s: SurvivalCounts, d: number, event: boolean, exactLimit: number, relativeAccuracy: number): void {
  if (s.buckets !== null) {
    bump(s.buckets, keyOf(d, lnGammaOf(relativeAccuracy)), event ? 1 : 0, event ? 0 : 1);
    return;
  }
  (event ? s.events : s.censored).push(d);
  if (s.events.length + s.censored.length > exactLimit) {
    s.buckets = toBuckets(s, lnGammaOf(relativeAccuracy));
    s.events = [];
    s.censored = [];
  }
}

/** A new state holding both (copies; the arguments are left alone). */
export function mergeSurvival(a: SurvivalCounts, b: SurvivalCounts, exactLimit: number, relativeAccuracy: number): SurvivalCounts {
  const total = totalOf(a) + totalOf(b);
  if (a.buckets === null && b.buckets === null && total <= exactLimit) {
    return { events: [...a.events, ...b.events], censored: [...a.censored, ...b.censored], buckets: null };
  }
  const lnGamma = lnGammaOf(relativeAccuracy);
  const out: Record<string, [number, number]> = {};
  for (const s of [a, b]) {
    const cells = s.buckets ?? toBuckets(s, lnGamma);
    for (const k of Object.keys(cells)) bump(out, k, cells[k]![0], cells[k]![1]);
  }
  return { events: [], censored: [], buckets: out };
}

/** Events and censorings. */
export function survivalTotals(s: SurvivalCounts): { events: number; censored: number } {
  if (s.buckets === null) return { events: s.events.length, censored: s.censored.length };
  let events = 0;
  let censored = 0;
  for (const k of Object.keys(s.buckets)) {
    events += s.buckets[k]![0];
    censored += s.buckets[k]![1];
  }
  return { events, censored };
}

function totalOf(s: SurvivalCounts): number {
  const t = survivalTotals(s);
  return t.events + t.censored;
}

/** The tabulated counts, times ascending (bucket representatives once bucketed). */
export function survivalTable(s: SurvivalCounts, relativeAccuracy: number): SurvivalTable {
  const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
  if (s.buckets === null) {
    // Walk the two sorted lists together: distinct times ascending, events and censorings at each.
    const ev = Float64Array.from(s.events).sort();
    const ce = Float64Array.from(s.censored).sort();
    const times: number[] = [];
    const events: number[] = [];
    const censored: number[] = [];
    let i = 0;
    let j = 0;
    while (i < ev.length || j < ce.length) {
      const t = j >= ce.length || (i < ev.length && ev[i]! <= ce[j]!) ? ev[i]! : ce[j]!;
      let e = 0;
      let c = 0;
      while (i < ev.length && ev[i] === t) (e++, i++);
      while (j < ce.length && ce[j] === t) (c++, j++);
      times.push(t);
      events.push(e);
      censored.push(c);
    }
    return { times, events, censored };
  }
  const rows: [number, number, number][] = Object.keys(s.buckets).map((k) => [valueOf(k, gamma), s.buckets![k]![0], s.buckets![k]![1]]);
  rows.sort((x, y) => x[0] - y[0]);
  return { times: rows.map((r) => r[0]), events: rows.map((r) => r[1]), censored: rows.map((r) => r[2]) };
}

/** Read counts back from JSON, checking every field (InvalidStateError names it). */
export function readSurvival(kind: string, json: unknown, exactLimit: number): SurvivalCounts {
  const o = expectObject(kind, "survival", json);
  const durations = (field: string): number[] =>
    expectArray(kind, `survival.${field}`, o[field]).map((d, i) => {
      const x = expectFinite(kind, `survival.${field}[${i}]`, d);
      if (x < 0) fail(kind, `survival.${field}[${i}]`, `is ${x}, expected a duration >= 0`);
      return x;
    });
  const events = durations("events");
  const censored = durations("censored");
  const raw = o["buckets"];
  if (raw === null) {
    if (events.length + censored.length > exactLimit) fail(kind, "survival", `holds ${events.length + censored.length} exact durations, more than the exact limit ${exactLimit}`);
    return { events, censored, buckets: null };
  }
  const b = expectObject(kind, "survival.buckets", raw);
  if (events.length + censored.length > 0) fail(kind, "survival", "holds exact durations and buckets at once");
  const buckets: Record<string, [number, number]> = {};
  let total = 0;
  for (const k of Object.keys(b)) {
    if (k !== "z" && !(Number.isSafeInteger(Number(k)) && String(Number(k)) === k)) fail(kind, `survival.buckets.${k}`, 'is not a bucket key (an integer or "z")');
    const cell = expectArray(kind, `survival.buckets.${k}`, b[k]);
    if (cell.length !== 2) fail(kind, `survival.buckets.${k}`, `has ${cell.length} entries, expected [events, censored]`);
    const e = expectCount(kind, `survival.buckets.${k}[0]`, cell[0]);
    const c = expectCount(kind, `survival.buckets.${k}[1]`, cell[1]);
    if (e + c === 0) fail(kind, `survival.buckets.${k}`, "is an empty bucket");
    buckets[k] = [e, c];
    total += e + c;
  }
  if (total <= exactLimit) fail(kind, "survival.buckets", `hold ${total} observations, at most the exact limit ${exactLimit}: such a state keeps exact durations`);
  return { events: [], censored: [], buckets };
}
