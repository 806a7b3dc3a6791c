import { parseArgs } from "node:util";
import { CxError } from "../errors.ts";
import { generateSurveySample } from "../sample/generateSurveySample.ts";
import type { PeriodUnit } from "../time/periodIndexer.ts";
import { formatSurveyReport } from "./formatSurveyReport.ts";
import { generateSubscriptions } from "../sample/generateSubscriptions.ts";
import { churnReport } from "./churnReport.ts";
import { formatChurnReport } from "./formatChurnReport.ts";
import { readRecordsFile } from "./readRecordsFile.ts";
import { surveyReport } from "./surveyReport.ts";
import pkg from "../../package.json" with { type: "json" };

/** Where the CLI writes: `process.stdout` and `process.stderr`, or anything with a `write` (tests). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const HELP = `Usage: cx-metrics <command> [options]

Commands:
  report            NPS, CSAT and CES overall, by period and by segment x period, with intervals and
                    period-over-period changes marked when significant. Without --input it reports on the
                    bundled seeded sample (a year of survey answers), followed by a churn and retention
                    section on the sample's subscriptions (5000 customers signing up over two years).
  help              Show this help.

Options of report:
  --input FILE      .json (an array of records), .ndjson or .jsonl (one record per line)
  --by LIST         segment fields, comma-separated (default: channel,touchpoint)
  --period UNIT     day, isoWeek, week, month (default), quarter or year
  --time-zone ZONE  IANA zone of the periods and of timestamps without an offset (default: UTC)
  --level X         confidence level, strictly between 0 and 1 (default: 0.95)
  --format F        text (default) or json (the report data, plain JSON)
  --strict          stop at the first invalid answer (default: count invalid answers and show them)
  --at-field NAME, --nps-field NAME, --csat-field NAME, --ces-field NAME
                    field names in the records (default: at, nps, csat, ces)
  --seed N, --count N, --year N
                    the sample's seed (default 2025), size (default 20000) and calendar year (default 2025)
  --version         print the version
`;

const PERIODS: readonly string[] = ["day", "isoWeek", "week", "month", "quarter", "year"];

/**
 * Run the `cx-metrics` command line and return its exit code: 0 on success, 1 when the data or a state is
 * wrong (the message says where), 2 for a usage error. Output goes to `io`, nothing else is touched.
 *
 * @param argv the arguments after the program name
 * @param io where to write
 * @returns the exit code
 * @example
 * await runCli(["report", "--count", "2000"]) // => 0, and the report on stdout
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
        by: { type: "string" },
        period: { type: "string" },
        "time-zone": { type: "string" },
        level: { type: "string" },
        format: { type: "string" },
        strict: { type: "boolean" },
        "at-field": { type: "string" },
        "nps-field": { type: "string" },
        "csat-field": { type: "string" },
        "ces-field": { type: "string" },
        seed: { type: "string" },
        count: { type: "string" },
        year: { type: "string" },
        version: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values: o, positionals } = parsed;
  if (o.version) {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = positionals[0] ?? "help";
  if (o.help || command === "help") {
    io.stdout.write(HELP);
    return 0;
  }
  if (command !== "report") return usage(io, `unknown command "${command}"`);
  if (positionals.length > 1) return usage(io, `unexpected argument "${positionals[1]}"`);
  if (o.period !== undefined && !PERIODS.includes(o.period)) return usage(io, `--period is "${o.period}", expected one of ${PERIODS.join(", ")}`);
  if (o.format !== undefined && o.format !== "text" && o.format !== "json") return usage(io, `--format is "${o.format}", expected text or json`);
  const numbers: Record<string, number | undefined> = {};
  for (const name of ["level", "seed", "count", "year"] as const) {
    const raw = o[name];
    if (raw === undefined) continue;
    const x = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(x) || (name !== "level" && !Number.isSafeInteger(x))) {
      return usage(io, `--${name} is "${raw}", expected ${name === "level" ? "a number such as 0.95" : "an integer"}`);
    }
    numbers[name] = x;
  }
  if (o.input !== undefined && (o.seed !== undefined || o.count !== undefined || o.year !== undefined)) {
    return usage(io, "--seed, --count and --year describe the bundled sample; they do not apply with --input");
  }
  if (numbers["count"] !== undefined && numbers["count"] < 0) return usage(io, `--count is ${numbers["count"]}, expected 0 or more`);

  try {
    const records =
      o.input !== undefined
        ? await readRecordsFile(o.input)
        : (generateSurveySample({ seed: numbers["seed"] ?? 2025, count: numbers["count"] ?? 20_000, year: numbers["year"] ?? 2025 }) as unknown as Record<string, unknown>[]);
    const fields = {
      ...(o["at-field"] !== undefined && { at: o["at-field"] }),
      ...(o["nps-field"] !== undefined && { nps: o["nps-field"] }),
      ...(o["csat-field"] !== undefined && { csat: o["csat-field"] }),
      ...(o["ces-field"] !== undefined && { ces: o["ces-field"] }),
    };
    const report = surveyReport(records, {
      by: (o.by ?? "channel,touchpoint").split(",").map((s) => s.trim()).filter((s) => s !== ""),
      period: (o.period ?? "month") as PeriodUnit,
      timeZone: o["time-zone"] ?? "UTC",
      ...(numbers["level"] !== undefined && { level: numbers["level"] }),
      fields,
      onInvalid: o.strict ? "throw" : "count",
    });
    if (o.input === undefined && o.format !== "json") {
      io.stdout.write(`Bundled sample: generateSurveySample({ seed: ${numbers["seed"] ?? 2025}, count: ${numbers["count"] ?? 20_000}, year: ${numbers["year"] ?? 2025} })\n\n`);
    }
    // the bundled sample also has subscriptions: a churn and retention section over the two years before its year ends
    const year = numbers["year"] ?? 2025;
    const churn =
      o.input === undefined
        ? churnReport(...sampleSubscriptions(numbers["seed"] ?? 2025, year), { asOf: Date.UTC(year + 1, 0, 1), timeZone: o["time-zone"] ?? "UTC" })
        : null;
    if (o.format === "json") io.stdout.write(`${JSON.stringify(churn ? { ...report, churn } : report, null, 2)}\n`);
    else io.stdout.write(formatSurveyReport(report) + (churn ? `\nBundled sample: generateSubscriptions({ seed: ${numbers["seed"] ?? 2025}, customers: 5000 }), sign-ups ${year - 1}-${year}\n\n${formatChurnReport(churn)}` : ""));
    return 0;
  } catch (e) {
    if (e instanceof CxError) {
      io.stderr.write(`cx-metrics: ${e.message}\n`);
      return 1;
    }
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code === "string" && typeof err.path === "string") {
      io.stderr.write(`cx-metrics: cannot read ${err.path} (${err.code})\n`);
      return 1;
    }
    throw e;
  }
}

function sampleSubscriptions(seed: number, year: number): [object[], object[]] {
  const { subscriptions, events } = generateSubscriptions({ seed, customers: 5000, from: Date.UTC(year - 1, 0, 1), asOf: Date.UTC(year + 1, 0, 1) });
  return [subscriptions, events];
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`cx-metrics: ${message}\nRun "cx-metrics help" for the commands and options.\n`);
  return 2;
}

function version(): string {
  return `cx-metrics ${pkg.version}`;
}
