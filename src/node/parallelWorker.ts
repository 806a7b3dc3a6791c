/**
 * The worker thread of runParallel (not a public module). Two steps, each started by the main thread:
 * 1. `workerData` names a raw byte range: scan it for quotes (splitCsvRanges) and post the scan;
 * 2. a "run" message names the range to decode, split at a record boundary: decode it, aggregate it, write the
 *    rejected rows (line numbers local to the range) to `rejects` as NDJSON, post the state as JSON, or the first
 *    bad row under onInvalid "throw".
 */
import { appendFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { CxError } from "../errors.ts";
import { aggregateCsv, RowError, type RejectRecord } from "./aggregateCsv.ts";
import { fileChunks } from "./fileChunks.ts";
import type { ResolvedSpec } from "./metricSpec.ts";
import { scanQuotes } from "./splitCsvRanges.ts";

/** The main thread's second message. */
export interface RunMessage {
  spec: ResolvedSpec;
  path: string;
  start: number;
  end: number;
  header: true | string[];
  format: "csv" | "ndjson";
  last: boolean;
  rejects: string | null;
}

/** What a worker posts. */
export type WorkerReply =
  | { type: "scan"; quotes: number; newline: [number, number] }
  | { type: "progress"; bytes: number }
  | { type: "done"; state: string; lines: number; rows: number; decoded: number; rejected: number; cut: boolean }
  | { type: "error"; line: number | null; message: string; code: string | null };

const port = parentPort!;
const { path, start, end } = workerData as { path: string; start: number; end: number };

const post = (m: WorkerReply): void => port.postMessage(m);

// no top-level await: the CommonJS build of this file must load too
scanQuotes(path, start, end).then(
  (scan) => post({ type: "scan", ...scan }),
  (e: unknown) => post({ type: "error", line: null, message: (e as Error).message, code: (e as { code?: string }).code ?? null }),
);

port.once("message", (m: RunMessage) => {
  void run(m);
});

async function run(m: RunMessage): Promise<void> {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0 && m.rejects !== null) appendFileSync(m.rejects, pending.join(""));
    pending = [];
  };
  try {
    let reported = 0;
    const result = await aggregateCsv(m.spec, fileChunks(m.path, { start: m.start, end: m.end }), {
      header: m.header,
      format: m.format,
      last: m.last,
      reject: (r: RejectRecord) => {
        pending.push(`${JSON.stringify(r)}\n`);
        if (pending.length >= 1024) flush();
      },
      progress: (bytes) => {
        if (bytes - reported >= 1 << 23) {
          post({ type: "progress", bytes: bytes - reported });
          reported = bytes;
        }
      },
    });
    flush();
    post({ type: "progress", bytes: result.stats.bytes - reported });
    const { stats } = result;
    post({ type: "done", state: JSON.stringify(result.state), lines: stats.lines, rows: stats.rows, decoded: result.decoded, rejected: stats.rejected, cut: result.cut });
  } catch (e) {
    flush();
    post({ type: "error", line: e instanceof RowError ? e.line : null, message: e instanceof RowError ? e.message.replace(/^line \d+: /, "") : (e as Error).message, code: e instanceof CxError ? e.code : ((e as { code?: string }).code ?? null) });
  }
}
