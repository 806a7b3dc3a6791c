import type { ChurnReport } from "./churnReport.ts";
import { textTable } from "../render/_textGrid.ts";

/**
 * The churn and retention section as terminal text: last month's churn under each method, the monthly series,
 * reasons compared between quarters, MRR movements, the cohort matrix (censored cells blank), survival and the
 * sBG projection. Deterministic.
 *
 * @param report the data from {@link churnReport}
 * @returns lines of text, ending with a newline
 * @example
 * const { subscriptions, events } = generateSubscriptions({ customers: 2000 });
 * formatChurnReport(churnReport(subscriptions, events, { asOf: Date.UTC(2025, 0, 1) })).split("\n")[3]
 * // => "Customer churn in 2024-12-01 .. 2025-01-01"
 * @see churnReport, and `cx-metrics report` (docs/cli.md), which prints it
 */
export function formatChurnReport(report: ChurnReport): string {
  const lm = report.lastMonth;
  const out: string[] = [
    "Churn and retention",
    `as of ${report.asOf.slice(0, 10)}, months in ${report.timeZone}; rates are fractions shown as percentages`,
    "",
    `Customer churn in ${lm.start.period.slice(0, 10)} .. ${lm.start.to.slice(0, 10)}`,
    textTable(
      [{ header: "method" }, { header: "rate", right: true }, { header: "95% interval", right: true }, { header: "churned", right: true }, { header: "at start", right: true }, { header: "new", right: true }, { header: "at end", right: true }],
      (["start", "start-plus-new", "customer-days"] as const).map((m) => {
        const r = lm[m];
        return [m === "customer-days" ? "customer-days (per 30 days)" : m, pct(r.rate), r.ci ? `${pct(r.ci.lower)} .. ${pct(r.ci.upper)}` : "", `${r.method === "start" ? r.churnedFromStart : r.churned}`, `${r.atStart}`, `${r.new}`, `${r.atEnd}`];
      }),
      "  ",
    ),
    `  annualized (1 - (1 - monthly)^12): ${pct(report.annualized)}`,
    "",
    "Monthly customer churn (method start)",
    textTable(
      [{ header: "month" }, { header: "rate", right: true }, { header: "churned", right: true }, { header: "at start", right: true }, { header: "new", right: true }, { header: "at end", right: true }],
      report.series.rows.map((r) => [r.period, pct(r.rate), `${r.churnedFromStart}`, `${r.atStart}`, `${r.new}`, `${r.atEnd}`]),
      "  ",
    ),
    "",
    `Churn by reason, ${report.reasons.from.slice(0, 10)} .. ${report.reasons.to.slice(0, 10)} vs the quarter before`,
    textTable(
      [{ header: "reason" }, { header: "churned", right: true }, { header: "share", right: true }, { header: "before", right: true }, { header: "change", right: true }, { header: "p", right: true }],
      report.reasons.rows.map((r) => [r.reason ?? "(no reason given)", `${r.churned}`, pct(r.share), pct(r.previous?.share ?? null), r.change ? `${(r.change.difference * 100).toFixed(1)} pts` : "", r.change?.pValue == null ? "" : r.change.pValue.toFixed(3)]),
      "  ",
    ),
    "",
    "MRR movements per month",
    textTable(
      ["month", "MRR at start", "new", "expansion", "contraction", "churned", "reactivation", "MRR at end", "GRR", "NRR"].map((h, i) => ({ header: h, right: i > 0 })),
      report.revenue.rows.map((r) => [r.period, money(r.mrrAtStart), money(r.new), money(r.expansion), money(r.contraction), money(r.churned), money(r.reactivation), money(r.mrrAtEnd), pct(r.grr), pct(r.nrr)]),
      "  ",
    ),
  ];
  const c = report.cohorts;
  const ages = Math.min(c.maxAge, 12);
  out.push(
    "",
    `Cohort retention (share still active at the start of each month since signing up; blank = not observed yet)`,
    textTable(
      [{ header: "cohort" }, { header: "size", right: true }, ...Array.from({ length: ages + 1 }, (_, k) => ({ header: `m${k}`, right: true }))],
      c.cohorts.map((x) => [x.cohort, `${x.size}`, ...x.cells.slice(0, ages + 1).map((cell) => (cell.censored ? "" : pct(cell.rate, 0)))]),
      "  ",
    ),
  );
  const s = report.survival;
  const at = (m: number): string => {
    let v = 1;
    s.times.forEach((t, i) => {
      if (t <= m) v = s.survival[i]!;
    });
    return pct(v);
  };
  out.push("", `Survival (Kaplan-Meier, ${s.n} subscriptions, ${s.censored} still active and censored): S(1) ${at(1)}, S(3) ${at(3)}, S(6) ${at(6)}, S(12) ${at(12)}; median tenure ${s.median === null ? "not reached" : `${s.median.toFixed(1)} months`}`);
  if (report.sbg) {
    const { fit, projection, cohort } = report.sbg;
    out.push(
      "",
      `sBG model of cohort ${cohort}, survivors by month of tenure, fitted on months 0-${fit.periods}: alpha ${fit.alpha.toFixed(3)}, beta ${fit.beta.toFixed(3)}, log-likelihood ${fit.logLikelihood.toFixed(1)}${fit.converged ? "" : " (NOT converged)"}${fit.atBoundary ? " (at the boundary: the parameters mean little)" : ""}`,
      textTable(
        [{ header: "month", right: true }, { header: "projected", right: true }, { header: "observed", right: true }, { header: "retention", right: true }],
        projection.filter((r) => r.t % 3 === 0).map((r) => [`${r.t}`, r.survivors.toFixed(0), r.observed === null ? "" : `${r.observed}`, r.retention === null ? "" : pct(r.retention)]),
        "  ",
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

function pct(x: number | null, digits = 1): string {
  return x === null ? "" : `${(x * 100).toFixed(digits)}%`;
}

function money(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}
