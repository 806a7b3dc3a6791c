import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { CxError } from "../errors.ts";
import { generateSurveySample } from "../sample/generateSurveySample.ts";
import type { PeriodUnit } from "../time/periodIndexer.ts";
import { formatSurveyReport } from "./formatSurveyReport.ts";
import { clvReport } from "./clvReport.ts";
import { formatClvReport } from "./formatClvReport.ts";
import type { BreakdownFormat } from "./formatBreakdown.ts";
import { GENERATORS } from "./generators.ts";
import { METRICS, PLANNED_METRICS } from "./metricRegistry.ts";
import { generateSubscriptions } from "../sample/generateSubscriptions.ts";
import { churnReport } from "./churnReport.ts";
import { formatChurnReport } from "./formatChurnReport.ts";
import { readRecordsFile } from "./readRecordsFile.ts";
import { reportMetric } from "./reportMetric.ts";
import { recordMetricReport } from "./recordMetricReport.ts";
import type { ChurnMethod } from "../churn/churnCounts.ts";
import { surveyReport } from "./surveyReport.ts";
import { surveyGoal, type SurveyGoalOptions } from "./surveyGoal.ts";
import { formatGoalProgress } from "./formatGoalProgress.ts";
import { htmlReport } from "./htmlReport.ts";
import { breakdown } from "../aggregate/breakdown.ts";
import { npsAggregator } from "../survey/nps.ts";
import { cdnowSample } from "../datasets/cdnowSample.ts";
import { rfmSummary } from "../clv/rfmSummary.ts";
import { fitBgNbd } from "../clv/fitBgNbd.ts";
import { fitGammaGamma } from "../clv/fitGammaGamma.ts";
import { customerLifetimeValue, type CustomerLifetimeValueResult } from "../clv/customerLifetimeValue.ts";
import { generateTickets } from "../sample/generateTickets.ts";
import { businessCalendar } from "../time/businessCalendar.ts";
import { formatTicketReport } from "./formatTicketReport.ts";
import { ticketReport, type TicketReport } from "./ticketReport.ts";
import pkg from "../../package.json" with { type: "json" };

/** Where the CLI writes: `process.stdout` and `process.stderr`, or anything with a `write` (tests). */
export interface CliIo {
  stdout: {
    /** Writes report output. */
    write(text: string): unknown;
  };
  stderr: {
    /** Writes progress, warnings and errors. */
    write(text: string): unknown;
  };
}

/** Exit codes of the CLI. */
const EXIT = { ok: 0, internal: 1, usage: 2, data: 3, io: 4 } as const;

/** Metrics over whole records (their own single-threaded path, see recordMetricReport). */
const RECORD_METRICS: readonly string[] = ["churn", "clv"];

