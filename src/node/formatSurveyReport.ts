import { comparePeriods, type ComparableResult, type ComparedBreakdown, type ComparedRow, type PeriodChange } from "../survey/comparePeriods.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";
import type { InvalidSummary } from "../_lib/invalidLog.ts";
import type { MetricReport, SurveyReport } from "./surveyReport.ts";
import { textTable } from "../render/_textGrid.ts";

/** How one metric is written: its name, how its numbers look, and one line of detail. */
interface MetricStyle<Out extends ComparableResult> {
  name: string;
  score(x: number): string;
  /** An interval bound. */
  bound(x: number): string;
  change(x: number): string;
  detail(r: Out): string;
}

const NPS: MetricStyle<SurveyReport["nps"]["overall"]> = {
  name: "NPS",
  score: (x) => signed(x, 1),
  bound: (x) => x.toFixed(1),
  change: (x) => signed(x, 1),
  detail: (r) =>
    r.shares === null ? "" : `promoters ${pct(r.shares.promoters)}, passives ${pct(r.shares.passives)}, detractors ${pct(r.shares.detractors)}`,
};
const CSAT: MetricStyle<SurveyReport["csat"]["overall"]> = {
  name: "CSAT",
  score: (x) => `${x.toFixed(1)}%`,
  bound: (x) => x.toFixed(1),
  change: (x) => `${signed(x, 1)} pts`,
  detail: (r) =>
    r.scale === "binary" ? "share of yes" : `${r.scale.max - r.satisfiedMin + 1 === 2 ? "top-two box" : `${r.satisfiedMin}+`} of ${r.scale.min}-${r.scale.max}${r.mean === null ? "" : `, mean ${r.mean.toFixed(2)}`}`,
};
const CES: MetricStyle<SurveyReport["ces"]["overall"]> = {
  name: "CES",
  score: (x) => x.toFixed(2),
  bound: (x) => x.toFixed(2),
  change: (x) => signed(x, 2),
  detail: (r) =>
    r.easy.share === null || r.difficult.share === null || r.netEasy === null
      ? ""
      : `mean of ${r.scale.min}-${r.scale.max}; easy ${r.easy.share.toFixed(1)}%, difficult ${r.difficult.share.toFixed(1)}%, net easy ${signed(r.netEasy, 1)}`,
};

/**
 * The survey report as terminal text: the three metrics overall, each by period with its changes, and each by
 * segment x period as a grid whose cells are `score [interval]`, a rising or falling triangle marking a change
 * against the previous period that is significant at the report's level, and a last row comparing the first period
 * with the last. Empty cells read "no data". Deterministic: the same report gives the same text.
 *
 * @param report the data from {@link surveyReport}
 * @returns lines of text, ending with a newline
 * @example
 * const text = formatSurveyReport(surveyReport(generateSurveySample()));
 * text.split("\n")[0] // => "cx-metrics survey report"
 * process.stdout.write(text);
 * @see surveyReport, and `cx-metrics report` (docs/cli.md), which prints it
 */
export function formatSurveyReport(report: SurveyReport): string {
  const level = `${round(report.level * 100, 1)}%`;
  const alpha = round(1 - report.level, 4);
  const out: string[] = [
    "cx-metrics survey report",
    `${report.records.toLocaleString("en-US")} records${report.from && report.to ? `, ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}` : ""}; periods: ${report.period} in ${report.timeZone}; ${level} intervals`,
    `Changes compare each ${report.period} with the one before; ▲ / ▼ mark a significant rise / fall (p < ${alpha}; z-test for NPS, two-proportion z-test for CSAT, Welch's t-test for CES);`,
    `p-values are per comparison, not adjusted for multiplicity: about ${round(alpha * 100, 2)}% of comparisons with no real change get marked by chance.`,
    "",
    "Overall",
    textTable(
      [{ header: "metric" }, { header: "score", right: true }, { header: `${level} CI` }, { header: "n", right: true }, { header: "missing", right: true }, { header: "invalid", right: true }, { header: "" }],
      [overallRow(NPS, report.nps.overall), overallRow(CSAT, report.csat.overall), overallRow(CES, report.ces.overall)],
      "  ",
    ),
  ];
  out.push(...metricSections(NPS, report.nps, report));
  out.push(...metricSections(CSAT, report.csat, report));
  out.push(...metricSections(CES, report.ces, report));
  out.push(...invalidLines(report));
  return `${out.join("\n")}\n`;
}

function overallRow<Out extends ComparableResult>(style: MetricStyle<Out>, r: Out): string[] {
  return [style.name, r.score === null ? "no data" : style.score(r.score), interval(style, r.ci), count(r.n), count(r.missing), count(r.invalid?.count ?? 0), style.detail(r)];
}

function metricSections<Out extends ComparableResult>(style: MetricStyle<Out>, m: MetricReport<Out>, report: SurveyReport): string[] {
  const lines = ["", `${style.name} by ${report.period}`];
  lines.push(
    textTable(
      [{ header: report.period }, { header: "score", right: true }, { header: "CI" }, { header: "n", right: true }, { header: "change", right: true }, { header: "p", right: true }, { header: "" }],
      m.byPeriod.rows.map((row) => [
        row.period ?? "",
        row.result.score === null ? "no data" : style.score(row.result.score),
        interval(style, row.result.ci),
        count(row.result.n),
        row.change ? style.change(row.change.difference) : "",
        row.change ? pValue(row.change.pValue) : "",
        mark(row.change),
      ]),
      "  ",
    ),
  );
  for (const field of report.by) {
    const grid = m.bySegment[field];
    if (grid) lines.push("", `${style.name} by ${field} x ${report.period}`, ...segmentGrid(style, grid, field, report.level));
  }
  return lines;
}

