import type { BreakdownResult } from "../aggregate/breakdown.ts";
import type { SlaAttainmentResult } from "../tickets/slaAttainment.ts";
import type { TicketReport } from "./ticketReport.ts";
import { textTable } from "../render/_textGrid.ts";

type DurationResult = TicketReport["resolution"]["overall"] | TicketReport["firstResponse"]["overall"];

/**
 * The tickets section of `cx-metrics report` as plain text: medians first, then p90 and the mean, open tickets
 * and the Kaplan-Meier median that counts them, per team x period; SLA attainment per priority; reopen rate per team.
 *
 * @param r the report data from `ticketReport`
 * @returns the text, ending with a newline
 * @example
 * formatTicketReport(ticketReport(tickets, { calendar, asOf })) // => "Tickets: 20,000 records ..."
 * @see ticketReport
 */
export function formatTicketReport(r: TicketReport): string {
  const out: string[] = [];
  out.push(`Tickets: ${int(r.records)} records, as of ${r.asOf}, durations in business hours of ${calendarLine(r.calendar)}`);
  out.push("");
  out.push(overall("Time to resolution (full resolution)", r.resolution.overall, r.resolution.overall.resolved, "resolved"));
  out.push(overall("First response time", r.firstResponse.overall, r.firstResponse.overall.responded, "answered"));
  out.push(`  solved with no agent reply: ${int(r.firstResponse.overall.solvedWithoutReply)} (left out of first response figures)`);
  out.push("");
  out.push(teamTable(`Time to resolution by team x ${r.period} (business hours)`, r.resolution.byTeam, (x) => x.resolved));
  out.push(teamTable(`First response time by team x ${r.period} (business hours)`, r.firstResponse.byTeam, (x) => x.responded));
  out.push(slaTable("SLA attainment by priority: resolution", r.sla.resolution));
  out.push(slaTable("SLA attainment by priority: first response", r.sla.firstResponse));
  out.push(`Reopen rate by team`);
  out.push(
    textTable(
      [{ header: "team" }, { header: "rate", right: true }, { header: "95% CI", right: true }, { header: "reopened", right: true }, { header: "solved", right: true }],
      r.reopen.rows.map((row) => [label(row.key["team"]), pct(row.result.rate), ci(row.result.ci), int(row.result.yes), int(row.result.n)]),
      "  ",
    ),
  );
  out.push("");
  const invalid = r.resolution.overall.invalid;
  out.push(invalid === null || invalid.count === 0 ? "No invalid tickets." : `Invalid tickets: ${int(invalid.count)} (first: ${invalid.examples.map((e) => `record ${e.index} field "${e.field}" ${e.reason}`).join("; ")})`);
  return `${out.join("\n")}\n`;
}

function overall(title: string, x: DurationResult, done: number, doneName: string): string {
  const km = x.censored;
  const kmText = km === null ? "-" : km.median === null ? "not reached (fewer than half resolved by the longest wait)" : `${hours(km.median)} (${Math.round(km.level * 100)}% CI ${hours(km.lower)} to ${hours(km.upper)})`;
  const dist = x.distribution.map((b) => `${b.label} ${b.share === null ? "-" : `${b.share.toFixed(0)}%`}`).join(", ");
  return [
    `${title}: median ${hours(x.median)}, p90 ${hours(x.percentiles["p90"] ?? null)}, mean ${hours(x.mean)}`,
    `  ${doneName} ${int(done)}, open ${int(x.open)}; median counting open tickets (Kaplan-Meier): ${kmText}`,
    `  distribution: ${dist}`,
  ].join("\n");
}

function teamTable<T extends DurationResult>(title: string, b: BreakdownResult<T>, done: (x: T) => number): string {
  const rows = b.rows.map((row) => {
    const x = row.result;
    return [label(row.key["team"]), row.period ?? "", hours(x.median), hours(x.percentiles["p90"] ?? null), hours(x.mean), int(done(x)), int(x.open), hours(x.censored?.median ?? null)];
  });
  const cols = [
    { header: "team" },
    { header: "period" },
    { header: "median", right: true },
    { header: "p90", right: true },
    { header: "mean", right: true },
    { header: "done", right: true },
    { header: "open", right: true },
    { header: "KM median", right: true },
  ];
  return `${title}\n${textTable(cols, rows, "  ")}\n`;
}

function slaTable(title: string, b: BreakdownResult<SlaAttainmentResult>): string {
  const rows = b.rows.map((row) => {
    const x = row.result;
    return [label(row.key["priority"]), pct(x.rate), ci(x.ci), int(x.met), int(x.breached), int(x.pending), int(x.noTarget + x.notApplicable)];
  });
  const cols = [
    { header: "priority" },
    { header: "rate", right: true },
    { header: "95% CI", right: true },
    { header: "met", right: true },
    { header: "breached", right: true },
    { header: "pending", right: true },
    { header: "n/a", right: true },
  ];
  return `${title}\n${textTable(cols, rows, "  ")}\n`;
}

function calendarLine(spec: unknown): string {
  const s = spec as { timeZone?: string; hours?: Record<string, [string, string][]>; holidays?: unknown[] } | null;
  if (s === null || typeof s !== "object" || s.hours === undefined) return JSON.stringify(spec);
  const days = Object.entries(s.hours)
    .filter(([, v]) => v.length > 0)
    .map(([d, v]) => `${d} ${v.map(([a, b]) => `${a}-${b}`).join(",")}`);
  const holidays = s.holidays?.length ?? 0;
  return `${days.join("; ")} (${s.timeZone ?? "UTC"}${holidays > 0 ? `, ${holidays} holidays` : ""})`;
}

const label = (v: unknown): string => (v === null || v === undefined ? "(none)" : String(v));
const int = (n: number): string => n.toLocaleString("en-US");
const hours = (h: number | null): string => (h === null ? "-" : `${h.toFixed(1)} h`);
const pct = (x: number | null): string => (x === null ? "-" : `${x.toFixed(1)}%`);
const ci = (c: { lower: number; upper: number } | null): string => (c === null ? "-" : `${c.lower.toFixed(1)}-${c.upper.toFixed(1)}`);