const HELP = `Usage: cx-metrics <command> [options]

Commands:
  report [FILE...]  A metric by segment and period over CSV or NDJSON files (--metric), in worker threads for large files.
                    Without FILE and --metric: NPS, CSAT and CES of the bundled seeded sample, overall, by period
                    and by segment x period, with intervals and significant changes marked (also --input),
                    then a tickets section on a seeded year of support tickets (resolution and first response
                    in business hours per team x period, SLA attainment per priority, open tickets, reopens), a
                    churn and retention section on the sample's subscriptions (5000 customers signing up over
                    two years) and a
                    CLV section on the bundled CDNOW transactions (RFM, BG/NBD with its holdout check, Gamma-Gamma,
                    12-month CLV by decile).
  generate          Seeded, realistic CSV data (the same bytes for the same seed).
  help              Show this help.

Options of report with --metric (FILE: CSV with a header row, or NDJSON; "-" for stdin; none: the bundled sample):
  --metric NAME     ${[...Object.keys(METRICS), ...RECORD_METRICS].join(", ")}${PLANNED_METRICS.length > 0 ? ` (planned: ${PLANNED_METRICS.join(", ")})` : ""}
${Object.entries(METRICS).map(([k, m]) => `                    ${k}: ${m.summary}`).join("\n")}
  --value COL       the value column (default: the metric's name, e.g. nps; ttr resolved_at, frt first_response_at)
                    ttr/frt: the row's value is value - at in hours; an empty end is an open ticket (counted in
                    "open"); one number per row cannot carry an open ticket's age, so the Kaplan-Meier median of
                    the library (timeToResolution with asOf) is not computed here (its "censored" is null)
  --at COL          the instant column (default: at; ttr/frt created_at), ISO 8601; read with --period
  --by COL[,COL]    segment columns (default: none)
  --period UNIT     day, isoWeek, week, month, quarter or year (default: none)
  --tz ZONE         IANA zone of the periods and of instants without an offset (default: UTC); also --time-zone
  --format F        table (default), json (the library's breakdown result: rows and total), csv, ndjson, html
  --workers N       worker threads (default: the cores for files of 32 MiB or more, else 1)
  --on-invalid M    throw (default: a bad row stops the run, naming its line) or count (go on; see --rejects)
  --rejects FILE    with --on-invalid count: every row that did not count, as NDJSON { line, reason, raw }
  --out FILE        write the result to FILE instead of stdout
  --delimiter C     field delimiter (default: ,)
  --input-format F  csv or ndjson (default: ndjson for .ndjson and .jsonl files, else csv)
  --stats           print time and peak memory (maxRSS) on stderr
  The accounting line on stderr: rows read = accepted + missing (empty value) + rejected.

Options of report --metric churn|clv (whole records, not one number per row: single-threaded, the records are
decoded as they stream in and held in memory; --by, --workers and --rejects do not apply; --format table or json):
  churn             churnRateSeries over subscriptions: columns customerId, start, end (empty = active)
                    --at COL start column, --value COL end column, --customer COL, --period UNIT (default month),
                    --from/--to ISO instants (default: the first and just after the last instant in the data),
                    --method start (default), start-plus-new or customer-days
  clv               rfmSummary (weeks) + fitBgNbd + fitGammaGamma + customerLifetimeValue (12 months, 1 %/month)
                    over purchases: columns customerId, at, amount (--at COL, --value COL, --customer COL)
  Without FILE they run on generated data (generate --kind subscriptions|transactions with --seed and --count).

Options of report without --metric (the survey report):
  --input FILE      .json (an array of records), .ndjson or .jsonl (one record per line)
  --by LIST         segment fields, comma-separated (default: channel,touchpoint)
  --period UNIT     day, isoWeek, week, month (default), quarter or year
  --time-zone ZONE  IANA zone of the periods and of timestamps without an offset (default: UTC); also --tz
  --level X         confidence level, strictly between 0 and 1 (default: 0.95)
  --format F        text (default), json (the report data, plain JSON) or html (one self-contained page:
                    the tables and SVG charts of every section, inline CSS, no script, no external URL)
  --out FILE        write the report to FILE instead of stdout
  --goal-target X   the CSAT goal's target in percent (default: the first period's CSAT + 3 points, at most 100)
  --goal-deadline D the goal's deadline, ISO 8601 (default: the end of the quarter after the last answer);
                    the goal section tracks CSAT by period against it (least-squares trend, its interval at
                    the deadline, status); in JSON under "goal"
  --strict          stop at the first invalid answer (default: count invalid answers and show them)
  --at-field NAME, --nps-field NAME, --csat-field NAME, --ces-field NAME
                    field names in the records (default: at, nps, csat, ces)
  --seed N, --count N, --year N
                    the sample's seed (default 2025), size (default 20000) and calendar year (default 2025)

Options of generate:
  --kind K          ${Object.entries(GENERATORS).map(([k, g]) => (g ? k : `${k} (planned)`)).join(", ")}
  --rows N          survey answers or tickets; customers for subscriptions and transactions (default 20000);
                    written in blocks of 65536, so memory stays flat at any N
                    columns: survey id,at,segment,channel,touchpoint,nps,csat,ces; tickets id,created_at,
                    first_response_at,first_resolved_at,resolved_at,reopens,replies,priority,status,team,channel
                    (open tickets: empty resolved_at); subscriptions customerId,plan,start,end,reason,mrr;
                    transactions customerId,at,amount (BG/NBD and Gamma-Gamma with CDNOW's fitted parameters)
  --seed S          seed (default 2025)
  --out FILE        write to FILE (default: stdout)

  --debug           print the stack of an error
  --version         print the version

Exit codes: 0 success, 2 bad usage (unknown option, a value the library refuses), 3 bad data (a row that does not
parse or is out of range; the message names its line), 4 a file that cannot be read or written, 1 an internal error.

Examples:
  cx-metrics generate --kind survey --rows 1000000 --seed 7 --out answers.csv
  cx-metrics report answers.csv --metric nps --by segment --period isoWeek --tz Europe/Berlin
  cx-metrics report answers.csv --metric csat --by channel,touchpoint --period month --format csv --out csat.csv
  cx-metrics report answers.csv --metric nps --on-invalid count --rejects rejects.ndjson --format json
  cat answers.csv | cx-metrics report - --metric ces --by channel
  cx-metrics generate --kind tickets --rows 10000 | cx-metrics report - --metric ttr --by team --period month
  cx-metrics generate --kind subscriptions --rows 5000 | cx-metrics report - --metric churn --period quarter
  cx-metrics generate --kind transactions --rows 5000 | cx-metrics report - --metric clv --format json
`;

