// cx-metrics churn benchmark: `npm run build && node --expose-gc bench/churn.mjs`.
//
// One seeded data set (generateSubscriptions, the generator behind the report's sample), timed as the median of
// several runs after a warm-up, with DuckDB (embedded, same process) computing the same numbers with SQL in the same
// run. A result that differs between the engines fails the run (exit code 1).
//
//   BENCH_CUSTOMERS  customers to generate (default 1,000,000; returning customers add ~4% more subscriptions)
//   BENCH_RUNS       timed runs per case (default 5)

import os from "node:os";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { DuckDBInstance, DuckDBDataChunk, INTEGER, DOUBLE } from "@duckdb/node-api";

const { churnRateSeries, churnCountsAggregator, cohortRetention, cohortCountsAggregator, generateSubscriptions, revenueChurn, mrrMovementsAggregator } = await import(new URL("../dist/index.js", import.meta.url).href);

const N = count(process.env.BENCH_CUSTOMERS, 1_000_000);
const RUNS = count(process.env.BENCH_RUNS, 5);
const SEED = 2026;
const FROM = Date.UTC(2023, 0, 1);
const AS_OF = Date.UTC(2025, 0, 1);
/** The churn series: the 12 months of 2024, method "start". */
const SERIES = { from: Date.UTC(2024, 0, 1), to: AS_OF, unit: "month" };

if (typeof globalThis.gc !== "function") {
  console.error("bench: run with node --expose-gc");
  process.exit(2);
}

function count(raw, fallback) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`bench: expected a positive integer, got ${raw}`);
  return n;
}

async function measure(name, fn, runs = RUNS) {
  globalThis.gc();
  let out = await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[(times.length - 1) >> 1];
  process.stdout.write(`  ${name.padEnd(72)} ${median.toFixed(1).padStart(9)} ms\n`);
  return { name, median, out };
}

let failed = false;
function same(what, ok, detail) {
  if (ok) return;
  failed = true;
  console.error(`MISMATCH ${what}: ${detail}`);
}

const machine = { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, node: process.version, duckdb: JSON.parse(readFileSync(new URL("../node_modules/@duckdb/node-api/package.json", import.meta.url))).version };
console.log(`cx-metrics churn bench, ${new Date().toISOString()}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, @duckdb/node-api ${machine.duckdb}`);

let t0 = performance.now();
const { subscriptions, events } = generateSubscriptions({ seed: SEED, customers: N, from: FROM, asOf: AS_OF });
console.log(`data: ${subscriptions.length.toLocaleString("en-US")} subscriptions of ${N.toLocaleString("en-US")} customers, ${events.length.toLocaleString("en-US")} MRR events (generated in ${(performance.now() - t0).toFixed(0)} ms, not timed)`);

// DuckDB: the table a DuckDB user would have (customer, start and end as TIMESTAMPTZ), loaded with the appender.
t0 = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const con = await instance.connect();
await con.run("SET TimeZone = 'UTC'");
await con.run("CREATE TABLE staging (customer INTEGER, s DOUBLE, e DOUBLE)");
const appender = await con.createAppender("staging");
const CHUNK = 2048;
const chunk = DuckDBDataChunk.create([INTEGER, DOUBLE, DOUBLE], CHUNK);
for (let from = 0; from < subscriptions.length; from += CHUNK) {
  const part = subscriptions.slice(from, from + CHUNK);
  if (part.length !== chunk.rowCount) chunk.rowCount = part.length;
  chunk.setColumns([part.map((x) => x.customerId), part.map((x) => x.start), part.map((x) => x.end)]);
  appender.appendDataChunk(chunk);
}
appender.closeSync();
await con.run("CREATE TABLE subs AS SELECT customer, epoch_ms(s::BIGINT)::TIMESTAMPTZ AS s, epoch_ms(e::BIGINT)::TIMESTAMPTZ AS e FROM staging");
await con.run("DROP TABLE staging");
await con.run("CREATE TABLE staging (customer INTEGER, at_ms DOUBLE, mrr DOUBLE)");
const eventAppender = await con.createAppender("staging");
for (let from = 0; from < events.length; from += CHUNK) {
  const part = events.slice(from, from + CHUNK);
  if (part.length !== chunk.rowCount) chunk.rowCount = part.length;
  chunk.setColumns([part.map((x) => x.customerId), part.map((x) => x.at), part.map((x) => x.mrr)]);
  eventAppender.appendDataChunk(chunk);
}
eventAppender.closeSync();
await con.run("CREATE TABLE events AS SELECT customer, epoch_ms(at_ms::BIGINT)::TIMESTAMPTZ AS t, mrr FROM staging");
await con.run("DROP TABLE staging");
await con.run("CHECKPOINT");
const threads = (await rows("SELECT current_setting('threads')::INTEGER AS t"))[0].t;
console.log(`duckdb: threads ${threads}, table loaded in ${(performance.now() - t0).toFixed(0)} ms (not timed)`);