/** Periods down, segments across; a last row with the change from the first period with data to the last. */
function segmentGrid<Out extends ComparableResult>(style: MetricStyle<Out>, grid: ComparedBreakdown<Out>, field: string, level: number): string[] {
  const alpha = round(1 - level, 4);
  const keyOf = (row: ComparedRow<Out>): string => label(row.key[field] ?? null);
  const segments = [...new Set(grid.rows.map(keyOf))];
  const periods = [...new Map(grid.rows.map((r) => [r.period ?? "", r.periodStart ?? ""])).entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([p]) => p);
  const cells = new Map(grid.rows.map((r) => [`${keyOf(r)}\u0000${r.period ?? ""}`, r]));
  const rows = periods.map((p) => [
    p,
    ...segments.map((s) => {
      const row = cells.get(`${s}\u0000${p}`);
      if (!row || row.result.score === null) return "no data";
      return `${style.score(row.result.score)} ${interval(style, row.result.ci)} ${mark(row.change)}`.trimEnd();
    }),
  ]);
  const overall = firstToLast(grid, level);
  rows.push(["first to last", ...segments.map((s) => describeChange(style, overall.get(s)))]);
  const lines = [textTable([{ header: "" }, ...segments.map((s) => ({ header: s }))], rows, "  ")];
  const significant = grid.rows
    .filter((r) => r.change?.significant)
    .sort((a, b) => (a.periodStart ?? "").localeCompare(b.periodStart ?? "") || keyOf(a).localeCompare(keyOf(b)));
  lines.push(
    significant.length === 0
      ? `  No significant ${period(grid)}-over-${period(grid)} change at p < ${alpha}.`
      : `  Significant changes (p < ${alpha}): ${significant.map((r) => `${keyOf(r)} ${r.period} ${style.change(r.change!.difference)} (p ${pValue(r.change!.pValue)})`).join("; ")}.`,
  );
  return lines;
}

/** Per segment, the change from its first period with a score to its last, tested like any period change. */
function firstToLast<Out extends ComparableResult>(grid: ComparedBreakdown<Out>, level: number): Map<string, PeriodChange> {
  const field = grid.by[0]!;
  const ends = new Map<string, { first: ComparedRow<Out>; last: ComparedRow<Out> }>();
  for (const row of grid.rows) {
    if (row.result.score === null) continue;
    const k = label(row.key[field] ?? null);
    const e = ends.get(k);
    if (!e) ends.set(k, { first: row, last: row });
    else if ((row.periodStart ?? "") < (e.first.periodStart ?? "")) e.first = row;
    else if ((row.periodStart ?? "") > (e.last.periodStart ?? "")) e.last = row;
  }
  const rows = [...ends.values()].flatMap((e) => (e.first === e.last ? [e.first] : [e.first, e.last]));
  const compared = comparePeriods({ ...grid, rows }, { level });
  const out = new Map<string, PeriodChange>();
  for (const row of compared.rows) if (row.change) out.set(label(row.key[field] ?? null), row.change);
  return out;
}

function describeChange<Out extends ComparableResult>(style: MetricStyle<Out>, change: PeriodChange | undefined): string {
  if (!change) return "";
  return [style.change(change.difference), mark(change), `(p ${pValue(change.pValue)})`].filter((x) => x !== "").join(" ");
}

function invalidLines(report: SurveyReport): string[] {
  const parts: [string, InvalidSummary][] = [
    [`${report.fields.nps} (NPS)`, report.nps.overall.invalid],
    [`${report.fields.csat} (CSAT)`, report.csat.overall.invalid],
    [`${report.fields.ces} (CES)`, report.ces.overall.invalid],
    [`${report.fields.at} (periods)`, report.nps.byPeriod.invalid],
    // a record whose segment (or instant) cannot be read is left out of that segment's tables: say so
    ...report.by.map((field): [string, InvalidSummary] => [`${field} or ${report.fields.at} (the ${field} x ${report.period} tables)`, report.nps.bySegment[field]?.invalid ?? null]),
  ];
  const bad = parts.filter(([, s]) => s !== null && s.count > 0);
  if (bad.length === 0) return ["", "No invalid records."];
  const lines = ["", "Invalid records (counted, not scored; the first examples by record index):"];
  for (const [what, s] of bad) {
    lines.push(`  ${what}: ${count(s!.count)}`);
    for (const e of s!.examples.slice(0, 3)) lines.push(`    record ${e.index} field "${e.field}" is ${JSON.stringify(e.value)}, ${e.reason}`);
  }
  return lines;
}

function period<Out>(grid: ComparedBreakdown<Out>): string {
  return grid.period?.unit ?? "period";
}

function interval<Out extends ComparableResult>(style: MetricStyle<Out>, ci: ConfidenceInterval | null): string {
  if (ci === null) return "";
  return `[${style.bound(ci.lower)}, ${style.bound(ci.upper)}]`;
}

function mark(change: PeriodChange | null): string {
  if (!change?.significant) return "";
  return change.difference > 0 ? "▲" : change.difference < 0 ? "▼" : "";
}

function pValue(p: number | null): string {
  if (p === null) return "n/a";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

function signed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return x > 0 && s !== (0).toFixed(digits) ? `+${s}` : s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

function pct(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function label(v: string | number | boolean | null): string {
  return v === null ? "(none)" : String(v);
}
