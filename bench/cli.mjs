// cx-metrics CLI benchmark (issue 7, point 6): `npm run build && node --expose-gc bench/cli.mjs`.
//
// Generates a seeded survey CSV (`cx-metrics generate --kind survey`) to a temporary file, then times whole
// processes, start-up included, one after the other on the same file:
//   cx-metrics  report FILE --metric nps --by segment --period isoWeek --workers 2
//   DuckDB      read_csv + the same GROUP BY, NPS counts in SQL, 2 threads (@duckdb/node-api, in its own process);
//               `at` read as a plain TIMESTAMP (UTC), so date_trunc needs no ICU time-zone work: its fastest form
//   arquero     loadCSV-style fromCSV (in 64 MiB text slices: V8 strings stop at 512 MiB) + groupby/rollup
//   papaparse   Papa.parse over a read stream with step(), counts in a Map
// Peak RSS of each process from /usr/bin/time -v. All engines must agree on n, promoters, passives and
// detractors for every segment x ISO week (UTC), else the run exits 1. Targets are printed, not fatal.
//
//   BENCH_ROWS     rows (default 10,000,000)
//   BENCH_DOUBLE   "0" to skip the second cx-metrics run on twice the rows (peak RSS must not grow)
//   BENCH_RUNS     timed runs of each engine (default 3; the median is reported; arquero runs once)
//   BENCH_ENGINES  engines to run, default "cx,duckdb,arquero,papaparse"
//   BENCH_KEEP     keep the generated files (their paths are printed)
//   BENCH_FILE     use this CSV (made by `cx-metrics generate --kind survey`) instead of generating one

import { execFile, spawn } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, openSync, readSync, closeSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SELF = fileURLToPath(import.meta.url);

// ------------------------------------------------------------------------------------------------------------------
// Engine mode: `node bench/cli.mjs --engine NAME FILE` computes the counts and prints them as JSON on stdout.
// ------------------------------------------------------------------------------------------------------------------

const WEEK = 7 * 86_400_000;
/** ISO week label (UTC) of epoch ms: the week's Thursday decides the year. */
function isoWeekLabel(ms) {
  const day = Math.floor(ms / 86_400_000);
  const monday = day - ((day + 3) % 7); // 1970-01-01 was a Thursday
  const thursday = new Date((monday + 3) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan4 = Math.floor(Date.UTC(year, 0, 4) / 86_400_000);
  const week1 = jan4 - ((jan4 + 3) % 7);
  return `${year}-W${String(Math.floor((monday - week1) / 7) + 1).padStart(2, "0")}`;
}

function count(groups, segment, week, score) {
  const k = `${segment}\u0000${week}`;
  let g = groups.get(k);
  if (!g) groups.set(k, (g = { segment, week, n: 0, promoters: 0, passives: 0, detractors: 0 }));
  g.n++;
  if (score >= 9) g.promoters++;
  else if (score >= 7) g.passives++;
  else g.detractors++;
}

async function engineDuckdb(file) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  const con = await instance.connect();
  await con.run("SET TimeZone = 'UTC'");
  const reader = await con.runAndReadAll(`
    SELECT segment, isoyear(week) AS y, weekofyear(week) AS w,
           count(nps)::INTEGER AS n,
           count(*) FILTER (WHERE nps >= 9)::INTEGER AS promoters,
           count(*) FILTER (WHERE nps BETWEEN 7 AND 8)::INTEGER AS passives,
           count(*) FILTER (WHERE nps <= 6)::INTEGER AS detractors,
           100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6)) / count(nps) AS score
    FROM (SELECT segment, nps, date_trunc('week', "at") AS week FROM read_csv('${file.replace(/'/g, "''")}', header = true, types = {'at': 'TIMESTAMP'}))
    GROUP BY ALL`);
  return reader.getRowObjectsJS().map((r) => ({ segment: r.segment, week: `${r.y}-W${String(r.w).padStart(2, "0")}`, n: r.n, promoters: r.promoters, passives: r.passives, detractors: r.detractors }));
}