async function rows(sql) {
  return (await con.runAndReadAll(sql)).getRowObjectsJS();
}

const iso = (ms) => new Date(ms).toISOString();
const DUCK_SERIES = `
WITH months AS (
  SELECT range AS m_start, range + INTERVAL 1 MONTH AS m_end
  FROM range(TIMESTAMPTZ '${iso(SERIES.from)}', TIMESTAMPTZ '${iso(SERIES.to)}', INTERVAL 1 MONTH)
)
SELECT strftime(m_start, '%Y-%m') AS period,
       count(*) FILTER (WHERE s < m_start)::INTEGER AS at_start,
       count(*) FILTER (WHERE s >= m_start)::INTEGER AS new,
       count(*) FILTER (WHERE e < m_end)::INTEGER AS churned,
       count(*) FILTER (WHERE s < m_start AND e < m_end)::INTEGER AS churned_from_start
FROM months JOIN subs ON s < m_end AND coalesce(e, TIMESTAMPTZ 'infinity') >= m_start
GROUP BY ALL ORDER BY period`;
// The same counts the way a SQL expert would avoid the join: starts and ends per month, then a running sum
// (at start of m = started before m - ended before m). Needs every month to have an event (true of this data).
// Like the cohort query below, it works on UTC wall-clock TIMESTAMPs (timezone('UTC', ...)): date_trunc and year()
// on TIMESTAMPTZ go through ICU calendars and are several times slower (bench/run.mjs measures the same effect).
const DUCK_SERIES_EVENTS = `
WITH local AS (SELECT timezone('UTC', s) AS s, timezone('UTC', e) AS e FROM subs),
ev AS (
  SELECT date_trunc('month', s) AS m, 1 AS started, 0 AS ended, 0 AS ended_from_start FROM local
  UNION ALL
  SELECT date_trunc('month', e), 0, 1, (s < date_trunc('month', e))::INTEGER FROM local WHERE e IS NOT NULL
), per AS (
  SELECT m, sum(started) AS new, sum(ended) AS churned, sum(ended_from_start) AS churned_from_start FROM ev GROUP BY m
), cum AS (
  SELECT m, new, churned, churned_from_start,
         coalesce(sum(new - churned) OVER (ORDER BY m ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS at_start
  FROM per
)
SELECT strftime(m, '%Y-%m') AS period, at_start::INTEGER AS at_start, new::INTEGER AS new, churned::INTEGER AS churned,
       churned_from_start::INTEGER AS churned_from_start
FROM cum WHERE m >= TIMESTAMP '${iso(SERIES.from).slice(0, 19)}' AND m < TIMESTAMP '${iso(SERIES.to).slice(0, 19)}' ORDER BY m`;
// cohort x last month-start a subscription was active at, then retained(c, k) = subscriptions with last age >= k
const DUCK_COHORTS = `
SELECT cohort, age, (sum(n) OVER (PARTITION BY cohort ORDER BY age DESC))::INTEGER AS retained
FROM (
  SELECT strftime(date_trunc('month', s), '%Y-%m') AS cohort,
         ((year(x) * 12 + month(x)) - (year(s) * 12 + month(s)))::INTEGER AS age, count(*) AS n
  FROM (
    SELECT s, CASE WHEN e IS NOT NULL AND e <= TIMESTAMP '${iso(AS_OF).slice(0, 19)}' THEN e ELSE TIMESTAMP '${iso(AS_OF).slice(0, 19)}' END AS x
    FROM (SELECT timezone('UTC', s) AS s, timezone('UTC', e) AS e FROM subs)
  )
  GROUP BY ALL
)
ORDER BY cohort, age`;

