import { existsSync } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import type { AggregatorState } from "../aggregate/aggregator.ts";
import type { BreakdownState } from "../aggregate/breakdown.ts";
import { CxError, InvalidOptionError, type CxErrorCode } from "../errors.ts";
import { RowError, type RejectRecord } from "./aggregateCsv.ts";
import { fileChunks } from "./fileChunks.ts";
import { resolveSpec, specAggregator, type MetricSpec, type ResolvedSpec } from "./metricSpec.ts";
import type { RunMessage, WorkerReply } from "./parallelWorker.ts";
import { report, runCsv, type CsvReport, type RunCsvOptions } from "./runCsv.ts";
import { chooseSplits, type QuoteScan } from "./splitCsvRanges.ts";

/** Options of {@link runParallel}; `format` defaults to "ndjson" for .ndjson and .jsonl files, else "csv". */
export interface ParallelOptions extends RunCsvOptions {
  /** Worker threads (default: the cores, `os.availableParallelism()`); 1 decodes in this thread. */
  workers?: number;
}

/**
 * A metric by segment x period over a CSV (or NDJSON) file, decoded by worker threads on byte ranges; the result equals
 * {@link runCsv}'s on the same file exactly (states merge exactly: counts), and so do the rejected rows and their
 * line numbers.
 *
 * Method (two steps, both in the workers):
 * 1. cut the file into `workers` equal raw ranges; each worker counts the `"` bytes of its range and notes its
 *    first line feed after an even and after an odd local count (one memchr pass; chooseSplits).
 *    The quote parity at a range's start is the sum of the earlier counts mod 2, so the main thread picks, per range,
 *    the first line feed outside quotes: split = the byte after it. In RFC 4180 CSV a quote opens, closes or is
 *    doubled inside a quoted field, so an even count before a line feed means it is outside every field: a record
 *    boundary. Quoted fields holding line breaks are thus never cut.
 * 2. each worker decodes [split_i, split_i+1) with the header names and feeds the spec's breakdown (`addColumns`),
 *    then posts its state as JSON, its physical line count and its decoded-row count. The main thread shifts each
 *    worker's line numbers by the lines before its range and its record indices by the rows before it, then merges
 *    the states in file order (fromJSON + merge).
 * Check: by induction, range 0 starts at a record; if the decoder, started at a record, ends range i outside a
 * quoted field, range i+1 starts at a record too. A range other than the last that ends inside a quoted field (only
 * possible when a stray quote broke the premise) makes the whole file be read again in this thread.
 * Under onInvalid "throw", the error reported is the first bad row of the file (the earliest range's).
 *
 * @param spec the metric, its columns, segments, period, time zone and onInvalid (plain JSON)
 * @param file path of a CSV file with a header row
 * @param options workers, rejected-row sink (called in line order), progress
 * @returns the breakdown result, the merged state and the row accounting
 * @example
 * const r = await runParallel({ metric: "nps", by: ["segment"], period: "isoWeek" }, "answers.csv", { workers: 2 });
 * r.result.rows[0] // => { key: { segment: "smb" }, period: "2025-W01", ..., result: { score: 21.4, ... } }
 * @see Ge, Li, Qu, Zhang (2019), "Speculative Distributed CSV Data Parsing for Big Data Analytics", SIGMOD (quote parity)
 */
export async function runParallel(spec: MetricSpec, file: string, options: ParallelOptions = {}): Promise<CsvReport> {
  const resolved = resolveSpec(spec);
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) throw new InvalidOptionError("runParallel", "workers", `is ${JSON.stringify(workers)}, expected an integer of 1 or more`);
  const { size } = await stat(file);
  const format = options.format ?? (/\.(ndjson|jsonl)$/i.test(file) ? "ndjson" : "csv");
  const single = { ...options, format };
  if (workers === 1 || size === 0) return runCsv(resolved, fileChunks(file), single);
  const parallel = await tryParallel(resolved, file, size, workers, single);
  return parallel ?? runCsv(resolved, fileChunks(file), single);
}

interface Done {
  state: string;
  lines: number;
  rows: number;
  decoded: number;
  rejected: number;
  cut: boolean;
}

