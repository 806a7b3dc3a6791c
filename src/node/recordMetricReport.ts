import type { OnInvalid } from "../aggregate/aggregator.ts";
import { churnRateSeries } from "../churn/churnRateSeries.ts";
import type { ChurnCountsResult, ChurnMethod } from "../churn/churnCounts.ts";
import { customerLifetimeValue } from "../clv/customerLifetimeValue.ts";
import type { BetaGeoFit } from "../clv/betaGeoFit.ts";
import { fitBgNbd } from "../clv/fitBgNbd.ts";
import { fitGammaGamma, type GammaGammaFit } from "../clv/fitGammaGamma.ts";
import { rfmSummary } from "../clv/rfmSummary.ts";
import type { EstimateWithInterval } from "../clv/deltaMethod.ts";
import { decodeCsv } from "../io/decodeCsv.ts";
import { decodeNdjson } from "../io/decodeNdjson.ts";
import type { DecodeSource } from "../io/decodeTypes.ts";
import type { PeriodUnit } from "../time/periodIndexer.ts";
import { fileChunks } from "./fileChunks.ts";
import { subscriptionsCsvChunks, transactionsCsvChunks } from "./sampleCsvChunks.ts";
import { textTable } from "../render/_textGrid.ts";

/** What `cx-metrics report --metric churn|clv` was asked. */
export interface RecordMetricRequest {
  metric: "churn" | "clv";
  /** Files ("-" = stdin), read one after the other into one record list; none: a generated sample. */
  files: string[];
  sample: { seed: number; count: number };
  format: "table" | "json";
  /** churn: the start column (default start); clv: the purchase time column (default at). */
  at?: string;
  /** churn: the end column (default end); clv: the amount column (default amount). */
  value?: string;
  /** The customer column (default customerId). */
  customer?: string;
  /** churn: the rows' calendar unit (default month). */
  period?: PeriodUnit;
  /** churn: [from, to); default from the first start to just after the last instant in the data. */
  from?: string;
  to?: string;
  method?: ChurnMethod;
  timeZone?: string;
  onInvalid: OnInvalid;
  inputFormat: "csv" | "ndjson" | null;
}

/** The JSON of `--metric clv`: the two fits and the discounted CLV (per customer and the base). */
export interface ClvMetricResult {
  customers: number;
  repeatCustomers: number;
  timeUnit: "weeks";
  bgNbd: BetaGeoFit;
  gammaGamma: GammaGammaFit;
  /** customerLifetimeValue's result (12 months, 1 % a month), or null when a model could not be fitted. */
  clv: (ReturnType<typeof customerLifetimeValue> & { total: EstimateWithInterval }) | null;
}

/**
 * Churn and CLV for the CLI: these need whole records (a subscription's start and end; a customer's purchases), not
 * one number per row, so they take their own single-threaded path. Each input is decoded as it streams in
 * (decodeCsv / decodeNdjson, records), the records are collected, then:
 *   churn: churnRateSeries(records, { from, to, unit: period (default month), method })
 *   clv:   s = rfmSummary(records, weeks); customerLifetimeValue(fitBgNbd(s), s, { spend: fitGammaGamma(s), months: 12, discountRate: 0.01 })
 * Memory: the records (O(rows)).
 *
 * @param request metric, files, columns and options
 * @returns the text to print and the library's result
 * @example
 * await recordMetricReport({ metric: "churn", files: ["subs.csv"], sample: { seed: 1, count: 0 }, format: "json", onInvalid: "throw", inputFormat: null })
 * @see churnRateSeries, rfmSummary, fitBgNbd, fitGammaGamma, customerLifetimeValue
 */
