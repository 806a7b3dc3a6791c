// cx-metrics io micro-benchmark: `npm run build && node --expose-gc bench/io.mjs`.
//
// One seeded survey CSV (generateSurveyColumns, seed 2025: timestamp ISO, score 0-10 with ~3 % empty, channel,
// touchpoint, region), decoded in one process by:
//   a) decodeCsvColumns from one Uint8Array (typed batches: instant and integer as Float64Array, categories coded)
//   b) decodeCsvColumns from a ReadableStream of 64 KiB chunks
//   c) decodeCsv (records, same column types) from the same Uint8Array
//   d) decodeCsv with no column types (every field a string)
//   e) a floor: TextDecoder over the whole buffer plus a scan for line breaks (what any decoder must at least do)
// and, to check that the batches fit the typed-array paths, nps() over the batches' scores and a weekly breakdown by
// channel through addColumns, compared with the same figures from the records.
//
//   BENCH_IO_ROWS  rows (default 1,000,000)
//   BENCH_IO_RUNS  timed runs per case (default 5; one warm-up run first; the median is reported)
//
// Each case reports wall time and the process's CPU time (user + system, all threads, GC included): on a shared,
// loaded machine the CPU time is the steadier figure of what the decoder costs.

import { performance } from "node:perf_hooks";
import os from "node:os";

const lib = await import(new URL("../dist/index.js", import.meta.url).href);
const { decodeCsv, decodeCsvColumns, generateSurveyColumns, SAMPLE_CHANNELS, SAMPLE_TOUCHPOINTS, SAMPLE_REGIONS, nps, npsAggregator, breakdownAggregator } = lib;

const N = Number(process.env.BENCH_IO_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_IO_RUNS ?? 5);
if (typeof globalThis.gc !== "function") {
  console.error("bench/io: run with node --expose-gc");
  process.exit(2);
}

// ----- data -----------------------------------------------------------------------------------------------------
const t0 = performance.now();
const cols = generateSurveyColumns({ seed: 2025, count: N });
const parts = ["timestamp,score,channel,touchpoint,region\n"];
for (let i = 0; i < N; i++) {
  const s = cols.nps[i];
  parts.push(`${new Date(cols.at[i]).toISOString()},${Number.isNaN(s) ? "" : s},${SAMPLE_CHANNELS[cols.channel[i]]},${SAMPLE_TOUCHPOINTS[cols.touchpoint[i]]},${SAMPLE_REGIONS[cols.region[i]]}\n`);
}
const bytes = new TextEncoder().encode(parts.join(""));
parts.length = 0;
const MB = bytes.length / 1e6;
console.log(`data: ${N.toLocaleString("en")} rows, ${MB.toFixed(1)} MB, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const COLUMNS = { timestamp: "instant", score: "integer", channel: "category", touchpoint: "category", region: "category" };

function streamOf(buf, size = 65536) {
  let o = 0;
  return new ReadableStream({
    pull(c) {
      if (o >= buf.length) return c.close();
      c.enqueue(buf.subarray(o, o + size));
      o += size;
    },
  });
}

async function consumeColumns(source) {
  let rows = 0;
  let sum = 0;
  for await (const b of decodeCsvColumns(source, { columns: COLUMNS })) {
    rows += b.length;
    sum += b.columns.channel.codes[0];
  }
  return rows + sum * 0;
}

async function consumeRecords(source, columns) {
  let rows = 0;
  for await (const r of decodeCsv(source, columns ? { columns } : {})) if (r.channel !== undefined) rows++;
  return rows;
}

function floor() {
  const text = new TextDecoder().decode(bytes);
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return lines - 1;
}

const CASES = [
  ["a) decodeCsvColumns, Uint8Array", () => consumeColumns(bytes)],
  ["b) decodeCsvColumns, ReadableStream 64 KiB", () => consumeColumns(streamOf(bytes))],
  ["c) decodeCsv records, typed, Uint8Array", () => consumeRecords(bytes, COLUMNS)],
  ["d) decodeCsv records, all strings", () => consumeRecords(bytes, null)],
  ["e) floor: TextDecoder + line scan", async () => floor()],
];

const results = [];
for (const [name, f] of CASES) {
  globalThis.gc();
  const rows = await f(); // warm-up, and the row count to check
  if (rows !== N) throw new Error(`${name}: ${rows} rows, expected ${N}`);
  const times = [];
  const cpus = [];
  for (let r = 0; r < RUNS; r++) {
    globalThis.gc();
    const c = process.cpuUsage();
    const s = performance.now();
    await f();
    times.push(performance.now() - s);
    const d = process.cpuUsage(c);
    cpus.push((d.user + d.system) / 1000);
  }
  const ms = median(times);
  const cpu = median(cpus);
  results.push({ name, ms, cpu });
  console.log(
    `${name.padEnd(46)} wall ${ms.toFixed(0).padStart(6)} ms ${(MB / (ms / 1000)).toFixed(0).padStart(4)} MB/s | cpu ${cpu.toFixed(0).padStart(6)} ms ${(N / cpu / 1000).toFixed(2).padStart(5)} M rows/s ${(MB / (cpu / 1000)).toFixed(0).padStart(4)} MB/s`,
  );
}
const a = results[0];
for (const r of results.slice(1)) console.log(`  ${r.name}: ${(r.ms / a.ms).toFixed(2)}x the wall time of a), ${(r.cpu / a.cpu).toFixed(2)}x its cpu time`);

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

// ----- the batches fit the typed-array paths ----------------------------------------------------------------------
const npsAgg = npsAggregator();
const byWeek = breakdownAggregator(npsAgg, { by: { channel: () => null }, period: { at: () => 0, unit: "isoWeek" } });
let state = byWeek.empty();
let npsState = npsAgg.empty();
for await (const b of decodeCsvColumns(bytes, { columns: COLUMNS })) {
  state = byWeek.addColumns(state, { values: b.columns.score, keys: { channel: b.columns.channel }, at: b.columns.timestamp });
  for (const v of b.columns.score) npsState = npsAgg.add(npsState, v);
}
const viaColumns = byWeek.result(state);
const scores = [];
const recAgg = breakdownAggregator(npsAggregator({ value: (r) => r.score }), { by: { channel: (r) => r.channel }, period: { at: (r) => r.timestamp, unit: "isoWeek" } });
let recState = recAgg.empty();
for await (const r of decodeCsv(bytes, { columns: COLUMNS })) {
  recState = recAgg.add(recState, r);
  scores.push(r.score);
}
const viaRecords = recAgg.result(recState);
const same = JSON.stringify(viaColumns.total) === JSON.stringify(viaRecords.total) && viaColumns.rows.length === viaRecords.rows.length && JSON.stringify(viaColumns.total) === JSON.stringify(nps(scores)) && JSON.stringify(npsAgg.result(npsState)) === JSON.stringify(nps(scores));
console.log(`check: weekly NPS by channel via addColumns(batches) ${same ? "equals" : "DIFFERS FROM"} the records path (${viaColumns.rows.length} rows, total NPS ${viaColumns.total.score?.toFixed(2)}, missing ${viaColumns.total.missing})`);
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, node ${process.version}, ${new Date().toISOString()}`);
if (!same) process.exit(1);