/** The parallel run, or null when a split turned out not to be a record boundary. */
async function tryParallel(spec: ResolvedSpec, file: string, size: number, count: number, options: ParallelOptions & { format: "csv" | "ndjson" }): Promise<CsvReport | null> {
  const starts = Array.from({ length: count }, (_, i) => Math.floor((i * size) / count));
  const url = workerUrl();
  // the workers get this process's flags (e.g. --max-old-space-size), except those that only make sense for a main script
  const execArgv = process.execArgv.filter((a) => !/^--(input-type|eval|print|test)/.test(a));
  const workers = starts.map((start, i) => new Worker(url, { execArgv, workerData: { path: file, start, end: i + 1 < count ? starts[i + 1]! : size } }));
  const dir = options.rejected ? await mkdtemp(join(tmpdir(), "cx-metrics-rejects-")) : null;
  try {
    const scans = await Promise.all(
      workers.map((w) =>
        (nextReply(w, "scan") as Promise<QuoteScan>).catch((f: WorkerFailure) => {
          throw f.error;
        }),
      ),
    );
    const ndjson = options.format === "ndjson";
    const splits = chooseSplits(size, starts, scans, ndjson);
    const header = ndjson ? true : await readHeader(file, spec.delimiter);
    const used = splits.length - 1;
    for (const w of workers.slice(used)) await w.terminate();
    let read = 0;
    const outcomes = await Promise.all(
      workers.slice(0, used).map((w, i) => {
        w.on("message", (m: WorkerReply) => {
          if (m.type === "progress") options.progress?.((read += m.bytes));
        });
        const run: RunMessage = { spec, path: file, start: splits[i]!, end: splits[i + 1]!, header: i === 0 ? true : header, format: options.format, last: i === used - 1, rejects: dir && join(dir, `${i}.ndjson`) };
        w.postMessage(run);
        return nextReply(w, "done").then(
          (d) => ({ done: d as Done }),
          (e: unknown) => ({ error: e as WorkerFailure }),
        );
      }),
    );
    const agg = specAggregator(spec);
    let state = agg.empty() as BreakdownState<AggregatorState>;
    let lines = 0;
    let index = 0;
    let rows = 0;
    let decodeRejected = 0;
    const offsets: number[] = [];
    for (const [i, o] of outcomes.entries()) {
      if ("error" in o) {
        const { line, message } = o.error;
        if (line !== null) throw new RowError(line + lines, message);
        throw o.error.error;
      }
      const d = o.done;
      if (d.cut && i < used - 1) return null;
      offsets.push(lines);
      const part = JSON.parse(d.state) as unknown;
      shiftIndices(part, index);
      state = agg.merge(state as never, agg.fromJSON(part) as never) as unknown as BreakdownState<AggregatorState>;
      lines += d.lines;
      index += d.decoded;
      rows += d.rows;
      decodeRejected += d.rejected;
    }
    if (dir && options.rejected) for (let i = 0; i < used; i++) await replayRejects(join(dir, `${i}.ndjson`), offsets[i]!, options.rejected);
    return report(spec, state, { lines, rows, decodeRejected, bytes: size }, used);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

interface WorkerFailure {
  line: number | null;
  message: string;
  error: Error;
}

const CX_CODES: readonly string[] = ["INVALID_RECORD", "INVALID_OPTION", "INVALID_STATE", "INCOMPATIBLE_STATES"] satisfies CxErrorCode[];

function nextReply(w: Worker, type: "scan" | "done"): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: WorkerReply): void => {
      if (m.type === type) {
        off();
        resolve(m);
      } else if (m.type === "error") {
        off();
        // a CxError keeps its code (exit codes depend on it); an fs error its code, as far as a message can carry it
        const error = m.code !== null && CX_CODES.includes(m.code) ? new CxError(m.code as CxErrorCode, m.message) : Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
        reject({ line: m.line, message: m.message, error } satisfies WorkerFailure);
      }
    };
    const onError = (e: Error): void => {
      off();
      reject({ line: null, message: e.message, error: e } satisfies WorkerFailure);
    };
    const off = (): void => {
      w.off("message", onMessage);
      w.off("error", onError);
    };
    w.on("message", onMessage);
    w.on("error", onError);
  });
}

/** Add `by` to the record index of every invalid example in a state's JSON (a worker numbered its rows from 0). */
function shiftIndices(json: unknown, by: number): void {
  if (by === 0 || json === null || typeof json !== "object") return;
  if (Array.isArray(json)) {
    for (const x of json) shiftIndices(x, by);
    return;
  }
  const o = json as Record<string, unknown>;
  if (typeof o["count"] === "number" && Array.isArray(o["examples"])) {
    for (const e of o["examples"] as { index?: unknown }[]) if (typeof e.index === "number") e.index += by;
    return;
  }
  for (const k in o) shiftIndices(o[k], by);
}

async function replayRejects(path: string, offset: number, sink: (r: RejectRecord) => void): Promise<void> {
  if (!existsSync(path)) return;
  const handle = await open(path, "r");
  try {
    for await (const line of createInterface({ input: handle.createReadStream(), crlfDelay: Infinity })) {
      if (line === "") continue;
      const r = JSON.parse(line) as RejectRecord;
      sink({ line: r.line + offset, reason: r.reason, raw: r.raw });
    }
  } finally {
    await handle.close();
  }
}

/** The header's column names: the file's first record (RFC 4180 quoting), a BOM and the line break removed. */
async function readHeader(file: string, delimiter: string): Promise<string[]> {
  const bytes: Uint8Array[] = [];
  let quotes = 0;
  let found = -1;
  let length = 0;
  for await (const chunk of fileChunks(file, { chunkSize: 1 << 16 })) {
    for (let i = 0; i < chunk.length && found < 0; i++) {
      if (chunk[i] === 34) quotes++;
      else if (chunk[i] === 10 && quotes % 2 === 0) found = length + i;
    }
    bytes.push(chunk);
    length += chunk.length;
    if (found >= 0) break;
  }
  const all = Buffer.concat(bytes);
  const text = new TextDecoder().decode(found >= 0 ? all.subarray(0, found) : all).replace(/^\uFEFF/, "").replace(/\r$/, "");
  const names: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) names.push(field), (field = "");
    else field += c;
  }
  names.push(field);
  return names;
}

/**
 * The built worker script beside this module: dist/node/parallelWorker.js (.cjs for the CommonJS build), or
 * dist/cli-worker.js beside the CLI bundle (one file with its dependencies: a worker starts in a fifth of the time
 * it takes to load date-fns' many modules).
 */
function workerUrl(): URL {
  // the CommonJS build gets import.meta.url from tsup's shim (package.json tsup "shims")
  const here = import.meta.url;
  const ext = here.endsWith(".cjs") ? ".cjs" : ".js";
  for (const rel of [`./parallelWorker${ext}`, `./cli-worker${ext}`, `./node/parallelWorker${ext}`, `../node/parallelWorker${ext}`]) {
    const url = new URL(rel, here);
    if (existsSync(url)) return url;
  }
  throw new Error(`runParallel: the worker script parallelWorker${ext} is not beside ${here}; run the built package (npm run build), or use { workers: 1 }`);
}