const PERIODS: readonly string[] = ["day", "isoWeek", "week", "month", "quarter", "year"];
const FORMATS: readonly string[] = ["table", "text", "json", "csv", "ndjson", "html"];

class UsageError extends Error {}

/**
 * Run the `cx-metrics` command line and return its exit code: 0 on success, 2 for bad usage, 3 for bad data
 * (the message names the row's line), 4 when a file cannot be read or written, 1 for an internal error. Output goes
 * to `io`; errors are one line (the stack only with --debug).
 *
 * @param argv the arguments after the program name
 * @param io where to write
 * @returns the exit code
 * @example
 * await runCli(["report", "--metric", "nps", "--by", "channel"]) // => 0, and the table on stdout
 * @see https://nodejs.org/api/util.html#utilparseargsconfig (the argument parser)
 */
export async function runCli(argv: readonly string[], io: CliIo = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: "string" },
        metric: { type: "string" },
        value: { type: "string" },
        at: { type: "string" },
        by: { type: "string" },
        period: { type: "string" },
        tz: { type: "string" },
        "time-zone": { type: "string" },
        level: { type: "string" },
        format: { type: "string" },
        workers: { type: "string" },
        "on-invalid": { type: "string" },
        rejects: { type: "string" },
        out: { type: "string" },
        delimiter: { type: "string" },
        "input-format": { type: "string" },
        stats: { type: "boolean" },
        strict: { type: "boolean" },
        "at-field": { type: "string" },
        "nps-field": { type: "string" },
        "csat-field": { type: "string" },
        "ces-field": { type: "string" },
        seed: { type: "string" },
        count: { type: "string" },
        year: { type: "string" },
        kind: { type: "string" },
        rows: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        method: { type: "string" },
        customer: { type: "string" },
        "goal-target": { type: "string" },
        "goal-deadline": { type: "string" },
        debug: { type: "boolean" },
        version: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { positionals } = parsed;
  const o = parsed.values as Values;
  if (o.version) {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const command = positionals[0] ?? "help";
  if (o.help || command === "help") {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const started = performance.now();
  try {
    let code: number;
    if (command === "generate") code = await generate(o, positionals, io);
    else if (command !== "report") return usage(io, `unknown command "${command}"`);
    else if (o.metric !== undefined || positionals.length > 1) code = await metricReport(o, positionals.slice(1), io);
    else code = await legacyReport(o, io);
    if (o.stats) io.stderr.write(`cx-metrics: stats: ${((performance.now() - started) / 1000).toFixed(2)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`);
    return code;
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message);
    const debug = o.debug && e instanceof Error && e.stack ? `${e.stack}\n` : "";
    if (e instanceof CxError) {
      io.stderr.write(`cx-metrics: ${e.message}\n${debug}`);
      return e.code === "INVALID_OPTION" ? EXIT.usage : EXIT.data;
    }
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code === "string" && typeof err.path === "string") {
      const what = err.code === "ENOENT" ? "no such file" : err.code === "EACCES" ? "permission denied" : err.code === "EISDIR" ? "a directory" : err.message;
      io.stderr.write(`cx-metrics: cannot read or write ${err.path}: ${what} (${err.code})\n${debug}`);
      return EXIT.io;
    }
    io.stderr.write(`cx-metrics: internal error: ${(e as Error)?.message ?? String(e)}${o.debug ? "" : " (run with --debug for the stack)"}\n${debug}`);
    return EXIT.internal;
  }
}

/** The business calendar of the ticket sample: weekdays 08:00-18:00 UTC, closed on New Year's Day and at Christmas. */
function sampleCalendarSpec(year: number): Parameters<typeof businessCalendar>[0] {
  const day = ["mon", "tue", "wed", "thu", "fri"] as const;
  return {
    timeZone: "UTC",
    hours: Object.fromEntries(day.map((d) => [d, [["08:00", "18:00"]]])),
    holidays: [`${year}-01-01`, `${year}-12-25`, `${year}-12-26`],
  };
}