// MRR movements per month: the previous MRR of the customer (LAG), whether they ever paid before (running max), then
// ChartMogul's five movements summed per month, on UTC wall-clock TIMESTAMPs.
const DUCK_MRR = `
WITH e AS (
  SELECT timezone('UTC', t) AS t, mrr,
         coalesce(lag(mrr) OVER w, 0) AS prev,
         coalesce(max(mrr) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS paid_max
  FROM events WINDOW w AS (PARTITION BY customer ORDER BY t, mrr)
)
SELECT strftime(date_trunc('month', t), '%Y-%m') AS period,
       sum(CASE WHEN prev = 0 AND mrr > 0 AND paid_max = 0 THEN mrr ELSE 0 END) AS new,
       sum(CASE WHEN prev = 0 AND mrr > 0 AND paid_max > 0 THEN mrr ELSE 0 END) AS reactivation,
       sum(CASE WHEN prev > 0 AND mrr > prev THEN mrr - prev ELSE 0 END) AS expansion,
       sum(CASE WHEN prev > 0 AND mrr > 0 AND mrr < prev THEN prev - mrr ELSE 0 END) AS contraction,
       sum(CASE WHEN prev > 0 AND mrr = 0 THEN prev ELSE 0 END) AS churned
FROM e
WHERE t >= TIMESTAMP '${iso(SERIES.from).slice(0, 19)}' AND t < TIMESTAMP '${iso(SERIES.to).slice(0, 19)}'
GROUP BY ALL ORDER BY period`;

console.log(`\na) monthly customer churn (method start), 12 months of 2024`);
const oneShot = await measure("cx churnRateSeries (one-shot, with the per-customer overlap check)", () => churnRateSeries(subscriptions, SERIES));
const agg = churnCountsAggregator({ from: SERIES.from, to: SERIES.to, period: { unit: "month" } });
const streamed = await measure("cx churnCountsAggregator add over the records (streaming, no overlap check)", () => {
  let s = agg.empty();
  for (let i = 0; i < subscriptions.length; i++) s = agg.add(s, subscriptions[i], i);
  return agg.result(s);
});
const duckSeries = await measure(`DuckDB range join months x subscriptions, count FILTER (threads ${threads})`, () => rows(DUCK_SERIES));
const duckEvents = await measure(`DuckDB starts/ends GROUP BY month + running sum (threads ${threads})`, () => rows(DUCK_SERIES_EVENTS));
for (const [r, duck] of [[oneShot.out, duckSeries.out], [streamed.out, duckSeries.out], [oneShot.out, duckEvents.out]]) {
  same("a) rows", r.rows.length === duck.length, `${r.rows.length} vs ${duck.length}`);
  r.rows.forEach((x, i) => {
    const d = duck[i];
    same(`a) ${x.period}`, d && d.period === x.period && d.at_start === x.atStart && d.new === x.new && d.churned === x.churned && d.churned_from_start === x.churnedFromStart, `${JSON.stringify(x)} vs ${JSON.stringify(d)}`);
  });
}
const mid = oneShot.out.rows[6];
console.log(`  check: ${mid.period} at start ${mid.atStart}, new ${mid.new}, churned ${mid.churned}, rate ${(mid.rate * 100).toFixed(2)}% (same counts in DuckDB for all 12 months: ${!failed})`);

