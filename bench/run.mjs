// cx-metrics benchmarks: `npm run bench` (builds, then runs this file with --expose-gc).
//
// One process, one seeded data set (generateSurveyColumns, the generator that also feeds the sample and the tests),
// every case timed as the median of several runs after warm-up runs (one full GC before each case).
//
//   BENCH_RECORDS  number of NPS answers (default 10,000,000); e.g. BENCH_RECORDS=100000 for a smoke run
//   BENCH_RUNS     timed runs per fast case (default 9; slower cases use fewer, see RUNS below)
//   BENCH_JSON     if set, also write the results as JSON to this path
//   BENCH_LIB      if set, the cx-metrics build to load instead of ../dist/index.js (to measure a candidate change)
//   BENCH_ONLY     if set, the sections to run, e.g. "a,d" (default "a,b,c,d"; the data is generated anyway)
//
// The targets (issue 3, point 13) are checked and printed, but a miss does not fail the run: the figures are the
// output. A result that differs between engines does fail the run (exit code 1).

import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import * as aq from "arquero";
import { DuckDBInstance, DuckDBDataChunk, UTINYINT, DOUBLE } from "@duckdb/node-api";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

// BENCH_LIB=path/to/index.js runs the same cases against another build (to try a change before it lands in src/).
const LIB = process.env.BENCH_LIB ? pathToFileURL(resolve(process.env.BENCH_LIB)).href : new URL("../dist/index.js", import.meta.url).href;
const { nps, npsAggregator, runAggregator, breakdownAggregator, generateSurveyColumns, periodOf, seededRandom } = await import(LIB);

const N = parseCount(process.env.BENCH_RECORDS, 10_000_000);
const FAST_RUNS = parseCount(process.env.BENCH_RUNS, 9);
const SEED = 2025;
const YEAR = 2025;
const TIME_ZONE = "Europe/Berlin";
const WEEK_SPEC = { unit: "isoWeek", timeZone: TIME_ZONE, weekStartsOn: 1 };
/** The 8 segment labels, in code order (segment codes are drawn with a seeded RNG, see makeData). */
const SEGMENTS = ["consumer-new", "consumer-loyal", "smb-new", "smb-loyal", "midmarket-new", "midmarket-loyal", "enterprise-new", "enterprise-loyal"];
const SEGMENT_WEIGHTS = [0.22, 0.18, 0.14, 0.12, 0.1, 0.09, 0.08, 0.07];
/** Warm-up and timed runs per kind of case. */
const RUNS = {
  fast: { warmup: 3, runs: FAST_RUNS },
  medium: { warmup: 2, runs: Math.max(3, Math.ceil(FAST_RUNS / 2)) },
  slow: { warmup: 1, runs: 3 },
};