/** The tickets section on the seeded ticket sample of the same seed, size and year as the survey sample. */
function sampleTicketReport(numbers: Record<string, number | undefined>, period: PeriodUnit, timeZone: string): TicketReport {
  const year = numbers["year"] ?? 2025;
  const start = Date.UTC(year, 0, 1);
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / 86_400_000);
  const tickets = generateTickets({ seed: numbers["seed"] ?? 2025, count: numbers["count"] ?? 20_000, start, days });
  return ticketReport(tickets as unknown as Record<string, unknown>[], { calendar: businessCalendar(sampleCalendarSpec(year)), asOf: start + days * 86_400_000, period, timeZone });
}

type Values = Record<string, string | boolean | undefined>;

function str(o: Values, name: string): string | undefined {
  const v = o[name];
  return typeof v === "string" ? v : undefined;
}

function integer(o: Values, name: string, fallback: number, min: number): number {
  const raw = str(o, name);
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (raw.trim() === "" || !Number.isSafeInteger(x)) throw new UsageError(`--${name} is "${raw}", expected an integer`);
  if (x < min) throw new UsageError(`--${name} is ${x}, expected ${min} or more`);
  return x;
}

function only(o: Values, allowed: readonly string[], what: string): void {
  const extra = Object.keys(o).filter((k) => o[k] !== undefined && !allowed.includes(k) && k !== "debug" && k !== "stats");
  if (extra.length > 0) throw new UsageError(`--${extra[0]} does not apply to ${what}`);
}