console.log(`\nb) monthly cohort retention matrix as of ${iso(AS_OF).slice(0, 10)}`);
const cohorts = await measure("cx cohortRetention (one-shot, with the overlap check)", () => cohortRetention(subscriptions, { asOf: AS_OF }));
const cagg = cohortCountsAggregator({ asOf: AS_OF });
const cstream = await measure("cx cohortCountsAggregator add over the records (streaming)", () => {
  let s = cagg.empty();
  for (let i = 0; i < subscriptions.length; i++) s = cagg.add(s, subscriptions[i], i);
  return cagg.result(s);
});
const duckCohorts = await measure(`DuckDB GROUP BY cohort, last age + window sum (threads ${threads})`, () => rows(DUCK_COHORTS));
const before = failed;
for (const r of [cohorts.out, cstream.out]) {
  const byCohort = new Map(r.cohorts.map((c) => [c.cohort, c]));
  for (const d of duckCohorts.out) {
    const cell = byCohort.get(d.cohort)?.cells[Number(d.age)];
    same(`b) ${d.cohort} age ${d.age}`, cell !== undefined && cell.retained === d.retained, `${JSON.stringify(cell)} vs ${JSON.stringify(d)}`);
  }
  same("b) cohorts", r.cohorts.length === new Set(duckCohorts.out.map((d) => d.cohort)).size, "cohort count differs");
}
const c0 = cohorts.out.cohorts[0];
console.log(`  check: cohort ${c0.cohort} size ${c0.size}, retained at month 12 ${c0.cells[12].retained} (${(c0.cells[12].rate * 100).toFixed(1)}%); DuckDB agrees on every cell it returns: ${failed === before}`);

console.log(`\nc) MRR movements per month (new, expansion, contraction, churn, reactivation), 12 months of 2024`);
const MRR_OPTIONS = { from: SERIES.from, to: SERIES.to, period: { unit: "month" } };
const revenue = await measure("cx revenueChurn (one-shot, with the same-instant check)", () => revenueChurn(events, MRR_OPTIONS), Math.min(RUNS, 3));
const magg = mrrMovementsAggregator(MRR_OPTIONS);
const mstream = await measure("cx mrrMovementsAggregator add over the events (streaming)", () => {
  let s = magg.empty();
  for (let i = 0; i < events.length; i++) s = magg.add(s, events[i], i);
  return magg.result(s);
}, Math.min(RUNS, 3));
const duckMrr = await measure(`DuckDB LAG + running max over customers, CASE sums per month (threads ${threads})`, () => rows(DUCK_MRR), Math.min(RUNS, 3));
const beforeMrr = failed;
for (const r of [revenue.out, mstream.out]) {
  same("c) rows", r.rows.length === duckMrr.out.length, `${r.rows.length} vs ${duckMrr.out.length}`);
  r.rows.forEach((x, i) => {
    const d = duckMrr.out[i];
    const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    same(`c) ${x.period}`, d && d.period === x.period && ["new", "reactivation", "expansion", "contraction", "churned"].every((k) => close(x[k], Number(d[k]))), `${JSON.stringify(x)} vs ${JSON.stringify(d)}`);
  });
}
const r6 = revenue.out.rows[6];
console.log(`  check: ${r6.period} MRR at start ${r6.mrrAtStart.toFixed(2)}, churned ${r6.churned.toFixed(2)}, GRR ${(r6.grr * 100).toFixed(2)}%, NRR ${(r6.nrr * 100).toFixed(2)}%; DuckDB agrees on every movement of every month (relative 1e-9): ${failed === beforeMrr}`);

console.log(`\nratios (DuckDB / cx, > 1 = cx faster): churn series, range join / one-shot ${(duckSeries.median / oneShot.median).toFixed(2)}x, running-sum SQL / one-shot ${(duckEvents.median / oneShot.median).toFixed(2)}x, running-sum SQL / streaming ${(duckEvents.median / streamed.median).toFixed(2)}x; cohorts one-shot ${(duckCohorts.median / cohorts.median).toFixed(2)}x, streaming ${(duckCohorts.median / cstream.median).toFixed(2)}x; MRR movements one-shot ${(duckMrr.median / revenue.median).toFixed(2)}x, streaming ${(duckMrr.median / mstream.median).toFixed(2)}x`);
console.log(`peak resident memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
if (failed) process.exit(1);