export async function recordMetricReport(request: RecordMetricRequest): Promise<{ text: string; result: ChurnCountsResult | ClvMetricResult; rows: number }> {
  const churn = request.metric === "churn";
  const customer = request.customer ?? "customerId";
  const atCol = request.at ?? (churn ? "start" : "at");
  const valueCol = request.value ?? (churn ? "end" : "amount");
  const columns = churn ? { [atCol]: "instant" as const, [valueCol]: "instant" as const } : { [atCol]: "instant" as const, [valueCol]: "number" as const };
  const records: Record<string, unknown>[] = [];
  const sources: { source: DecodeSource; format: "csv" | "ndjson" }[] =
    request.files.length === 0
      ? [{ source: (churn ? subscriptionsCsvChunks : transactionsCsvChunks)({ rows: request.sample.count, seed: request.sample.seed }), format: "csv" }]
      : request.files.map((f) => ({ source: fileChunks(f), format: request.inputFormat ?? (/\.(ndjson|jsonl)$/i.test(f) ? "ndjson" : "csv") }));
  const decodeOptions = { columns, onInvalid: request.onInvalid, ...(request.timeZone !== undefined && { timeZone: request.timeZone }) };
  for (const { source, format } of sources) {
    const stream = format === "ndjson" ? decodeNdjson(source, decodeOptions) : decodeCsv(source, decodeOptions);
    for await (const r of stream as AsyncIterable<Record<string, unknown>>) records.push(r);
  }
  const zone = request.timeZone !== undefined ? { timeZone: request.timeZone } : {};
  if (churn) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of records) {
      for (const v of [r[atCol], r[valueCol]]) {
        if (typeof v === "number" && Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    const from = request.from ?? (lo === Infinity ? 0 : lo);
    const to = request.to ?? (hi === -Infinity ? 1 : hi + 1);
    const result = churnRateSeries(records, {
      customerId: (r) => r[customer],
      start: (r) => r[atCol],
      end: (r) => r[valueCol],
      from,
      to,
      unit: request.period ?? "month",
      onInvalid: request.onInvalid,
      ...(request.method !== undefined && { method: request.method }),
      ...zone,
    });
    return { text: request.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : churnTable(result), result, rows: records.length };
  }
  const summary = rfmSummary(records, { customerId: (r) => r[customer], at: (r) => r[atCol], amount: (r) => r[valueCol], timeUnit: "weeks", onInvalid: request.onInvalid, ...zone });
  const gammaGamma = fitGammaGamma(summary);
  const bgNbd = fitBgNbd(summary);
  const clv = bgNbd.fitted && gammaGamma.fitted && gammaGamma.q > 1 && summary.rows.length > 0 ? customerLifetimeValue(bgNbd, summary, { spend: gammaGamma, months: 12, discountRate: 0.01 }) : null;
  const result: ClvMetricResult = { customers: summary.rows.length, repeatCustomers: summary.rows.filter((r) => r.frequency > 0).length, timeUnit: "weeks", bgNbd, gammaGamma, clv };
  return { text: request.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : clvTable(result), result, rows: records.length };
}

const fmt = (x: number | null | undefined, d: number): string => (x === null || x === undefined ? "" : x.toFixed(d));

function churnTable(r: ChurnCountsResult): string {
  const head = ["period", "rate %", "ci", "churned", "at start", "new", "at end"];
  const rows = r.rows.map((x) => [x.period, x.rate === null ? "no data" : fmt(x.rate * 100, 2), x.ci === null ? "" : `[${fmt(x.ci.lower * 100, 2)}, ${fmt(x.ci.upper * 100, 2)}]`, String(x.churned), String(x.atStart), String(x.new), String(x.atEnd)]);
  return `CHURN (method ${r.method}; ${r.n} subscriptions, ${r.missing} missing, ${r.invalid?.count ?? 0} invalid)\n${textTable(head.map((h, i) => ({ header: h, right: i > 0 && h !== "ci" })), rows)}\n`;
}

function clvTable(r: ClvMetricResult): string {
  const lines = [`CLV (${r.customers} customers, ${r.repeatCustomers} with repeat purchases; time unit weeks)`];
  const b = r.bgNbd as unknown as { fitted: boolean; r?: number; alpha?: number; a?: number; b?: number; logLikelihood?: number };
  lines.push(b.fitted ? `  BG/NBD       r ${fmt(b.r, 4)}  alpha ${fmt(b.alpha, 4)}  a ${fmt(b.a, 4)}  b ${fmt(b.b, 4)}  log-likelihood ${fmt(b.logLikelihood, 2)}` : "  BG/NBD       not fitted (too little data)");
  const g = r.gammaGamma as unknown as { fitted: boolean; p?: number; q?: number; gamma?: number };
  lines.push(g.fitted ? `  Gamma-Gamma  p ${fmt(g.p, 4)}  q ${fmt(g.q, 4)}  gamma ${fmt(g.gamma, 4)}` : "  Gamma-Gamma  not fitted (no repeat customer)");
  if (r.clv === null) lines.push("  CLV          not computed (a model was not fitted, or q <= 1)");
  else lines.push(`  CLV, 12 months at 1 %/month: total ${fmt(r.clv.total.value, 2)}  95% interval [${fmt(r.clv.total.lower, 2)}, ${fmt(r.clv.total.upper, 2)}]  mean per customer ${fmt(r.clv.total.value / r.customers, 2)}`);
  return `${lines.join("\n")}\n`;
}
