// Benchmarks of the ticket building blocks (issue 4, point 11): `npm run build && node --expose-gc bench/sketchAndCalendar.mjs`.
//
// (a) percentiles of 10 M seeded log-normal durations: quantile sketch (addAll + sketchQuantiles) vs an exact sort
//     (Float64Array copy + sort); the measured relative error of p50/p90/p95/p99 against the exact order statistics.
// (b) businessCalendar.elapsed over 1 M seeded ticket (created, resolved) pairs in Europe/Berlin vs plain subtraction.
//
//   BENCH_DURATIONS  number of durations for (a) (default 10,000,000)
//   BENCH_TICKETS    number of tickets for (b) (default 1,000,000)
//   BENCH_RUNS       timed runs per case (default 5; the median is reported)
//   BENCH_LIB        another cx-metrics build to load instead of ../dist/index.js

import os from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const LIB = process.env.BENCH_LIB ? pathToFileURL(resolve(process.env.BENCH_LIB)).href : new URL("../dist/index.js", import.meta.url).href;
const { quantileSketchAggregator, sketchQuantiles, businessCalendar, seededRandom } = await import(LIB);

const count = (v, d) => (v === undefined ? d : Math.max(1, Math.floor(Number(v))));
const N_DURATIONS = count(process.env.BENCH_DURATIONS, 10_000_000);
const N_TICKETS = count(process.env.BENCH_TICKETS, 1_000_000);
const RUNS = count(process.env.BENCH_RUNS, 5);
const QS = [0.5, 0.9, 0.95, 0.99];
const HOUR = 3_600_000;

if (typeof globalThis.gc !== "function") {
  console.error("bench: run with node --expose-gc");
  process.exit(2);
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Median wall time in ms of `runs` runs after one warm-up, with a full GC before each, and the median CPU time of
 * this process over the same runs (the machine is shared: wall time includes waiting for a core, CPU time does not).
 */
function time(f, runs = RUNS) {
  let value = f();
  const times = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc();
    const c0 = cpuMs();
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
    cpus.push(cpuMs() - c0);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], cpu: cpus[Math.floor(cpus.length / 2)], value };
}

const fmt = (x, d = 1) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

console.log(`# tickets-a bench, ${new Date().toISOString()}`);
console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);

// ---------------------------------------------------------------------------------------------------------------
// (a) sketch vs exact sort
// ---------------------------------------------------------------------------------------------------------------

{
  const rng = seededRandom(4);
  const durations = new Float64Array(N_DURATIONS);
  // log-normal: median 4 hours, sigma 1.5 (p99 about 33 times the median), rounded to whole ms like real timestamps
  for (let i = 0; i < N_DURATIONS; i++) durations[i] = Math.round(4 * HOUR * Math.exp(1.5 * rng.normal()));

  const agg = quantileSketchAggregator();
  const sketch = time(() => sketchQuantiles(agg.addAll(agg.empty(), durations), QS));
  const exact = time(() => {
    const s = durations.slice().sort();
    return s;
  });
  const sorted = exact.value;
  const n = sorted.length;
  const rankValue = (q) => sorted[Math.floor(q * (n - 1))];
  const type7 = (q) => {
    const h = q * (n - 1);
    const lo = Math.floor(h);
    return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
  };
  console.log(`\n## (a) percentiles of ${fmt(N_DURATIONS, 0)} log-normal durations (median of ${RUNS} runs)`);
  console.log(`| method | wall (ms) | CPU (ms) | CPU per value (ns) |`);
  console.log(`|---|---:|---:|---:|`);
  console.log(`| quantile sketch (addAll + sketchQuantiles, a = 0.01) | ${fmt(sketch.ms)} | ${fmt(sketch.cpu)} | ${fmt((sketch.cpu * 1e6) / N_DURATIONS)} |`);
  console.log(`| exact: Float64Array copy + sort | ${fmt(exact.ms)} | ${fmt(exact.cpu)} | ${fmt((exact.cpu * 1e6) / N_DURATIONS)} |`);
  console.log(`speed-up: ${fmt(exact.ms / sketch.ms, 2)}x wall, ${fmt(exact.cpu / sketch.cpu, 2)}x CPU (target >= 5x: ${Math.min(exact.ms / sketch.ms, exact.cpu / sketch.cpu) >= 5 ? "met" : "MISSED"})`);
  console.log(`| q | exact x_(floor(q(n-1))) | sketch | relative error | vs type 7 ${"|"}`);
  console.log(`|---|---:|---:|---:|---:|`);
  let worst = 0;
  QS.forEach((q, i) => {
    const x = rankValue(q);
    const e = sketch.value[i];
    const rel = Math.abs(e - x) / x;
    worst = Math.max(worst, rel);
    console.log(`| ${q} | ${fmt(x, 0)} | ${fmt(e, 0)} | ${rel.toExponential(3)} | ${(Math.abs(e - type7(q)) / type7(q)).toExponential(3)} |`);
  });
  console.log(`max relative error ${worst.toExponential(3)} (bound 0.01: ${worst <= 0.01 ? "within" : "EXCEEDED"})`);

  // merging 8 sketches of the parts gives the same quantiles
  const parts = 8;
  const size = Math.ceil(N_DURATIONS / parts);
  let merged = agg.empty();
  const tm = time(() => {
    merged = agg.empty();
    for (let p = 0; p < parts; p++) merged = agg.merge(merged, agg.addAll(agg.empty(), durations.subarray(p * size, (p + 1) * size)));
    return sketchQuantiles(merged, QS);
  }, 3);
  const same = tm.value.every((v, i) => v === sketch.value[i]);
  console.log(`8 part sketches merged: ${fmt(tm.ms)} ms, quantiles ${same ? "identical to" : "DIFFERENT from"} one pass; state ${fmt(JSON.stringify(merged).length, 0)} bytes of JSON, ${merged.positive.counts.length} buckets`);
}

