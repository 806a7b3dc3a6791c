// rfmSummary over many transactions with bounded memory, against DuckDB computing the same summary in SQL.
// Run: npm run build && node --expose-gc bench/rfmSummary.mjs
//
//   BENCH_TRANSACTIONS  transactions (default 10,000,000); e.g. 200000 for a smoke run
//   BENCH_CUSTOMERS     customers (default 1,000,000)
//   BENCH_DUCKDB        set to 0 to skip DuckDB (and the temp CSV)
//
// The transactions come from a seeded generator (seededRandom) in random order: each draws a customer, a day in
// 1997-01-01..1998-12-31 and a time of day (epoch ms, UTC), and an amount in whole cents. They are streamed into
// rfmSummaryAggregator one by one and never held; the same generator writes them to a temp CSV for DuckDB, which
// loads it into a table (timed apart) and computes the same per-customer summary with GROUP BY. The run fails
// (exit 1) if the two summaries' totals differ.

import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const LIB = process.env.BENCH_LIB ? pathToFileURL(resolve(process.env.BENCH_LIB)).href : new URL("../dist/index.js", import.meta.url).href;
const { rfmSummaryAggregator, seededRandom } = await import(LIB);

const N = Number(process.env.BENCH_TRANSACTIONS ?? 10_000_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const WITH_DUCKDB = process.env.BENCH_DUCKDB !== "0";
const SEED = 6;
const DAY_MS = 86_400_000;
const START = Date.UTC(1997, 0, 1);
const DAYS = 730;

if (typeof globalThis.gc !== "function") {
  console.error("bench: run with node --expose-gc");
  process.exit(2);
}

/** The seeded transactions, in random order, one new object each. */
function* transactions() {
  const rng = seededRandom(SEED);
  for (let i = 0; i < N; i++) {
    const c = rng.int(CUSTOMERS);
    const at = START + rng.int(DAYS) * DAY_MS + rng.int(DAY_MS);
    const a = (100 + rng.int(20_000)) / 100;
    yield { c, at, a };
  }
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
/** CPU time (user + system, all threads of the process) since `from`, in ms: steadier than wall time on a shared machine. */
const cpuSince = (from) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

console.log(`rfmSummary bench: ${N.toLocaleString("en")} transactions, ${CUSTOMERS.toLocaleString("en")} customers, node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), shared with other sessions`);

// 1. The generator alone (its cost is part of the streaming figure below).
globalThis.gc();
let t0 = performance.now();
let c0 = process.cpuUsage();
let check = 0;
for (const t of transactions()) check += t.c;
const generateMs = performance.now() - t0;
const generateCpu = cpuSince(c0);
console.log(`generator alone: ${sec(generateMs)} wall, ${sec(generateCpu)} CPU (checksum ${check})`);

// 2. Streaming into the aggregator, sampling the heap every 250,000 transactions.
globalThis.gc();
const baseline = process.memoryUsage();
const agg = rfmSummaryAggregator({ customerId: (t) => t.c, at: (t) => t.at, amount: (t) => t.a, timeUnit: "weeks" });
let state = agg.empty();
let peakHeap = 0;
let i = 0;
t0 = performance.now();
c0 = process.cpuUsage();
for (const t of transactions()) {
  state = agg.add(state, t, i);
  if (++i % 250_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const addMs = performance.now() - t0;
const addCpu = cpuSince(c0);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
t0 = performance.now();
c0 = process.cpuUsage();
const summary = agg.result(state);
const resultMs = performance.now() - t0;
const resultCpu = cpuSince(c0);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const peakRss = process.resourceUsage().maxRSS * 1024;
globalThis.gc();
const stateHeap = process.memoryUsage().heapUsed - baseline.heapUsed;
let purchaseDays = 0;
for (const k in state.customers) purchaseDays += state.customers[k].days.length;
const js = totals(summary.rows.map((r) => [r.frequency, r.recency, r.T, r.monetaryValue]));
console.log(
  `cx-metrics rfmSummaryAggregator: add ${sec(addMs)} wall, ${sec(addCpu)} CPU (${((N / addCpu) * 1000 / 1e6).toFixed(2)} M transactions per CPU second including the generator), result ${sec(resultMs)} wall, ${sec(resultCpu)} CPU; ` +
    `${summary.customers.toLocaleString("en")} customers, ${purchaseDays.toLocaleString("en")} distinct customer-days; ` +
    `peak heap ${mb(peakHeap)}, peak RSS ${mb(peakRss)}, state + rows after GC ${mb(stateHeap)}`,
);
state = null;

let duck = null;
if (WITH_DUCKDB) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const dir = mkdtempSync(join(os.tmpdir(), "cx-clv-bench-"));
  const csv = join(dir, "transactions.csv");
  try {
    t0 = performance.now();
    await writeCsv(csv);
    const writeMs = performance.now() - t0;
    const instance = await DuckDBInstance.create(":memory:");
    const con = await instance.connect();
    t0 = performance.now();
    c0 = process.cpuUsage();
    await con.run(`CREATE TABLE tx AS SELECT * FROM read_csv('${csv}', header = true, columns = {'c': 'INTEGER', 'ts': 'BIGINT', 'a': 'DOUBLE'})`);
    const loadMs = performance.now() - t0;
    const loadCpu = cpuSince(c0);
    // The same semantics: calendar days (UTC), same-day amounts summed, frequency = days - 1, recency and T in
    // weeks with the study ending on the last purchase day, monetary value = mean of the repeat days.
    const query = `
      CREATE OR REPLACE TEMP TABLE summary AS
      WITH d AS (SELECT c, floor(ts / ${DAY_MS}.0)::BIGINT AS day, sum(a) AS amount FROM tx GROUP BY c, day),
           e AS (SELECT max(day) AS last_day FROM d),
           per AS (SELECT c, min(day) AS first, max(day) AS last, count(*) AS n, sum(amount) AS total, arg_min(amount, day) AS first_amount FROM d GROUP BY c)
      SELECT c, n - 1 AS frequency, (last - first) / 7.0 AS recency, ((SELECT last_day FROM e) - first) / 7.0 AS T,
             CASE WHEN n > 1 THEN (total - first_amount) / (n - 1) END AS monetary
      FROM per`;
    const times = [];
    const cpus = [];
    for (let run = 0; run < 3; run++) {
      t0 = performance.now();
      c0 = process.cpuUsage();
      await con.run(query);
      times.push(performance.now() - t0);
      cpus.push(cpuSince(c0));
    }
    const reader = await con.runAndReadAll("SELECT frequency, recency, T, monetary FROM summary");
    const duckTotals = totals(reader.getRows().map((r) => r.map((v) => (v === null ? null : Number(v)))));
    const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
    const version = (await con.runAndReadAll("SELECT version()")).getRows()[0][0];
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    duck = { loadMs, loadCpu, queryMs: times[1], queryCpu: cpus[1], writeMs, threads, version, csvBytes: statSync(csv).size, totals: duckTotals };
    console.log(`DuckDB ${version} (threads ${threads}): CSV written in ${sec(writeMs)} (${mb(duck.csvBytes)}, not timed), read_csv into a table ${sec(loadMs)} wall / ${sec(loadCpu)} CPU, summary query median of 3 ${sec(duck.queryMs)} wall / ${sec(duck.queryCpu)} CPU`);
    same(js, duckTotals);
    con.closeSync?.();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows = [
  ["transactions / customers / distinct customer-days", `${N.toLocaleString("en")} / ${summary.customers.toLocaleString("en")} / ${purchaseDays.toLocaleString("en")}`, ""],
  ["cx-metrics: stream into rfmSummaryAggregator (incl. generator)", sec(addMs), sec(addCpu)],
  ["cx-metrics: of which the generator alone", sec(generateMs), sec(generateCpu)],
  ["cx-metrics: result() (1 row per customer, sorted by id)", sec(resultMs), sec(resultCpu)],
  ["cx-metrics: peak heap / peak RSS", `${mb(peakHeap)} / ${mb(peakRss)}`, ""],
];
if (duck) {
  rows.push(["DuckDB: read_csv into a table", sec(duck.loadMs), sec(duck.loadCpu)]);
  rows.push(["DuckDB: summary query (GROUP BY, median of 3)", sec(duck.queryMs), sec(duck.queryCpu)]);
  rows.push(["cx-metrics (add + result) / DuckDB (load + query)", `${((addMs + resultMs) / (duck.loadMs + duck.queryMs)).toFixed(2)}x`, `${((addCpu + resultCpu) / (duck.loadCpu + duck.queryCpu)).toFixed(2)}x`]);
}
console.log(`\n| measure | wall | CPU |\n|---|---:|---:|\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}`);

/** Column totals of (frequency, recency, T, monetary) rows, to compare two summaries. */
function totals(rs) {
  const t = { customers: rs.length, frequency: 0, recency: 0, T: 0, monetary: 0, withMonetary: 0 };
  for (const [f, r, T, m] of rs) {
    t.frequency += f;
    t.recency += r;
    t.T += T;
    if (m !== null) {
      t.monetary += m;
      t.withMonetary += 1;
    }
  }
  return t;
}

function same(a, b) {
  for (const k of Object.keys(a)) {
    const ok = Number.isInteger(a[k]) ? a[k] === b[k] : Math.abs(a[k] - b[k]) <= 1e-9 * Math.max(1, Math.abs(a[k]));
    if (!ok) {
      console.error(`bench: cx-metrics and DuckDB differ on ${k}: ${a[k]} vs ${b[k]}`);
      process.exit(1);
    }
  }
  console.log(`cx-metrics and DuckDB agree: ${JSON.stringify(a)}`);
}

async function writeCsv(path) {
  const out = createWriteStream(path);
  const write = (s) => new Promise((ok) => (out.write(s) ? ok() : out.once("drain", ok)));
  await write("c,ts,a\n");
  let buf = [];
  for (const t of transactions()) {
    buf.push(`${t.c},${t.at},${t.a}\n`);
    if (buf.length === 100_000) {
      await write(buf.join(""));
      buf = [];
    }
  }
  await write(buf.join(""));
  await new Promise((ok) => out.end(ok));
}
