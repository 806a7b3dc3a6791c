import type { BreakdownResult } from "../aggregate/breakdown.ts";
import type { CustomerLifetimeValueResult } from "../clv/customerLifetimeValue.ts";
import type { NpsResult } from "../survey/nps.ts";
import { escapeXml } from "../render/_svg.ts";
import { toTable } from "../render/toTable.ts";
import { trendChart } from "../render/trendChart.ts";
import { npsBarChart } from "../render/npsBarChart.ts";
import { distributionChart } from "../render/distributionChart.ts";
import { durationHistogram } from "../render/durationHistogram.ts";
import { survivalChart } from "../render/survivalChart.ts";
import { cohortHeatmap } from "../render/cohortHeatmap.ts";
import { clvDecileChart } from "../render/clvDecileChart.ts";
import type { ChurnReport } from "./churnReport.ts";
import type { ClvReport } from "./clvReport.ts";
import { formatChurnReport } from "./formatChurnReport.ts";
import { formatClvReport } from "./formatClvReport.ts";
import { formatGoalProgress } from "./formatGoalProgress.ts";
import { formatSurveyReport } from "./formatSurveyReport.ts";
import { formatTicketReport } from "./formatTicketReport.ts";
import type { SurveyGoal } from "./surveyGoal.ts";
import type { SurveyReport } from "./surveyReport.ts";
import type { TicketReport } from "./ticketReport.ts";