async function engineArquero(file) {
  const aq = await import("arquero");
  // loadCSV reads the whole file into one string, which V8 caps at 512 MiB: read it in 64 MiB slices cut at line
  // ends, fromCSV each with the header's names, and concatenate the tables (what a user would have to do).
  const fd = openSync(file, "r");
  const size = statSync(file).size;
  const SLICE = 64 << 20;
  let pos = 0;
  let carry = Buffer.alloc(0);
  let names = null;
  const tables = [];
  const buf = Buffer.allocUnsafe(SLICE);
  while (pos < size) {
    const n = readSync(fd, buf, 0, Math.min(SLICE, size - pos), pos);
    pos += n;
    let bytes = Buffer.concat([carry, buf.subarray(0, n)]);
    const cut = pos < size ? bytes.lastIndexOf(10) + 1 : bytes.length;
    carry = Buffer.from(bytes.subarray(cut));
    let text = bytes.subarray(0, cut).toString("utf8");
    if (names === null) {
      const nl = text.indexOf("\n");
      names = text.slice(0, nl).split(",");
      text = text.slice(nl + 1);
    }
    tables.push(aq.fromCSV(text, { header: false, names, parse: { at: (s) => Date.parse(s) } }));
  }
  closeSync(fd);
  const all = tables.length === 1 ? tables[0] : tables[0].concat(...tables.slice(1));
  const week = aq.escape((d) => isoWeekLabel(d.at));
  const out = all
    .filter((d) => d.nps !== null && d.nps !== undefined)
    .derive({ week })
    .groupby("segment", "week")
    .rollup({
      n: aq.op.count(),
      promoters: (d) => aq.op.sum(d.nps >= 9 ? 1 : 0),
      passives: (d) => aq.op.sum(d.nps >= 7 && d.nps <= 8 ? 1 : 0),
      detractors: (d) => aq.op.sum(d.nps <= 6 ? 1 : 0),
    })
    .objects();
  return out;
}

async function enginePapaparse(file) {
  const Papa = (await import("papaparse")).default;
  const groups = new Map();
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file), {
      header: true,
      skipEmptyLines: true,
      step: ({ data }) => {
        if (data.nps === "" || data.nps === undefined) return;
        count(groups, data.segment, isoWeekLabel(Date.parse(data.at)), Number(data.nps));
      },
      complete: resolve,
      error: reject,
    });
  });
  return [...groups.values()];
}

if (process.argv[2] === "--engine") {
  const [, , , name, file] = process.argv;
  const engines = { duckdb: engineDuckdb, arquero: engineArquero, papaparse: enginePapaparse };
  const rows = await engines[name](file);
  process.stdout.write(JSON.stringify(rows));
  process.exit(0);
}

// ------------------------------------------------------------------------------------------------------------------
// Driver
// ------------------------------------------------------------------------------------------------------------------

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DOUBLE = process.env.BENCH_DOUBLE !== "0";
const ENGINES = (process.env.BENCH_ENGINES ?? "cx,duckdb,arquero,papaparse").split(",");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
if (!existsSync(CLI)) {
  console.error("bench: build first (npm run build)");
  process.exit(2);
}