// ---------------------------------------------------------------------------------------------------------------
// (b) business time vs calendar time
// ---------------------------------------------------------------------------------------------------------------

{
  const TZ = "Europe/Berlin";
  const weekday = [["08:00", "18:00"]];
  const spec = {
    timeZone: TZ,
    hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [["10:00", "14:00"]] },
    holidays: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09", "2025-10-03", { date: "2025-12-24", hours: [["09:00", "12:00"]] }, "2025-12-25", "2025-12-26", { date: "2025-12-31", hours: [["09:00", "12:00"]] }],
  };
  const shifts = { ...spec, hours: { mon: [["06:00", "14:00"], ["14:00", "22:00"], ["22:00", "06:00"]], tue: [["06:00", "14:00"], ["14:00", "22:00"], ["22:00", "06:00"]], wed: [["06:00", "14:00"], ["22:00", "06:00"]], thu: [["06:00", "14:00"], ["22:00", "06:00"]], fri: [["06:00", "22:00"], ["22:00", "06:00"]] } };

  // tickets created over 2025 (weighted to weekday working hours), resolved a log-normal time later (median 6 h)
  const rng = seededRandom(7);
  const created = new Float64Array(N_TICKETS);
  const resolved = new Float64Array(N_TICKETS);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < N_TICKETS; i++) {
    let t;
    do t = start + Math.floor(rng.next() * 365 * 24) * HOUR + rng.int(HOUR);
    while (rng.next() > (new Date(t).getUTCDay() % 6 === 0 ? 0.2 : [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.8, 0.5, 0.3, 0.2, 0.2, 0.1, 0.1][new Date(t).getUTCHours()]));
    created[i] = t;
    resolved[i] = t + Math.round(6 * HOUR * Math.exp(1.2 * rng.normal()));
  }

  const t0 = performance.now();
  const cold = businessCalendar(spec);
  cold.elapsed(created[0], resolved[0]);
  const coldMs = performance.now() - t0;

  const cal = businessCalendar(spec);
  const plain = time(() => {
    let s = 0;
    for (let i = 0; i < N_TICKETS; i++) s += resolved[i] - created[i];
    return s;
  });
  const business = time(() => {
    let s = 0;
    for (let i = 0; i < N_TICKETS; i++) s += cal.elapsed(created[i], resolved[i]);
    return s;
  });
  const shiftCal = businessCalendar(shifts);
  const overnight = time(() => {
    let s = 0;
    for (let i = 0; i < N_TICKETS; i++) s += shiftCal.elapsed(created[i], resolved[i]);
    return s;
  });
  const add = time(() => {
    let s = 0;
    for (let i = 0; i < N_TICKETS; i++) s += cal.addBusinessTime(created[i], 8 * HOUR) - created[i];
    return s;
  });
  const per = (r) => (r.ms * 1e6) / N_TICKETS;
  const perCpu = (r) => (r.cpu * 1e6) / N_TICKETS;
  console.log(`\n## (b) ${fmt(N_TICKETS, 0)} tickets in ${TZ}, created over 2025, resolved after a log-normal time (median 6 h) (median of ${RUNS} runs)`);
  console.log(`| case | wall (ms) | wall per ticket (ns) | CPU per ticket (ns) |`);
  console.log(`|---|---:|---:|---:|`);
  const row = (name, r) => console.log(`| ${name} | ${fmt(r.ms)} | ${fmt(per(r))} | ${fmt(perCpu(r))} |`);
  row("calendar time: resolved - created", plain);
  row("business time: cal.elapsed (Mon-Fri 08-18, Sat 10-14, 9 holidays, 2 half days)", business);
  row("business time: cal.elapsed (24x5 shifts with 22:00-06:00 overnight, same holidays)", overnight);
  row("cal.addBusinessTime(created, 8 h) (an SLA due time)", add);
  console.log(`first call (calendar built, first 1024-day chunk cached): ${fmt(coldMs, 2)} ms`);
  console.log(`elapsed per call ${fmt(per(business))} ns wall, ${fmt(perCpu(business))} ns CPU (aim < 100 ns on cached days: ${perCpu(business) < 100 ? "met" : "MISSED"})`);
  console.log(`mean TTR: calendar ${fmt(plain.value / N_TICKETS / HOUR, 2)} h, business ${fmt(business.value / N_TICKETS / HOUR, 2)} h, 24x5 shifts ${fmt(overnight.value / N_TICKETS / HOUR, 2)} h`);
}
