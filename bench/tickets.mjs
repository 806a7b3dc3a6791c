// cx-metrics ticket benchmarks (tickets-b): `npm run build && node --expose-gc bench/tickets.mjs`.
//
// One process, one seeded set of tickets (generateTickets, the generator behind the report), every case timed as
// the median of several runs after a warm-up run, the cases of a section interleaved run by run (one full GC
// before each run):
//   a. timeToResolution over all tickets, calendar basis vs business basis (target: business <= 3x calendar);
//   b. the same through a breakdown by team x ISO week (business basis);
//   c. firstResponseTime and slaAttainment (business basis), for scale.
//
//   BENCH_TICKETS  number of tickets (default 1,000,000); e.g. BENCH_TICKETS=50000 for a smoke run
//   BENCH_RUNS     timed runs per case (default 5)
//   BENCH_LIB      if set, the cx-metrics build to load instead of ../dist/index.js

import os from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const LIB = process.env.BENCH_LIB ? pathToFileURL(resolve(process.env.BENCH_LIB)).href : new URL("../dist/index.js", import.meta.url).href;
const { generateTickets, businessCalendar, timeToResolutionAggregator, firstResponseTimeAggregator, slaAttainmentAggregator, breakdownAggregator } = await import(LIB);

const N = count(process.env.BENCH_TICKETS, 1_000_000);
const RUNS = count(process.env.BENCH_RUNS, 5);
const START = Date.UTC(2025, 0, 1);
const AS_OF = Date.UTC(2026, 0, 1);
const H = 3_600_000;

if (typeof globalThis.gc !== "function") {
  console.error("bench: run with node --expose-gc");
  process.exit(2);
}

const days = ["mon", "tue", "wed", "thu", "fri"];
const calendar = businessCalendar({
  timeZone: "Europe/Berlin",
  hours: Object.fromEntries(days.map((d) => [d, [["08:00", "12:30"], ["13:30", "18:00"]]])),
  holidays: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-12-24", { date: "2025-12-31", hours: [["08:00", "12:00"]] }, "2025-12-25", "2025-12-26"],
});

let t0 = performance.now();
const tickets = generateTickets({ seed: 2025, count: N, start: START, days: 365, instants: "ms" });
const genMs = performance.now() - t0;
console.log(`cx-metrics tickets bench: ${N.toLocaleString("en-US")} tickets (generated in ${(genMs / 1000).toFixed(1)} s, instants as epoch ms), ${RUNS} runs per case`);
console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), shared with other sessions; medians of the runs\n`);

function fold(agg) {
  let s = agg.empty();
  for (let i = 0; i < tickets.length; i++) s = agg.add(s, tickets[i], i);
  return agg.result(s);
}

/** Time cases interleaved (a run of each in turn), so machine load drifts hit them alike; medians per case. */
function timeAll(cases) {
  for (const [, fn] of cases) fn(); // warm-up
  const ms = cases.map(() => []);
  const outs = [];
  for (let r = 0; r < RUNS; r++) {
    cases.forEach(([, fn], k) => {
      globalThis.gc();
      const t = performance.now();
      outs[k] = fn();
      ms[k].push(performance.now() - t);
    });
  }
  return cases.map(([name], k) => {
    const sorted = ms[k].sort((a, b) => a - b);
    const med = sorted[Math.floor(sorted.length / 2)];
    console.log(`  ${name.padEnd(66)} ${med.toFixed(0).padStart(7)} ms  ${((N / med) * 1000 / 1e6).toFixed(2).padStart(6)} M tickets/s`);
    return { ms: med, out: outs[k] };
  });
}

console.log("a. time to resolution (full), asOf = end of year, open tickets censored");
const [cal, bus] = timeAll([
  ["timeToResolution, calendar basis", () => fold(timeToResolutionAggregator({ asOf: AS_OF, unit: "hours" }))],
  ["timeToResolution, business basis (Berlin, lunch break, holidays)", () => fold(timeToResolutionAggregator({ asOf: AS_OF, unit: "hours", calendar }))],
]);
const ratio = bus.ms / cal.ms;
console.log(`  business / calendar: ${ratio.toFixed(2)}x (target <= 3x: ${ratio <= 3 ? "met" : "MISSED"})`);
console.log(`  calendar: median ${cal.out.median.toFixed(2)} h, p90 ${cal.out.percentiles.p90.toFixed(2)} h, KM median ${cal.out.censored.median.toFixed(2)} h, open ${cal.out.open}, exact ${cal.out.exact}, relative error ${cal.out.relativeError}`);
console.log(`  business: median ${bus.out.median.toFixed(2)} h, p90 ${bus.out.percentiles.p90.toFixed(2)} h, KM median ${bus.out.censored.median.toFixed(2)} h\n`);

// The streaming figures against exact ones (exactLimit = N keeps every duration: R type 7 and exact Kaplan-Meier).
const exact = fold(timeToResolutionAggregator({ asOf: AS_OF, unit: "hours", calendar, exactLimit: N }));
const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
console.log(`  business, sketch vs exact: median ${rel(bus.out.median, exact.median).toExponential(2)}, p90 ${rel(bus.out.percentiles.p90, exact.percentiles.p90).toExponential(2)}, p95 ${rel(bus.out.percentiles.p95, exact.percentiles.p95).toExponential(2)}, KM median ${rel(bus.out.censored.median, exact.censored.median).toExponential(2)} (stated bound ${bus.out.relativeError}; mean exact in both: ${bus.out.mean === exact.mean})\n`);

console.log("b. breakdown by team x ISO week (Europe/Berlin)");
const by = { by: { team: (t) => t.team }, period: { at: (t) => t.createdAt, unit: "isoWeek", timeZone: "Europe/Berlin" } };
const [bc, bb] = timeAll([
  ["breakdown(timeToResolution), calendar basis", () => fold(breakdownAggregator(timeToResolutionAggregator({ asOf: AS_OF }), by))],
  ["breakdown(timeToResolution), business basis", () => fold(breakdownAggregator(timeToResolutionAggregator({ asOf: AS_OF, calendar }), by))],
]);
console.log(`  rows: ${bb.out.rows.length}; business / calendar: ${(bb.ms / bc.ms).toFixed(2)}x; breakdown / one pass (business): ${(bb.ms / bus.ms).toFixed(2)}x\n`);

console.log("c. other ticket metrics, business basis");
timeAll([
  ["firstResponseTime", () => fold(firstResponseTimeAggregator({ asOf: AS_OF, calendar }))],
  ["slaAttainment (resolution, per-priority targets)", () => fold(slaAttainmentAggregator({ metric: "resolution", target: { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 40 * H }, asOf: AS_OF, calendar }))],
]);

function count(raw, dflt) {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`expected a positive integer, got ${raw}`);
  return n;
}