/** Run a command as a whole process; wall time, peak RSS (from /usr/bin/time -v, else the child's own report) and stdout. */
function timed(args) {
  return new Promise((resolve, reject) => {
    const argv = TIME ? ["-v", process.execPath, ...args] : args;
    const t0 = performance.now();
    execFile(TIME ?? process.execPath, argv, { maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      const ms = performance.now() - t0;
      if (error) return reject(new Error(`bench: ${args.join(" ")} failed: ${stderr.slice(-2000)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      resolve({ ms, rssMiB: rss ? Number(rss[1]) / 1024 : null, cpuMs: user && sys ? 1000 * (Number(user[1]) + Number(sys[1])) : null, stdout, stderr });
    });
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function generate(rows, file) {
  const t = await timed([CLI, "generate", "--kind", "survey", "--rows", String(rows), "--seed", "2025", "--out", file]);
  return t.ms;
}

function cxRows(stdout) {
  const r = JSON.parse(stdout);
  return r.rows.map((x) => ({ segment: x.key.segment, week: x.period, n: x.result.n, promoters: x.result.promoters, passives: x.result.passives, detractors: x.result.detractors }));
}

function compare(name, rows, reference) {
  const key = (r) => `${r.segment}\u0000${r.week}`;
  const ref = new Map(reference.map((r) => [key(r), r]));
  let bad = 0;
  for (const r of rows) {
    const e = ref.get(key(r));
    if (!e || ["n", "promoters", "passives", "detractors"].some((k) => Number(r[k]) !== e[k])) bad++;
  }
  if (rows.length !== reference.length) bad += Math.abs(rows.length - reference.length);
  return bad === 0 ? `all ${reference.length} groups equal` : `${bad} groups DIFFER`;
}

const dir = mkdtempSync(join(os.tmpdir(), "cx-bench-cli-"));
const file = process.env.BENCH_FILE ?? join(dir, `survey-${ROWS}.csv`);
const results = [];
let failed = false;
try {
  console.log(`bench/cli.mjs: ${ROWS.toLocaleString("en-US")} rows, ${RUNS} runs each, ${os.cpus().length} cores (${os.cpus()[0]?.model}), load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}, node ${process.version}, ${new Date().toISOString()}`);
  const genMs = process.env.BENCH_FILE ? 0 : await generate(ROWS, file);
  console.log(`generated ${file}: ${(statSync(file).size / 1048576).toFixed(0)} MiB in ${(genMs / 1000).toFixed(1)} s`);
  const cxArgs = (f) => [CLI, "report", f, "--metric", "nps", "--by", "segment", "--period", "isoWeek", "--workers", "2", "--format", "json", "--stats"];
  const engines = {
    cx: () => timed(cxArgs(file)),
    duckdb: () => timed([SELF, "--engine", "duckdb", file]),
    arquero: () => timed(["--max-old-space-size=20000", SELF, "--engine", "arquero", file]),
    papaparse: () => timed([SELF, "--engine", "papaparse", file]),
  };
  let reference = null;
  for (const name of ENGINES) {
    const runs = [];
    for (let i = 0; i < (name === "arquero" ? 1 : RUNS); i++) {
      try {
        runs.push(await engines[name]());
      } catch (e) {
        console.log(`${name}: ${e.message.split("\n").slice(0, 3).join(" ")}`);
        break;
      }
    }
    if (runs.length === 0) continue;
    const rows = name === "cx" ? cxRows(runs[0].stdout) : JSON.parse(runs[0].stdout);
    if (reference === null) reference = rows;
    const check = compare(name, rows, reference);
    if (check.includes("DIFFER")) failed = true;
    const r = { name, ms: median(runs.map((x) => x.ms)), best: Math.min(...runs.map((x) => x.ms)), rssMiB: Math.max(...runs.map((x) => x.rssMiB ?? 0)), cpuMs: median(runs.map((x) => x.cpuMs ?? NaN)), runs: runs.length, check };
    if (name === "cx") r.stats = runs[0].stderr.split("\n").filter((l) => l.startsWith("cx-metrics:")).join(" | ");
    results.push(r);
    console.log(`${name.padEnd(10)} median ${(r.ms / 1000).toFixed(2)} s  best ${(r.best / 1000).toFixed(2)} s  CPU ${(r.cpuMs / 1000).toFixed(2)} s  peak RSS ${r.rssMiB.toFixed(0)} MiB  (${r.runs} runs; ${check})${r.stats ? `\n           ${r.stats}` : ""}`);
  }
  const cx = results.find((r) => r.name === "cx");
  for (const r of results) if (r !== cx && cx) console.log(`cx-metrics vs ${r.name}: ${(r.ms / cx.ms).toFixed(2)}x faster (median wall), ${(r.best / cx.best).toFixed(2)}x (best wall), ${(r.cpuMs / cx.cpuMs).toFixed(2)}x less CPU time`);
  if (cx) {
    const duck = results.find((r) => r.name === "duckdb");
    const aqr = results.find((r) => r.name === "arquero");
    if (duck) console.log(`target >= 1.5x DuckDB: ${duck.ms / cx.ms >= 1.5 ? "met" : "MISSED"}`);
    if (aqr) console.log(`target >= 20x arquero: ${aqr.ms / cx.ms >= 20 ? "met" : "MISSED"}`);
    console.log(`target peak RSS < 300 MiB at ${ROWS.toLocaleString("en-US")} rows: ${cx.rssMiB < 300 ? "met" : "MISSED"} (${cx.rssMiB.toFixed(0)} MiB)`);
  }
  if (DOUBLE && cx) {
    const file2 = join(dir, `survey-${2 * ROWS}.csv`);
    const gen2 = await generate(2 * ROWS, file2);
    const runs = [];
    for (let i = 0; i < Math.min(RUNS, 2); i++) runs.push(await timed(cxArgs(file2)));
    const rss2 = Math.max(...runs.map((x) => x.rssMiB ?? 0));
    console.log(`cx at ${(2 * ROWS).toLocaleString("en-US")} rows (${(statSync(file2).size / 1048576).toFixed(0)} MiB, generated in ${(gen2 / 1000).toFixed(1)} s): median ${(median(runs.map((x) => x.ms)) / 1000).toFixed(2)} s, peak RSS ${rss2.toFixed(0)} MiB (at ${ROWS.toLocaleString("en-US")}: ${cx.rssMiB.toFixed(0)} MiB): ${rss2 <= cx.rssMiB * 1.1 ? "no higher (within 10 %): met" : "HIGHER"}`);
    if (!process.env.BENCH_KEEP) rmSync(file2);
  }
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
process.exit(failed ? 1 : 0);