/** What {@link htmlReport} puts on the page; a null section is left out. */
export interface HtmlReportInput {
  /** One line on where the data comes from (e.g. the sample's seed and size). */
  source: string;
  survey: SurveyReport;
  /** NPS per segment over the whole range (a breakdown by one field, no period), by field name. */
  segments: Record<string, BreakdownResult<NpsResult>>;
  goal: SurveyGoal | null;
  tickets: TicketReport | null;
  churn: ChurnReport | null;
  clv: { report: ClvReport; values: CustomerLifetimeValueResult | null } | null;
}

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1a1a1a; background: #ffffff; margin: 0; }
header, main, footer { max-width: 1040px; margin: 0 auto; padding: 0 16px; }
h1 { font-size: 1.6rem; margin: 24px 0 4px; }
h2 { font-size: 1.3rem; margin: 40px 0 8px; padding-top: 8px; border-top: 2px solid #000000; }
h3 { font-size: 1.05rem; margin: 24px 0 8px; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
a { color: #0072b2; }
figure { margin: 12px 0; overflow-x: auto; }
svg.cx-chart { max-width: 100%; height: auto; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 24px; }
table.cx-table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.9rem; }
table.cx-table caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.cx-table th, table.cx-table td { border-bottom: 1px solid #d0d0d0; padding: 3px 8px; text-align: left; vertical-align: top; }
table.cx-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
details { margin: 12px 0; }
summary { cursor: pointer; font-weight: 600; }
pre { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f6f6f6; padding: 12px; overflow-x: auto; }
footer { margin: 40px auto 24px; color: #555555; font-size: 0.85rem; }
@media print { nav, details { display: none; } h2 { break-before: page; } }
`;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no external URL (the
 * SVG namespace attribute is dropped: the HTML parser puts inline `<svg>` in the SVG namespace anyway), so it opens
 * offline, prints, and can be mailed. One `<section>` with an `<h2>` per part: the survey (overall NPS, CSAT and CES
 * tables, NPS and CES trends by period, NPS by segment as stacked bars, the three distributions), the CSAT goal
 * (the trend chart with the target, the projected trend and its interval), tickets (resolution and first-response
 * histograms), churn (survival curve, cohort heatmap) and CLV (expected CLV by decile), each with its tables, and
 * the text report's full tables in a collapsed `<details>`. Deterministic: the same input gives the same bytes (no
 * clock, no random ids: chart ids come from their content). O(size of the report).
 *
 * @param input the report data
 * @returns the page, `<!doctype html>` to `</html>` and a final newline
 * @example
 * htmlReport({ source: "Bundled sample", survey, segments, goal: null, tickets: null, churn: null, clv: null }).startsWith("<!doctype html>") // => true
 * @see https://html.spec.whatwg.org/multipage/embedded-content-other.html#svg-0 (inline SVG in HTML)
 */
export function htmlReport(input: HtmlReportInput): string {
  const { survey } = input;
  const sections: { id: string; title: string; body: string }[] = [];
  const period = survey.period;

  const segmentCharts = survey.by.flatMap((field) => {
    const b = input.segments[field];
    return b === undefined ? [] : [figure(npsBarChart(b, { title: `NPS by ${field}` })), table(b, `NPS by ${field}`)];
  });
  sections.push({
    id: "survey",
    title: "Survey: NPS, CSAT and CES",
    body: [
      p(`${count(survey.records)} records${survey.from && survey.to ? `, ${survey.from.slice(0, 10)} to ${survey.to.slice(0, 10)}` : ""}; periods: ${period} in ${survey.timeZone}; ${Math.round(survey.level * 1000) / 10}% intervals.`),
      h3("Overall"),
      `<div class="charts">${table(survey.nps.overall, "NPS")}${table(survey.csat.overall, "CSAT")}${table(survey.ces.overall, "CES")}</div>`,
      h3(`Trends by ${period}`),
      figure(trendChart(survey.nps.byPeriod, { title: `NPS by ${period}` })),
      table(survey.nps.byPeriod, `NPS by ${period}`),
      figure(trendChart(survey.ces.byPeriod, { title: `CES by ${period}` })),
      table(survey.ces.byPeriod, `CES by ${period}`),
      h3("By segment"),
      ...segmentCharts,
      h3("Distributions"),
      `<div class="charts">${[distributionChart(survey.nps.overall, { title: "NPS answers" }), distributionChart(survey.csat.overall, { title: "CSAT answers" }), distributionChart(survey.ces.overall, { title: "CES answers" })].map(figure).join("")}</div>`,
      details("Every survey table (as in the text report)", formatSurveyReport(survey)),
    ].join("\n"),
  });

  if (input.goal !== null) {
    const g = input.goal.progress;
    sections.push({
      id: "goal",
      title: "CSAT goal",
      body: [
        p(input.goal.description),
        g === null ? "" : figure(trendChart(survey.csat.byPeriod, { title: `CSAT by ${period} and the goal`, goal: g })),
        g === null ? "" : table(g, "CSAT goal"),
        table(survey.csat.byPeriod, `CSAT by ${period}`),
        p("The band at the deadline is the confidence interval of the trend line (where the mean CSAT is heading if the linear trend holds), not a prediction interval for one period's CSAT."),
        details("The goal as text", formatGoalProgress(g, input.goal.description)),
      ].join("\n"),
    });
  }

  if (input.tickets !== null) {
    const t = input.tickets;
    sections.push({
      id: "tickets",
      title: "Tickets",
      body: [
        p(`${count(t.records)} tickets, as of ${t.asOf}; durations in business hours; periods: ${t.period} in ${t.timeZone}.`),
        `<div class="charts">${[durationHistogram(t.resolution.overall, { title: "Time to resolution (business hours)" }), durationHistogram(t.firstResponse.overall, { title: "First response time (business hours)" })].map(figure).join("")}</div>`,
        table(t.resolution.overall, "Time to resolution"),
        table(t.firstResponse.overall, "First response time"),
        details("Every ticket table (as in the text report)", formatTicketReport(t)),
      ].join("\n"),
    });
  }

  if (input.churn !== null) {
    const c = input.churn;
    sections.push({
      id: "churn",
      title: "Churn and retention",
      body: [
        p(`Subscriptions as of ${c.asOf}, in ${c.timeZone}.`),
        figure(survivalChart(c.survival, { title: "Customer survival by tenure (Kaplan-Meier)" })),
        figure(cohortHeatmap(c.cohorts, { title: "Retention by monthly cohort" })),
        table(c.series, "Customer churn by month"),
        details("Every churn table (as in the text report)", formatChurnReport(c)),
      ].join("\n"),
    });
  }

  if (input.clv !== null) {
    const { report, values } = input.clv;
    sections.push({
      id: "clv",
      title: "Customer lifetime value",
      body: [
        p(`Transactions: ${report.dataset}; calibration to ${report.calibrationEnd}, holdout to ${report.observationEnd}.`),
        values === null ? p("The BG/NBD or Gamma-Gamma model could not be fitted: no CLV.") : figure(clvDecileChart(values, { title: `Expected ${values.months}-month CLV by customer decile` })),
        values === null ? "" : table(values, "CLV by customer decile"),
        details("Every CLV table (as in the text report)", formatClvReport(report)),
      ].join("\n"),
    });
  }

  const nav = sections.map((s) => `<li><a href="#${s.id}">${escapeXml(s.title)}</a></li>`).join("");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>cx-metrics report</title>",
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    `<header><h1>cx-metrics report</h1>${p(input.source)}<nav aria-label="Sections"><ul>${nav}</ul></nav></header>`,
    "<main>",
    ...sections.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-heading">\n<h2 id="${s.id}-heading">${escapeXml(s.title)}</h2>\n${s.body}\n</section>`),
    "</main>",
    "<footer><p>Made by cx-metrics: every figure and chart comes from the library's results; the same data gives the same page.</p></footer>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** A chart in a figure; the SVG namespace attribute is not needed inline and would be the page's only URL. */
function figure(svg: string): string {
  return `<figure>${svg.replace(' xmlns="http://www.w3.org/2000/svg"', "")}</figure>`;
}

function table(result: unknown, title: string): string {
  return `<div class="table-wrap">${toTable(result, { format: "html", title })}</div>`;
}

function details(summary: string, text: string): string {
  return `<details><summary>${escapeXml(summary)}</summary><pre>${escapeXml(text)}</pre></details>`;
}

function p(text: string): string {
  return `<p>${escapeXml(text)}</p>`;
}

function h3(text: string): string {
  return `<h3>${escapeXml(text)}</h3>`;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