if (typeof globalThis.gc !== "function") {
  console.error("bench: run with node --expose-gc (npm run bench does)");
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------------------------

/**
 * Exactly `n` NaN-free answers over the whole year: generate a little more than n / (1 - skip rate) rows with the
 * seeded generator, keep the answered rows, and thin them evenly (every row keeps its timestamp, so the span stays
 * the full year, sorted). Segments: 8 codes from a seeded RNG (seed + 1), weighted like a customer base.
 */
function makeData(n) {
  let generated = Math.ceil(n / 0.955) + 64;
  for (;;) {
    const cols = generateSurveyColumns({ seed: SEED, count: generated, year: YEAR });
    let valid = 0;
    for (let i = 0; i < cols.length; i++) if (!Number.isNaN(cols.nps[i])) valid++;
    if (valid < n) {
      generated = Math.ceil(generated * 1.05);
      continue;
    }
    const score = new Uint8Array(n);
    const at = new Float64Array(n);
    const segment = new Uint8Array(n);
    const rng = seededRandom(SEED + 1);
    let j = 0;
    let k = 0;
    for (let i = 0; i < cols.length; i++) {
      const v = cols.nps[i];
      if (Number.isNaN(v)) continue;
      // keep valid row j when floor((j + 1) n / valid) steps up: exactly n rows, evenly spread
      if (Math.floor(((j + 1) * n) / valid) > Math.floor((j * n) / valid)) {
        score[k] = v;
        at[k] = cols.at[i];
        segment[k] = rng.pick(SEGMENT_WEIGHTS);
        k++;
      }
      j++;
    }
    if (k !== n) throw new Error(`bench: thinning kept ${k} rows, expected ${n}`);
    return { n, score, at, segment, generated };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------------------------

/**
 * Warm-up runs, then timed runs; one full GC before the warm-up only. (A forced GC before every run made V8 drop
 * the optimized code of library functions whose inner closures are re-created per call, such as nps(), so each
 * timed run paid for recompilation: a benchmark artifact, not what an application sees.)
 */
async function measure(name, fn, { warmup, runs }) {
  let out;
  globalThis.gc();
  for (let i = 0; i < warmup; i++) out = await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = await fn();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  process.stdout.write(`  ${name.padEnd(60)} ${fmtMs(median).padStart(10)} ms\n`);
  return { name, median, best: sorted[0], worst: sorted[sorted.length - 1], times: times.map((t) => Math.round(t * 100) / 100), out };
}

// ---------------------------------------------------------------------------------------------------------------
// Peers: hand-written tight loops
// ---------------------------------------------------------------------------------------------------------------

/** Counts per answer point, then the score: the fastest plain loop we found for this (no validation at all). */
function tightTyped(a) {
  const c = new Int32Array(11);
  for (let i = 0, len = a.length; i < len; i++) c[a[i]]++;
  return countsSummary(c);
}

function tightArray(a) {
  const c = new Int32Array(11);
  for (let i = 0, len = a.length; i < len; i++) c[a[i]]++;
  return countsSummary(c);
}

function tightRecords(records) {
  const c = new Int32Array(11);
  for (let i = 0, len = records.length; i < len; i++) c[records[i].score]++;
  return countsSummary(c);
}

/**
 * Hand-written breakdown: week boundaries from periodOf (one call per week, inside the timing), then a cached
 * range check with a binary search on a miss, and counts in one flat Int32Array [segment][week][point].
 */
function tightBreakdown(data) {
  const { score, segment, at, n } = data;
  const first = periodOf(at[0], WEEK_SPEC);
  const starts = [];
  const labels = [];
  for (let p = first; p.start <= at[n - 1]; p = periodOf(p.end, WEEK_SPEC)) {
    starts.push(p.start);
    labels.push(p.label);
  }
  const weeks = starts.length;
  const counts = new Int32Array(SEGMENTS.length * weeks * 11);
  let w = 0;
  let lo = starts[0];
  let hi = weeks > 1 ? starts[1] : Infinity;
  for (let i = 0; i < n; i++) {
    const t = at[i];
    if (t < lo || t >= hi) {
      let a = 0;
      let b = weeks;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (starts[m] <= t) a = m + 1;
        else b = m;
      }
      w = a - 1;
      lo = starts[w];
      hi = w + 1 < weeks ? starts[w + 1] : Infinity;
    }
    counts[(segment[i] * weeks + w) * 11 + score[i]]++;
  }
  const groups = new Map();
  for (let s = 0; s < SEGMENTS.length; s++) {
    for (let k = 0; k < weeks; k++) {
      const c = counts.subarray((s * weeks + k) * 11, (s * weeks + k + 1) * 11);
      const sum = countsSummary(c);
      if (sum.n > 0) groups.set(`${SEGMENTS[s]}|${labels[k]}`, sum);
    }
  }
  return groups;
}

function countsSummary(c) {
  let n = 0;
  for (let v = 0; v <= 10; v++) n += c[v];
  const promoters = c[9] + c[10];
  const passives = c[7] + c[8];
  const detractors = n - promoters - passives;
  return { n, promoters, passives, detractors, score: n ? (100 * (promoters - detractors)) / n : null };
}

// ---------------------------------------------------------------------------------------------------------------
// Peers: DuckDB (embedded, in process) and arquero
// ---------------------------------------------------------------------------------------------------------------

async function loadDuckDB(data) {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  await con.run("SET TimeZone = 'UTC'");
  await con.run("CREATE TABLE staging (score UTINYINT, segment UTINYINT, at_ms DOUBLE)");
  const appender = await con.createAppender("staging");
  const CHUNK = 2048;
  const chunk = DuckDBDataChunk.create([UTINYINT, UTINYINT, DOUBLE], CHUNK);
  for (let from = 0; from < data.n; from += CHUNK) {
    const to = Math.min(data.n, from + CHUNK);
    if (to - from !== chunk.rowCount) chunk.rowCount = to - from;
    chunk.setColumns([Array.from(data.score.subarray(from, to)), Array.from(data.segment.subarray(from, to)), Array.from(data.at.subarray(from, to))]);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  // The table a DuckDB user would have: the answer, the segment as an ENUM (dictionary codes, like ours), the
  // instant as TIMESTAMPTZ (epoch_ms gives a UTC TIMESTAMP; the session zone is UTC while casting).
  const enumList = SEGMENTS.map((s) => `'${s}'`).join(", ");
  await con.run(`CREATE TYPE segment_t AS ENUM (${enumList})`);
  await con.run(
    `CREATE TABLE answers AS SELECT score, (list_value(${enumList})[segment + 1])::segment_t AS segment, epoch_ms(at_ms::BIGINT)::TIMESTAMPTZ AS answered_at FROM staging`,
  );
  await con.run("DROP TABLE staging");
  await con.run("CHECKPOINT");
  await con.run(`SET TimeZone = '${TIME_ZONE}'`);
  const meta = await rowsOf(con, "SELECT current_setting('threads')::INTEGER AS threads, version() AS version, (SELECT count(*)::BIGINT FROM answers) AS n");
  if (Number(meta[0].n) !== data.n) throw new Error(`bench: DuckDB table has ${meta[0].n} rows, expected ${data.n}`);
  return { instance, con, threads: meta[0].threads, version: meta[0].version };
}

async function rowsOf(con, sql) {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJS();
}

const DUCK_OVERALL = `
SELECT count(*)::INTEGER AS n,
       count(*) FILTER (WHERE score >= 9)::INTEGER AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::INTEGER AS passives,
       count(*) FILTER (WHERE score <= 6)::INTEGER AS detractors
FROM answers`;

/** The NPS counts per segment and week, with the week computed by `weekExpr` from `answered_at`. */
const duckBreakdown = (weekExpr) => `
SELECT segment::VARCHAR AS segment, isoyear(week) AS y, weekofyear(week) AS w,
       count(*)::INTEGER AS n,
       count(*) FILTER (WHERE score >= 9)::INTEGER AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::INTEGER AS passives,
       count(*) FILTER (WHERE score <= 6)::INTEGER AS detractors,
       100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) AS score
FROM (SELECT segment, score, ${weekExpr} AS week FROM answers)
GROUP BY ALL`;
/** Week of the Berlin wall-clock time: timezone() turns TIMESTAMPTZ into a local TIMESTAMP, then plain date_trunc. */
const DUCK_BREAKDOWN_LOCAL = duckBreakdown(`date_trunc('week', timezone('${TIME_ZONE}', answered_at))`);
/** The same with ICU's date_trunc on TIMESTAMPTZ in the session zone (SET TimeZone = 'Europe/Berlin'). */
const DUCK_BREAKDOWN_SESSION = duckBreakdown("date_trunc('week', answered_at)");
/** For comparison only: weeks in UTC, no time-zone conversion (different groups near midnight). */
const DUCK_BREAKDOWN_UTC = duckBreakdown("date_trunc('week', epoch_ms(epoch_ms(answered_at)))");

function sumGroups(rows) {
  const s = { n: 0, promoters: 0, passives: 0, detractors: 0 };
  for (const r of rows) for (const k of Object.keys(s)) s[k] += r[k];
  return withScore(s);
}

function duckGroups(rows) {
  const groups = new Map();
  for (const r of rows) groups.set(`${r.segment}|${r.y}-W${String(r.w).padStart(2, "0")}`, r);
  return groups;
}

/**
 * arquero has no time-zone support, so it gets the Berlin week from a helper that looks the instant up in a
 * precomputed table of week starts (binary search): more help than a user would write, which favours arquero.
 */
function arqueroWeekHelper(data) {
  const starts = [];
  const labels = new Map();
  for (let p = periodOf(data.at[0], WEEK_SPEC); p.start <= data.at[data.n - 1]; p = periodOf(p.end, WEEK_SPEC)) {
    starts.push(p.start);
    labels.set(p.start, p.label);
  }
  const weekStart = (t) => {
    let a = 0;
    let b = starts.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (starts[m] <= t) a = m + 1;
      else b = m;
    }
    return starts[a - 1];
  };
  return { weekStart, labels };
}

// ---------------------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------------------

const failures = [];

function sameSummary(what, a, b) {
  const ok =
    a.n === b.n && a.promoters === b.promoters && a.passives === b.passives && a.detractors === b.detractors && (a.score === b.score || Math.abs(a.score - b.score) <= 1e-9);
  if (!ok) failures.push(`${what}: ${JSON.stringify(pick(a))} vs ${JSON.stringify(pick(b))}`);
  return ok;
}

function pick(s) {
  return { n: s.n, promoters: s.promoters, passives: s.passives, detractors: s.detractors, score: s.score };
}

function sameGroups(what, ours, theirs) {
  let bad = 0;
  if (ours.size !== theirs.size) failures.push(`${what}: ${ours.size} groups vs ${theirs.size}`);
  for (const [k, a] of ours) {
    const b = theirs.get(k);
    if (!b) {
      failures.push(`${what}: group ${k} missing`);
      bad++;
    } else if (!sameSummary(`${what} ${k}`, a, b)) bad++;
    if (bad > 5) break;
  }
  return bad === 0 && ours.size === theirs.size;
}

function breakdownGroups(result) {
  const groups = new Map();
  for (const r of result.rows) groups.set(`${r.key.segment}|${r.period}`, r.result);
  return groups;
}

function checkOrDie() {
  if (failures.length === 0) return;
  console.error("\nbench: RESULTS DIFFER BETWEEN ENGINES");
  for (const f of failures.slice(0, 20)) console.error(`  ${f}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

const machine = {
  cpu: cpuModel(),
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()}`,
  arquero: packageVersion("arquero"),
  duckdbNodeApi: packageVersion("@duckdb/node-api"),
  date: new Date().toISOString(),
};
console.log(`cx-metrics bench: ${fmtInt(N)} NPS answers, seed ${SEED}, year ${YEAR}, ${TIME_ZONE}`);
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}`);

let t0 = performance.now();
const data = makeData(N);
console.log(`data: generated ${fmtInt(data.generated)} rows, kept ${fmtInt(N)} answered ones (${fmtMs(performance.now() - t0)} ms)`);
const ONLY = new Set((process.env.BENCH_ONLY ?? "a,b,c,d").split(",").map((x) => x.trim()));
const want = (section) => ONLY.has(section);
const expected = tightTyped(data.score); // untimed reference for every check below
const numbers = want("b") ? Array.from(data.score) : null; // PACKED_SMI_ELEMENTS
let records = null;
/** 10M record objects are ~0.7 GB of heap: built only after the columnar cases, so their GC cost stays out of those. */
function buildRecords() {
  const t = performance.now();
  records = new Array(N);
  for (let i = 0; i < N; i++) records[i] = { score: data.score[i], segment: SEGMENTS[data.segment[i]], at: data.at[i] };
  console.log(`\nrecords: ${fmtInt(N)} objects { score, segment, at } (${fmtMs(performance.now() - t)} ms, not timed)`);
}
let duck = null;
if (want("a") || want("d")) {
  t0 = performance.now();
  duck = await loadDuckDB(data);
  console.log(`duckdb: ${duck.version}, threads ${duck.threads}, table loaded with the appender (${fmtMs(performance.now() - t0)} ms, not timed)`);
}
const arqueroTable = aq.table({ score: data.score, segment: data.segment, at: data.at });
const results = [];
const add = (section, m, peerOf, target) => results.push({ section, ...m, peerOf, target });
let groupCount = 0;
let dPeers = null;
const RECORD_BREAKDOWN = "breakdownAggregator(...), plain loop of add (records)";

// a) typed-array NPS --------------------------------------------------------------------------------------------
if (want("a")) {
  console.log("\na) typed-array NPS (Uint8Array)");
  const tight = await measure("hand-written tight loop over the Uint8Array", () => tightTyped(data.score), RUNS.fast);
  const ours = await measure("nps(Uint8Array)", () => nps(data.score), RUNS.fast);
  const duckAll = await measure("DuckDB SELECT count(*) FILTER ... (whole table)", async () => withScore((await rowsOf(duck.con, DUCK_OVERALL))[0]), RUNS.fast);
  const arq = await measure("arquero rollup (count, sum of conditions)", () => arqueroOverall(arqueroTable), RUNS.fast);
  sameSummary("a) tight loop", tight.out, expected);
  sameSummary("a) nps(Uint8Array)", ours.out, expected);
  sameSummary("a) DuckDB", duckAll.out, expected);
  sameSummary("a) arquero", arq.out, expected);
  checkOrDie();
  add("a", tight, null);
  add("a", ours, tight.name, 0.8);
  add("a", duckAll, null);
  add("a", arq, null);
}

// b) number[] ---------------------------------------------------------------------------------------------------
if (want("b")) {
  console.log("\nb) number[]");
  const tight = await measure("hand-written tight loop over the number[]", () => tightArray(numbers), RUNS.fast);
  const ours = await measure("nps(number[])", () => nps(numbers), RUNS.fast);
  // nps() has one counting loop for every array type: once it has seen number[] and Uint8Array it is polymorphic.
  const again = await measure("nps(Uint8Array) again, after nps(number[]) ran", () => nps(data.score), RUNS.fast);
  const tightU8 = await measure("hand-written tight loop over the Uint8Array (again)", () => tightTyped(data.score), RUNS.fast);
  sameSummary("b) tight loop over number[]", tight.out, expected);
  sameSummary("b) nps(number[])", ours.out, expected);
  sameSummary("b) nps(Uint8Array) again", again.out, expected);
  checkOrDie();
  add("b", tight, null);
  add("b", ours, tight.name);
  add("b", tightU8, null);
  add("b", again, tightU8.name);
}

// d) breakdown by segment x ISO week in Europe/Berlin ----------------------------------------------------------
if (want("d")) {
  console.log(`\nd) breakdown by segment (${SEGMENTS.length}) x ISO week in ${TIME_ZONE}`);
  const arqueroWeek = arqueroWeekHelper(data);
  // For addColumns only the key names of `by` and the period settings matter; the accessors serve `add`.
  const columnar = breakdownAggregator(npsAggregator(), { by: { segment: (r) => r.segment }, period: { at: (r) => r.at, unit: "isoWeek", timeZone: TIME_ZONE } });
  const table = { values: data.score, keys: { segment: { codes: data.segment, labels: SEGMENTS } }, at: data.at };
  const ours = await measure("breakdownAggregator(...).addColumns + result", () => columnar.result(columnar.addColumns(columnar.empty(), table)), RUNS.fast);
  const shuffledTable = shuffled(data);
  const oursShuffled = await measure("the same, rows not in time order (seeded shuffle)", () => columnar.result(columnar.addColumns(columnar.empty(), shuffledTable)), RUNS.fast);
  const tight = await measure("hand-written tight loop (typed columns)", () => tightBreakdown(data), RUNS.fast);
  const duckLocal = await measure("DuckDB GROUP BY, timezone() then date_trunc", async () => rowsOf(duck.con, DUCK_BREAKDOWN_LOCAL), RUNS.fast);
  const duckSession = await measure("DuckDB GROUP BY, date_trunc on TIMESTAMPTZ (session zone)", async () => rowsOf(duck.con, DUCK_BREAKDOWN_SESSION), RUNS.fast);
  // Not the same groups (UTC weeks): shows how much of DuckDB's time goes to the time-zone conversion.
  const duckUtc = await measure("DuckDB GROUP BY, UTC weeks (no time zone: other groups)", async () => rowsOf(duck.con, DUCK_BREAKDOWN_UTC), RUNS.fast);
  const arq = await measure("arquero groupby + rollup (helper gives the week)", () => arqueroBreakdown(arqueroTable, arqueroWeek), RUNS.medium);
  const oursGroups = breakdownGroups(ours.out);
  groupCount = oursGroups.size;
  sameGroups("d) addColumns", oursGroups, tight.out);
  sameGroups("d) addColumns, shuffled rows", breakdownGroups(oursShuffled.out), tight.out);
  sameGroups("d) DuckDB (timezone())", duckGroups(duckLocal.out), tight.out);
  sameGroups("d) DuckDB (session zone)", duckGroups(duckSession.out), tight.out);
  sameGroups("d) arquero", arq.out, tight.out);
  sameSummary("d) total", ours.out.total, expected);
  sameSummary("d) DuckDB UTC weeks, all groups summed", sumGroups(duckUtc.out), expected);
  checkOrDie();
  console.log(`  all ${oursGroups.size} groups equal in every engine (counts exact, scores within 1e-9)`);
  const duckPeer = duckLocal.median <= duckSession.median ? duckLocal : duckSession;
  add("d", ours, duckPeer.name, 3);
  add("d", oursShuffled, duckPeer.name);
  add("d", { placeholder: true, name: RECORD_BREAKDOWN }, null);
  add("d", tight, null);
  add("d", duckLocal, null);
  add("d", duckSession, null);
  add("d", duckUtc, null);
  add("d", arq, null);
  results.find((r) => r.name === ours.name).alsoVs = tight.name;
  dPeers = { duck: duckPeer.name, groups: tight.out };
}

// c) records through the aggregator ----------------------------------------------------------------------------
if (want("c") || want("d")) buildRecords();
if (want("c")) {
  console.log("\nc) record objects { score, segment, at }");
  const tight = await measure("hand-written tight loop over the records", () => tightRecords(records), RUNS.medium);
  const npsAgg = npsAggregator({ value: (r) => r.score });
  const loop = await measure("npsAggregator, plain loop of add", () => {
    let s = npsAgg.empty();
    for (let i = 0; i < records.length; i++) s = npsAgg.add(s, records[i], i);
    return npsAgg.result(s);
  }, RUNS.medium);
  const run = await measure("npsAggregator via runAggregator(agg, records)", async () => npsAgg.result(await runAggregator(npsAgg, records)), RUNS.medium);
  const score = (r) => r.score;
  const direct = await measure("nps(records, { value: r => r.score })", () => nps(records, { value: score }), RUNS.medium);
  sameSummary("c) tight loop over records", tight.out, expected);
  for (const m of [loop, run, direct]) sameSummary(`c) ${m.name}`, m.out, expected);
  checkOrDie();
  add("c", tight, null);
  add("c", loop, tight.name);
  add("c", run, tight.name);
  add("c", direct, tight.name);
}

// d) continued: the record path of the breakdown -----------------------------------------------------------------
if (want("d")) {
  console.log(`\nd) breakdown by segment x ISO week, record path`);
  const recordBreakdown = breakdownAggregator(npsAggregator({ value: (r) => r.score }), {
    by: { segment: (r) => r.segment },
    period: { at: (r) => r.at, unit: "isoWeek", timeZone: TIME_ZONE },
  });
  const viaRecords = await measure(RECORD_BREAKDOWN, () => {
    let s = recordBreakdown.empty();
    for (let i = 0; i < records.length; i++) s = recordBreakdown.add(s, records[i], i);
    return recordBreakdown.result(s);
  }, RUNS.slow);
  sameGroups("d) records", breakdownGroups(viaRecords.out), dPeers.groups);
  checkOrDie();
  const at = results.findIndex((r) => r.name === RECORD_BREAKDOWN);
  results[at] = { section: "d", ...viaRecords, peerOf: dPeers.duck };
}

// Report ---------------------------------------------------------------------------------------------------------
const byName = new Map(results.map((r) => [r.name, r]));
const lines = [];
lines.push(`| case | median ms | best ms | answers/s | vs peer (speed ratio, > 1 = we are faster) |`);
lines.push(`|---|---:|---:|---:|---|`);
const headings = { a: "a) typed array", b: "b) number[]", c: "c) records", d: `d) segment x ISO week (${groupCount} groups)` };
const targets = [];
for (const section of ["a", "b", "c", "d"]) {
  if (!want(section)) continue;
  lines.push(`| **${headings[section]}** | | | | |`);
  for (const r of results.filter((x) => x.section === section)) {
    const vs = [];
    if (r.peerOf) {
      const ratio = byName.get(r.peerOf).median / r.median;
      let text = `${ratio.toFixed(2)}x ${shortName(r.peerOf)}`;
      if (r.target) {
        const met = ratio >= r.target;
        text += ` (target >= ${r.target}x: ${met ? "met" : "MISSED"})`;
        targets.push({ name: r.name, peer: r.peerOf, ratio, target: r.target, met });
      }
      vs.push(text);
    }
    if (r.alsoVs) vs.push(`${(byName.get(r.alsoVs).median / r.median).toFixed(2)}x ${shortName(r.alsoVs)}`);
    lines.push(`| ${r.name} | ${fmtMs(r.median)} | ${fmtMs(r.best)} | ${fmtRate(N / (r.median / 1000))} | ${vs.join("; ")} |`);
  }
}
console.log(`\n${lines.join("\n")}\n`);
if (duck) console.log(`DuckDB ${duck.version} ran with threads = ${duck.threads} (its default: one per core; ${machine.cores} cores here).`);
console.log(`Medians of ${RUNS.fast.runs} (fast cases), ${RUNS.medium.runs} (medium) or ${RUNS.slow.runs} (slow) timed runs after ${RUNS.fast.warmup}/${RUNS.medium.warmup}/${RUNS.slow.warmup} warm-up runs.`);
console.log(`Peak resident memory of this process: ${fmtInt(Math.round(process.resourceUsage().maxRSS / 1024))} MiB (data, records, DuckDB table and all engines).`);
for (const t of targets) console.log(`target ${t.met ? "met   " : "MISSED"}: ${t.name}: ${t.ratio.toFixed(2)}x ${shortName(t.peer)} (>= ${t.target}x)`);

if (process.env.BENCH_JSON) {
  const json = {
    machine,
    records: N,
    seed: SEED,
    lib: LIB,
    duckdb: duck ? { version: duck.version, threads: duck.threads } : null,
    groups: groupCount,
    results: results.map(({ out, ...r }) => r),
    targets,
  };
  writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${process.env.BENCH_JSON}`);
}
duck?.con.closeSync?.();
duck?.instance.closeSync?.();

