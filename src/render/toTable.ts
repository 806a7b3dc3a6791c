import { InvalidOptionError } from "../errors.ts";
import { textTable } from "./_textGrid.ts";
import { escapeXml } from "./_svg.ts";
import { NO_DATA } from "./_tableCells.ts";
import { tableModel, type TableModel } from "./_tableModel.ts";

/** Options of {@link toTable}. */
export interface ToTableOptions {
  /** `"text"` (default): aligned columns; `"html"`: a `<table class="cx-table">`. */
  format?: "text" | "html";
  /** Decimals of scores, rates and durations (an integer 0..20); default chosen per figure (1 for scores and %). */
  digits?: number;
  /** Caption; default from the metric (`"NPS by channel, month"`). */
  title?: string;
  /** Body rows shown at most (an integer >= 0, or Infinity); a last line says how many more there are. Default 50. */
  maxRows?: number;
}

const KIND = "toTable";

/**
 * A result of the library as a table: plain text with aligned columns, or an HTML `<table>`.
 *
 * Takes any result (dispatch on its `metric` / `model` field, else on its shape): NPS, CSAT, CES and their
 * comparisons, breakdowns and compared breakdowns (key columns, period, the inner result's headline figures, and the
 * change: difference [interval], p-value, a significance mark), ticket durations, shares and SLA attainment, churn
 * rates and series, churn by reason, revenue churn, cohort retention (cohort x age, censored cells "not yet
 * observed"), survival curves, sBG / BG/NBD / MBG/NBD / Gamma-Gamma fits (parameters with standard errors), RFM
 * summaries, CLV (per customer decile, with the base total), holdout evaluations, goal progress, arrays of plain
 * objects (columns = union of keys) and, for anything else, a key / value table.
 *
 *   figure with interval:  42.1 [38.0, 46.2]     null figure:  no data     counts: integers
 *   units in the headers:  NPS (points), CSAT (% satisfied), churn rate (%) (fractions shown x 100), median (h)
 *
 * Deterministic: fixed decimals (no locale), the same input gives the same string. At most `maxRows` body rows,
 * then a line that says how many more there are (footer rows such as a breakdown's total are always shown). HTML:
 * `<caption>`, `<thead>`, `<tbody>`, `<tfoot>` for totals and notes, numeric cells `class="num"`, every label
 * escaped. Never throws on a result of the library (empty input: "no data"); throws InvalidOptionError on bad options.
 * O(rows x columns).
 *
 * @param input a library result, a breakdown, an array of objects, or any value
 * @param options format, digits, title, maxRows
 * @returns the table as text or HTML
 * @example
 * toTable(nps([10, 9, 7, 3])).split("\n")[3] // => "NPS (points)             25.0 [-44.2, 72.7]"
 * toTable(breakdown(npsAggregator({ value: (r) => r.score }), answers, { by: { channel: (r) => r.channel } }), { format: "html" })
 * // => '<table class="cx-table">\n<caption>NPS by channel</caption>\n<thead><tr><th scope="col">channel</th>...'
 * @see https://html.spec.whatwg.org/multipage/tables.html (the table element; caption, thead, tbody, tfoot)
 */
export function toTable(input: unknown, options: ToTableOptions = {}): string {
  const format = options.format ?? "text";
  if (format !== "text" && format !== "html") throw new InvalidOptionError(KIND, "format", `must be "text" or "html", got ${JSON.stringify(format)}`);
  const digits = options.digits;
  if (digits !== undefined && !(Number.isInteger(digits) && digits >= 0 && digits <= 20)) throw new InvalidOptionError(KIND, "digits", `must be an integer from 0 to 20, got ${String(digits)}`);
  const maxRows = options.maxRows ?? 50;
  if (!(maxRows === Infinity || (Number.isInteger(maxRows) && maxRows >= 0))) throw new InvalidOptionError(KIND, "maxRows", `must be an integer >= 0 or Infinity, got ${String(maxRows)}`);
  if (options.title !== undefined && typeof options.title !== "string") throw new InvalidOptionError(KIND, "title", "must be a string");
  const model = tableModel(input, { maxRows, ...(digits === undefined ? {} : { digits }), ...(options.title === undefined ? {} : { title: options.title }) });
  return format === "html" ? htmlTable(model) : textOf(model);
}

function moreLine(model: TableModel): string | null {
  const more = model.rowCount - model.rows.length;
  return more > 0 ? `... ${more} more ${more === 1 ? "row" : "rows"} not shown (${model.rowCount} in all)` : null;
}

/** Control characters (a label's newline or tab) would break the alignment: a space each in text. */
const flat = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, " ");

function textOf(model: TableModel): string {
  const shown = model.rows;
  const columns = model.columns.map((c) => ({ header: flat(c.label), right: c.numeric }));
  const lines = textTable(columns, [...shown, ...model.footer].map((r) => r.map(flat))).split("\n");
  const more = moreLine(model);
  if (more) lines.splice(2 + shown.length, 0, more);
  else if (model.rowCount === 0) lines.splice(2, 0, NO_DATA);
  return [flat(model.caption), ...lines, ...model.notes.map(flat)].join("\n");
}

function htmlTable(model: TableModel): string {
  const numeric = model.columns.map((c) => c.numeric);
  const span = Math.max(1, model.columns.length);
  const row = (cells: readonly string[], cls?: string): string =>
    `<tr${cls ? ` class="${cls}"` : ""}>${cells.map((c, j) => `<td${numeric[j] ? ' class="num"' : ""}>${escapeXml(c)}</td>`).join("")}</tr>`;
  const wide = (text: string, cls: string): string => `<tr class="${cls}"><td colspan="${span}">${escapeXml(text)}</td></tr>`;
  const more = moreLine(model);
  const head = `<tr>${model.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ""}>${escapeXml(c.label)}</th>`).join("")}</tr>`;
  const body = [...model.rows.map((r) => row(r)), ...(more ? [wide(more, "cx-more")] : model.rowCount === 0 ? [wide(NO_DATA, "cx-empty")] : [])];
  const foot = [...model.footer.map((r) => row(r, "cx-total")), ...model.notes.map((n) => wide(n, "cx-note"))];
  return [
    '<table class="cx-table">',
    `<caption>${escapeXml(model.caption)}</caption>`,
    `<thead>${head}</thead>`,
    `<tbody>`,
    ...body,
    `</tbody>`,
    ...(foot.length ? ["<tfoot>", ...foot, "</tfoot>"] : []),
    "</table>",
  ].join("\n");
}