async function generate(o: Values, positionals: string[], io: CliIo): Promise<number> {
  only(o, ["kind", "rows", "seed", "out"], "generate");
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const kind = str(o, "kind") ?? "survey";
  if (!Object.hasOwn(GENERATORS, kind)) throw new UsageError(`--kind is "${kind}", expected one of ${Object.keys(GENERATORS).join(", ")}`);
  const make = GENERATORS[kind];
  if (!make) throw new UsageError(`--kind ${kind} is not available yet (its generator is being written); use --kind survey`);
  const chunks = make({ rows: integer(o, "rows", 20_000, 0), seed: integer(o, "seed", 2025, -(2 ** 31)) });
  const out = str(o, "out");
  if (out === undefined) {
    for (const c of chunks) await writeChunk(io.stdout, c);
    return EXIT.ok;
  }
  const file = createWriteStream(out);
  await new Promise<void>((resolve, reject) => file.once("open", () => resolve()).once("error", reject));
  for (const c of chunks) await writeChunk(file, c);
  await new Promise<void>((resolve, reject) => file.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return EXIT.ok;
}

/** Write a chunk, waiting for "drain" when a stream asks to (generating 10 M rows must not fill memory). */
function writeChunk(stream: CliIo["stdout"], chunk: string): Promise<void> | void {
  if (stream.write(chunk) !== false) return;
  const s = stream as unknown as { once?(event: string, f: () => void): unknown };
  if (typeof s.once !== "function") return;
  return new Promise((resolve) => s.once!("drain", resolve));
}

async function metricReport(o: Values, files: string[], io: CliIo): Promise<number> {
  only(o, ["metric", "value", "at", "by", "period", "tz", "time-zone", "format", "workers", "on-invalid", "rejects", "out", "delimiter", "input-format", "strict", "seed", "count", "year", "from", "to", "method", "customer"], "report --metric");
  if (o.input !== undefined) throw new UsageError("--input reads JSON records for the survey report; with --metric name CSV files as arguments");
  const metric = str(o, "metric") ?? "nps";
  if (RECORD_METRICS.includes(metric)) return recordMetric(metric as "churn" | "clv", o, files, io);
  only(o, ["metric", "value", "at", "by", "period", "tz", "time-zone", "format", "workers", "on-invalid", "rejects", "out", "delimiter", "input-format", "strict", "seed", "count", "year"], `report --metric ${metric}`);
  if (!Object.hasOwn(METRICS, metric)) {
    throw new UsageError(`--metric is "${metric}"${PLANNED_METRICS.includes(metric) ? ` (not wired into the CLI yet)` : ""}, expected one of ${[...Object.keys(METRICS), ...RECORD_METRICS].join(", ")}`);
  }
  if (files.length > 0 && (o.seed !== undefined || o.count !== undefined || o.year !== undefined)) throw new UsageError("--seed, --count and --year describe the bundled sample; they do not apply to files");
  const period = str(o, "period");
  if (period !== undefined && !PERIODS.includes(period)) throw new UsageError(`--period is "${period}", expected one of ${PERIODS.join(", ")}`);
  const format = str(o, "format") ?? "table";
  if (!FORMATS.includes(format)) throw new UsageError(`--format is "${format}", expected one of table, json, csv, ndjson, html`);
  const onInvalid = str(o, "on-invalid") ?? "throw";
  if (onInvalid !== "throw" && onInvalid !== "count") throw new UsageError(`--on-invalid is "${onInvalid}", expected throw or count`);
  if (o.strict && onInvalid === "count") throw new UsageError("--strict and --on-invalid count contradict each other");
  const rejects = str(o, "rejects") ?? null;
  if (rejects !== null && onInvalid !== "count") throw new UsageError("--rejects needs --on-invalid count (by default the first bad row stops the run)");
  const tz = str(o, "tz");
  const timeZone = str(o, "time-zone");
  if (tz !== undefined && timeZone !== undefined && tz !== timeZone) throw new UsageError("--tz and --time-zone name different zones");
  const workers = o.workers === undefined ? null : integer(o, "workers", 1, 1);
  if (files.filter((f) => f === "-").length > 1) throw new UsageError('standard input ("-") can be read once');
  const by = (str(o, "by") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  const value = str(o, "value");
  const at = str(o, "at");
  const delimiter = str(o, "delimiter");
  const zone = tz ?? timeZone;
  const inputFormat = str(o, "input-format") ?? null;
  if (inputFormat !== null && inputFormat !== "csv" && inputFormat !== "ndjson") throw new UsageError(`--input-format is "${inputFormat}", expected csv or ndjson`);
  const { text, run } = await reportMetric(
    {
      spec: {
        metric,
        by,
        period: (period ?? null) as PeriodUnit | null,
        onInvalid,
        ...(value !== undefined && { value }),
        ...(at !== undefined && { at }),
        ...(zone !== undefined && { timeZone: zone }),
        ...(delimiter !== undefined && { delimiter }),
      },
      files,
      sample: { seed: integer(o, "seed", 2025, -(2 ** 31)), count: integer(o, "count", 20_000, 0), year: integer(o, "year", 2025, 1000) },
      format: (format === "text" ? "table" : format) as BreakdownFormat,
      workers,
      rejects,
      inputFormat,
    },
    io.stderr,
  );
  const out = str(o, "out");
  if (out === undefined) io.stdout.write(text);
  else await writeFile(out, text);
  const c = run.counts;
  const n = (x: number): string => x.toLocaleString("en-US");
  io.stderr.write(`cx-metrics: ${n(c.rows)} rows read = ${n(c.accepted)} accepted + ${n(c.missing)} missing + ${n(c.rejected)} rejected${rejects !== null && c.rejected > 0 ? ` (see ${rejects})` : ""}${files.length === 0 ? " (the bundled sample)" : ""}\n`);
  return EXIT.ok;
}

async function recordMetric(metric: "churn" | "clv", o: Values, files: string[], io: CliIo): Promise<number> {
  only(o, ["metric", "value", "at", "customer", "tz", "time-zone", "format", "on-invalid", "out", "input-format", "strict", "seed", "count", ...(metric === "churn" ? ["period", "from", "to", "method"] : [])], `report --metric ${metric}`);
  if (files.length > 0 && (o.seed !== undefined || o.count !== undefined)) throw new UsageError("--seed and --count describe the generated sample; they do not apply to files");
  const format = str(o, "format") ?? "table";
  if (format !== "table" && format !== "text" && format !== "json") throw new UsageError(`--format is "${format}", expected table or json for --metric ${metric}`);
  const onInvalid = str(o, "on-invalid") ?? "throw";
  if (onInvalid !== "throw" && onInvalid !== "count") throw new UsageError(`--on-invalid is "${onInvalid}", expected throw or count`);
  const period = str(o, "period");
  if (period !== undefined && !PERIODS.includes(period)) throw new UsageError(`--period is "${period}", expected one of ${PERIODS.join(", ")}`);
  const method = str(o, "method");
  if (method !== undefined && !["start", "start-plus-new", "customer-days"].includes(method)) throw new UsageError(`--method is "${method}", expected start, start-plus-new or customer-days`);
  const tz = str(o, "tz") ?? str(o, "time-zone");
  const inputFormat = str(o, "input-format") ?? null;
  if (inputFormat !== null && inputFormat !== "csv" && inputFormat !== "ndjson") throw new UsageError(`--input-format is "${inputFormat}", expected csv or ndjson`);
  if (files.filter((f) => f === "-").length > 1) throw new UsageError('standard input ("-") can be read once');
  const opt = (k: string): string | undefined => str(o, k);
  const { text, rows } = await recordMetricReport({
    metric,
    files,
    sample: { seed: integer(o, "seed", 2025, -(2 ** 31)), count: integer(o, "count", metric === "churn" ? 5000 : 2000, 0) },
    format: format === "json" ? "json" : "table",
    onInvalid,
    inputFormat: inputFormat as "csv" | "ndjson" | null,
    ...(opt("at") !== undefined && { at: opt("at")! }),
    ...(opt("value") !== undefined && { value: opt("value")! }),
    ...(opt("customer") !== undefined && { customer: opt("customer")! }),
    ...(period !== undefined && { period: period as PeriodUnit }),
    ...(opt("from") !== undefined && { from: opt("from")! }),
    ...(opt("to") !== undefined && { to: opt("to")! }),
    ...(method !== undefined && { method: method as ChurnMethod }),
    ...(tz !== undefined && { timeZone: tz }),
  });
  const out = str(o, "out");
  if (out === undefined) io.stdout.write(text);
  else await writeFile(out, text);
  io.stderr.write(`cx-metrics: ${rows.toLocaleString("en-US")} records read${files.length === 0 ? " (generated sample)" : ""}\n`);
  return EXIT.ok;
}

async function legacyReport(o: Values, io: CliIo): Promise<number> {
  only(o, ["input", "by", "period", "tz", "time-zone", "level", "format", "out", "strict", "at-field", "nps-field", "csat-field", "ces-field", "seed", "count", "year", "goal-target", "goal-deadline"], "the survey report (without --metric)");
  const period = str(o, "period");
  if (period !== undefined && !PERIODS.includes(period)) throw new UsageError(`--period is "${period}", expected one of ${PERIODS.join(", ")}`);
  const format = str(o, "format");
  if (format !== undefined && format !== "text" && format !== "json" && format !== "html") throw new UsageError(`--format is "${format}", expected text, json or html (or use --metric for table, csv, ndjson)`);
  let level: number | undefined;
  const rawLevel = str(o, "level");
  if (rawLevel !== undefined) {
    level = Number(rawLevel);
    if (rawLevel.trim() === "" || !Number.isFinite(level)) throw new UsageError(`--level is "${rawLevel}", expected a number such as 0.95`);
  }
  const input = str(o, "input");
  if (input !== undefined && (o.seed !== undefined || o.count !== undefined || o.year !== undefined)) {
    throw new UsageError("--seed, --count and --year describe the bundled sample; they do not apply with --input");
  }
  const seed = integer(o, "seed", 2025, -(2 ** 31));
  const count = integer(o, "count", 20_000, 0);
  const year = integer(o, "year", 2025, -(2 ** 31));
  const records = input !== undefined ? await readRecordsFile(input) : (generateSurveySample({ seed, count, year }) as unknown as Record<string, unknown>[]);
  const fields = {
    ...(o["at-field"] !== undefined && { at: str(o, "at-field")! }),
    ...(o["nps-field"] !== undefined && { nps: str(o, "nps-field")! }),
    ...(o["csat-field"] !== undefined && { csat: str(o, "csat-field")! }),
    ...(o["ces-field"] !== undefined && { ces: str(o, "ces-field")! }),
  };
  const report = surveyReport(records, {
    by: (str(o, "by") ?? "channel,touchpoint").split(",").map((s) => s.trim()).filter((s) => s !== ""),
    period: (period ?? "month") as PeriodUnit,
    timeZone: str(o, "time-zone") ?? str(o, "tz") ?? "UTC",
    ...(level !== undefined && { level }),
    fields,
    onInvalid: o.strict ? "throw" : "count",
  });
  const goal = surveyGoal(report, goalOptions(o));
  const sampleLine = `Bundled sample: generateSurveySample({ seed: ${seed}, count: ${count}, year: ${year} })`;
  // The bundled sample also has tickets (same seed, size and year) and the CDNOW transactions: their sections follow.
  const tickets = input === undefined ? sampleTicketReport({ seed, count, year }, (period ?? "month") as PeriodUnit, str(o, "time-zone") ?? str(o, "tz") ?? "UTC") : null;
  const churn = input === undefined ? churnReport(...sampleSubscriptions(seed, year), { asOf: Date.UTC(year + 1, 0, 1), timeZone: str(o, "time-zone") ?? str(o, "tz") ?? "UTC" }) : null;
  const out: string[] = [];
  if (format === "json") out.push(`${JSON.stringify(tickets === null || churn === null ? { ...report, goal: goal.progress } : { ...report, goal: goal.progress, tickets, churn }, null, 2)}\n`);
  else if (format === "html") {
    const segments = Object.fromEntries(report.by.map((field) => [field, breakdown(npsAggregator({ value: (r: Record<string, unknown>) => r[report.fields.nps], level: report.level, onInvalid: "count" }), records, { by: { [field]: (r) => r[field] }, onInvalid: "count" })]));
    const source = input === undefined ? `${sampleLine}; tickets of the same seed, size and year; subscriptions: generateSubscriptions({ seed: ${seed}, customers: 5000 }), sign-ups ${year - 1}-${year}; CLV on the bundled CDNOW sample` : `Records from ${input}`;
    out.push(htmlReport({ source, survey: report, segments, goal, tickets, churn, clv: input === undefined ? { report: clvReport(), values: sampleClvValues() } : null }));
  } else {
    if (input === undefined) out.push(`${sampleLine}\n\n`);
    out.push(formatSurveyReport(report), `\n${formatGoalProgress(goal.progress, goal.description)}`);
    if (tickets !== null && churn !== null) {
      out.push(`\n${formatTicketReport(tickets)}`);
      out.push(`\nBundled sample: generateSubscriptions({ seed: ${seed}, customers: 5000 }), sign-ups ${year - 1}-${year}\n\n${formatChurnReport(churn)}`);
      out.push(`\n${formatClvReport(clvReport())}`);
    }
  }
  const file = str(o, "out");
  if (file === undefined) io.stdout.write(out.join(""));
  else await writeFile(file, out.join(""));
  return EXIT.ok;
}

/**
 * The 12-month CLV of each customer of the bundled CDNOW sample, fitted as clvReport fits it (weeks, calibration to
 * 1997-09-30, holdout to 1998-06-30, 1 % a month), for the decile chart; null when a model does not fit.
 */
function sampleClvValues(): CustomerLifetimeValueResult | null {
  const summary = rfmSummary(cdnowSample(), { amount: (p) => p.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
  const bgNbd = fitBgNbd(summary);
  const gammaGamma = fitGammaGamma(summary);
  if (!bgNbd.fitted || !gammaGamma.fitted || !(gammaGamma.q > 1) || summary.rows.length === 0) return null;
  return customerLifetimeValue(bgNbd, summary, { spend: gammaGamma, months: 12, discountRate: 0.01 });
}

/** --goal-target (a number) and --goal-deadline (an instant, read by goalProgress) of the survey report. */
function goalOptions(o: Values): SurveyGoalOptions {
  const rawTarget = str(o, "goal-target");
  const deadline = str(o, "goal-deadline");
  const target = rawTarget === undefined ? undefined : Number(rawTarget);
  if (rawTarget !== undefined && (rawTarget.trim() === "" || !Number.isFinite(target))) throw new UsageError(`--goal-target is "${rawTarget}", expected a number such as 82.5 (CSAT in percent)`);
  return { ...(target !== undefined && { target }), ...(deadline !== undefined && { deadline }) };
}

/** The bundled sample's subscriptions and MRR events: 5000 customers signing up over the two years to the sample's end. */
function sampleSubscriptions(seed: number, year: number): [object[], object[]] {
  const { subscriptions, events } = generateSubscriptions({ seed, customers: 5000, from: Date.UTC(year - 1, 0, 1), asOf: Date.UTC(year + 1, 0, 1) });
  return [subscriptions, events];
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`cx-metrics: ${message}\nRun "cx-metrics help" for the commands and options.\n`);
  return EXIT.usage;
}

function version(): string {
  return `cx-metrics ${pkg.version}`;
}