// ---------------------------------------------------------------------------------------------------------------

function arqueroOverall(dt) {
  const o = dt
    .rollup({
      n: aq.op.count(),
      promoters: (d) => aq.op.sum(d.score >= 9 ? 1 : 0),
      passives: (d) => aq.op.sum(d.score >= 7 && d.score <= 8 ? 1 : 0),
      detractors: (d) => aq.op.sum(d.score <= 6 ? 1 : 0),
    })
    .object();
  return withScore(o);
}

function arqueroBreakdown(dt, week) {
  const out = dt
    .groupby({ segment: (d) => d.segment, week: aq.escape((d) => week.weekStart(d.at)) })
    .rollup({
      n: aq.op.count(),
      promoters: (d) => aq.op.sum(d.score >= 9 ? 1 : 0),
      passives: (d) => aq.op.sum(d.score >= 7 && d.score <= 8 ? 1 : 0),
      detractors: (d) => aq.op.sum(d.score <= 6 ? 1 : 0),
    })
    .derive({ score: (d) => (100 * (d.promoters - d.detractors)) / d.n });
  const groups = new Map();
  for (const r of out.objects()) groups.set(`${SEGMENTS[r.segment]}|${week.labels.get(r.week)}`, r);
  return groups;
}

/** A seeded permutation of the rows (Fisher-Yates): the same table with its rows out of time order. */
function shuffled(d) {
  const rng = seededRandom(SEED + 2);
  const order = new Uint32Array(d.n);
  for (let i = 0; i < d.n; i++) order[i] = i;
  for (let i = d.n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const x = order[i];
    order[i] = order[j];
    order[j] = x;
  }
  const values = new Uint8Array(d.n);
  const codes = new Uint8Array(d.n);
  const at = new Float64Array(d.n);
  for (let i = 0; i < d.n; i++) {
    values[i] = d.score[order[i]];
    codes[i] = d.segment[order[i]];
    at[i] = d.at[order[i]];
  }
  return { values, keys: { segment: { codes, labels: SEGMENTS } }, at };
}

function withScore(s) {
  return { ...s, score: s.n ? (100 * (s.promoters - s.detractors)) / s.n : null };
}

function shortName(name) {
  return name.replace(/^hand-written /, "the ").replace(/ \(.*\)$/, "");
}

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) return m[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? "unknown";
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
  } catch {
    return "not installed";
  }
}

function parseCount(raw, fallback) {
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw.replace(/[_,]/g, ""));
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench: expected a positive integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return v;
}

function fmtMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function fmtInt(n) {
  return n.toLocaleString("en-US");
}

function fmtRate(perSecond) {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G/s`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  return `${(perSecond / 1e3).toFixed(1)} k/s`;
}
