import type { BreakdownResult, KeyValue } from "../aggregate/breakdown.ts";
import type { ShownResult } from "./metricRegistry.ts";
import { textTable } from "../render/_textGrid.ts";

/** The output formats of `cx-metrics report --metric`. */
export type BreakdownFormat = "table" | "json" | "csv" | "ndjson" | "html";

/** What {@link formatBreakdown} writes besides the rows: the metric's name and digits. */
export interface FormatContext {
  metric: string;
  digits: number;
}

/**
 * A breakdown result (segment x period rows and the total) as text:
 * - `table`: aligned columns for a terminal, the total last;
 * - `json`: the library's own result object, as `breakdown` returns it (rows, total, invalid, by, period);
 * - `csv`: one line per row (RFC 4180 quoting), a first column `row` that is `group` or `total`;
 * - `ndjson`: each row as the library's row object, then `{ "total": ... }`;
 * - `html`: a standalone page with one table.
 * Deterministic: the same result gives the same text.
 *
 * @param result what runCsv or runParallel computed
 * @param format the format
 * @param context the metric's name and table digits
 * @returns the text, ending with a newline
 * @example
 * formatBreakdown(run.result, "csv", { metric: "nps", digits: 1 }).split("\n")[0] // => "row,segment,period,period_start,score,ci_lower,ci_upper,n,missing,invalid"
 * @see breakdown
 */
export function formatBreakdown(result: BreakdownResult<ShownResult>, format: BreakdownFormat, context: FormatContext): string {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  if (format === "ndjson") return [...result.rows.map((r) => JSON.stringify(r)), JSON.stringify({ total: result.total })].join("\n") + "\n";
  const hasPeriod = result.period !== null;
  const header = [...result.by, ...(hasPeriod ? ["period"] : []), "score", "ci", "n", "missing", "invalid"];
  const fmt = (x: number | null): string => (x === null ? "" : x.toFixed(context.digits));
  const cells = (key: Record<string, KeyValue>, period: string | null, r: ShownResult): string[] => [
    ...result.by.map((b) => label(key[b] ?? null)),
    ...(hasPeriod ? [period ?? ""] : []),
    r.score === null ? "no data" : fmt(r.score),
    r.ci === null ? "" : `[${fmt(r.ci.lower)}, ${fmt(r.ci.upper)}]`,
    String(r.n),
    String(r.missing),
    String(r.invalid?.count ?? 0),
  ];
  const totalCells = (): string[] => {
    const c = cells({}, null, result.total);
    c[0] = "total";
    for (let i = 1; i < result.by.length + (hasPeriod ? 1 : 0); i++) c[i] = "";
    return c;
  };
  if (format === "table") {
    const rows = result.rows.map((r) => cells(r.key, r.period, r.result));
    if (result.by.length + (hasPeriod ? 1 : 0) === 0) return `${textTable(header.map((h) => ({ header: h, right: h !== "ci" })), rows)}\n`;
    rows.push(totalCells());
    return `${context.metric.toUpperCase()}\n${textTable(header.map((h, i) => ({ header: h, right: i >= result.by.length + (hasPeriod ? 1 : 0) && h !== "ci" })), rows)}\n`;
  }
  if (format === "csv") {
    const head = ["row", ...result.by, ...(hasPeriod ? ["period", "period_start"] : []), "score", "ci_lower", "ci_upper", "n", "missing", "invalid"];
    const line = (kind: string, key: Record<string, KeyValue>, period: string | null, start: string | null, r: ShownResult): string =>
      [kind, ...result.by.map((b) => csvCell(key[b] ?? null)), ...(hasPeriod ? [csvCell(period), csvCell(start)] : []), num(r.score), num(r.ci?.lower ?? null), num(r.ci?.upper ?? null), String(r.n), String(r.missing), String(r.invalid?.count ?? 0)].join(",");
    const lines = [head.join(","), ...result.rows.map((r) => line("group", r.key, r.period, r.periodStart, r.result)), line("total", {}, null, null, result.total)];
    return `${lines.join("\n")}\n`;
  }
  const rows = [...result.rows.map((r) => cells(r.key, r.period, r.result)), totalCells()];
  const tr = (tag: string, c: string[]): string => `<tr>${c.map((x) => `<${tag}>${escapeHtml(x)}</${tag}>`).join("")}</tr>`;
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>cx-metrics ${escapeHtml(context.metric)}</title>`,
    "<style>body{font-family:system-ui,sans-serif}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd}td{text-align:right}</style></head><body>",
    `<h1>${escapeHtml(context.metric.toUpperCase())}</h1>`,
    "<table>",
    `<thead>${tr("th", header)}</thead>`,
    `<tbody>${rows.map((r) => tr("td", r)).join("\n")}</tbody>`,
    "</table></body></html>",
    "",
  ].join("\n");
}

function label(v: KeyValue): string {
  return v === null ? "(none)" : String(v);
}

function num(x: number | null): string {
  return x === null ? "" : String(x);
}

function csvCell(v: KeyValue): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
