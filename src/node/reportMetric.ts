import { createWriteStream, type WriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { AggregatorState } from "../aggregate/aggregator.ts";
import type { BreakdownState } from "../aggregate/breakdown.ts";
import { surveyCsvChunks } from "../sample/surveyCsvChunks.ts";
import { RowError, type RejectRecord } from "./aggregateCsv.ts";
import { fileChunks } from "./fileChunks.ts";
import { formatBreakdown, type BreakdownFormat } from "./formatBreakdown.ts";
import { metricEntry, resolveSpec, specAggregator, type MetricSpec, type ResolvedSpec } from "./metricSpec.ts";
import { progressBar } from "./progressBar.ts";
import { report, runCsv, type CsvReport, type RunCounts, type RunCsvOptions } from "./runCsv.ts";
import { runParallel } from "./runParallel.ts";

/** What `cx-metrics report --metric` was asked. */
export interface MetricReportRequest {
  spec: MetricSpec;
  /** Files ("-" = stdin); none: the bundled sample. */
  files: string[];
  sample: { seed: number; count: number; year: number };
  format: BreakdownFormat;
  /** Worker threads; null: the cores for files of 32 MiB or more, else 1. */
  workers: number | null;
  rejects: string | null;
  /** "csv" or "ndjson"; null: by the file's extension (.ndjson, .jsonl), CSV for stdin. */
  inputFormat: "csv" | "ndjson" | null;
}

/** Files this large or larger get a worker per core by default. */
const PARALLEL_BYTES = 32 << 20;

/**
 * Run a metric over CSV files (or the bundled sample) and return the formatted result, the merged run and the
 * accounting; rejected rows go to `request.rejects` as NDJSON `{ line, reason, raw }` (plus `file` with more
 * than one input), in file and line order.
 */
export async function reportMetric(request: MetricReportRequest, stderr: unknown): Promise<{ text: string; run: CsvReport }> {
  const spec = resolveSpec(request.spec);
  const agg = specAggregator(spec);
  const sink = request.rejects === null ? null : await openSink(request.rejects);
  try {
    const runs: CsvReport[] = [];
    for (const file of request.files.length === 0 ? [null] : request.files) {
      const rejected = sink ? (r: RejectRecord): void => void sink.write(`${JSON.stringify(request.files.length > 1 ? { file, ...r } : r)}\n`) : undefined;
      try {
        runs.push(await runOne(spec, file, request, stderr, rejected ? { rejected } : {}));
      } catch (e) {
        // a bad row's line means little without its file
        if (e instanceof RowError && file !== null) throw new RowError(e.line, e.message.replace(/^line \d+: /, ""), file === "-" ? "stdin" : file);
        throw e;
      }
    }
    let run = runs[0]!;
    if (runs.length > 1) {
      let state = agg.empty() as BreakdownState<AggregatorState>;
      for (const r of runs) state = agg.merge(state as never, r.state as never) as unknown as BreakdownState<AggregatorState>;
      const sum = (k: keyof RunCounts): number => runs.reduce((s, r) => s + r.counts[k], 0);
      const decodeRejected = sum("rejected") - runs.reduce((s, r) => s + (r.result.invalid?.count ?? 0) + (r.result.total.invalid?.count ?? 0), 0);
      run = report(spec, state, { lines: sum("lines"), rows: sum("rows"), decodeRejected, bytes: sum("bytes") }, Math.max(...runs.map((r) => r.workers)));
    }
    const text = formatBreakdown(run.result, request.format, { metric: spec.metric, digits: metricEntry(spec.metric).digits });
    return { text, run };
  } finally {
    if (sink) await new Promise<void>((resolve, reject) => sink.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

/** One input: the bundled sample (null), stdin ("-") or a file, in worker threads when asked or large. */
async function runOne(spec: ResolvedSpec, file: string | null, request: MetricReportRequest, stderr: unknown, options: RunCsvOptions): Promise<CsvReport> {
  if (file === null) return runCsv(spec, surveyCsvChunks(request.sample), { ...options, format: "csv" });
  if (file === "-") return runCsv(spec, fileChunks("-"), { ...options, format: request.inputFormat ?? "csv" });
  const { size } = await stat(file);
  const workers = request.workers ?? (size >= PARALLEL_BYTES ? availableParallelism() : 1);
  const bar = progressBar(stderr, size);
  try {
    return await runParallel(spec, file, { ...options, workers, progress: (b) => bar.update(b), ...(request.inputFormat !== null && { format: request.inputFormat }) });
  } finally {
    bar.stop();
  }
}

async function openSink(path: string): Promise<WriteStream> {
  const s = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    s.once("open", () => resolve());
    s.once("error", reject);
  });
  return s;
}
