import type { ClvReport, Spread } from "./clvReport.ts";
import { textTable } from "./textTable.ts";

/**
 * The CLV section of the report as terminal text: the RFM summary of the calibration period, the Gamma-Gamma spend
 * model with standard errors and its independence check, and the expected spend per transaction. Deterministic.
 *
 * @param report the data from {@link clvReport}
 * @returns lines of text, ending with a newline
 * @example
 * process.stdout.write(formatClvReport(clvReport()));
 * @see clvReport
 */
export function formatClvReport(report: ClvReport): string {
  const u = report.timeUnit;
  const r = report.rfm;
  const g = report.gammaGamma;
  const out: string[] = [
    "Customer lifetime value",
    `On ${report.dataset}; calibration to ${report.calibrationEnd}, holdout to ${report.observationEnd}${r.durationHoldout === null ? "" : ` (${fixed(r.durationHoldout, 2)} ${u})`}; times in ${u}.`,
    "",
    `${count(r.customers)} customers, ${count(r.transactions)} transactions to ${report.observationEnd}; ${count(r.repeatCustomers)} customers made repeat purchases in the calibration period; ${count(r.holdoutPurchases)} purchase days in the holdout.`,
    "RFM summary of the calibration period",
    textTable(
      [{ header: "" }, { header: "mean", right: true }, { header: "min", right: true }, { header: "max", right: true }],
      [
        spreadRow("frequency (repeat purchase days)", r.frequency, 2),
        spreadRow(`recency (${u})`, r.recency, 2),
        spreadRow(`T, age (${u})`, r.T, 2),
        spreadRow("mean repeat spend ($, repeaters)", r.monetaryValue, 2),
      ],
      "  ",
    ),
    "",
  ];
  if (!g.fitted) {
    out.push(`Gamma-Gamma spend model: not fitted (${g.message}).`);
  } else {
    const se = g.standardErrors;
    out.push(
      `Gamma-Gamma spend model (Fader, Hardie & Lee 2005b) on ${count(g.customers)} repeat customers: ${g.converged ? "converged" : `NOT converged (${g.message})`} in ${g.iterations} iterations`,
      textTable(
        [{ header: "parameter" }, { header: "estimate", right: true }, { header: "std. error", right: true }],
        [
          ["p", fixed(g.p, 3), se ? fixed(se.p, 3) : "n/a"],
          ["q", fixed(g.q, 3), se ? fixed(se.q, 3) : "n/a"],
          ["gamma", fixed(g.gamma, 3), se ? fixed(se.gamma, 3) : "n/a"],
        ],
        "  ",
      ),
      `  log-likelihood ${fixed(g.logLikelihood, 2)}; population mean spend p*gamma/(q-1) = ${g.populationMean === null ? "undefined (q <= 1)" : `$${fixed(g.populationMean, 2)}`}`,
      `  independence check: correlation of frequency and mean spend ${g.frequencySpendCorrelation === null ? "n/a" : fixed(g.frequencySpendCorrelation, 3)}${g.frequencySpendCorrelation !== null && Math.abs(g.frequencySpendCorrelation) > 0.3 ? " (above 0.3: the model's assumption is doubtful)" : " (near 0: the assumption holds)"}`,
    );
    const e = report.expectedSpend;
    if (e.mean !== null) out.push(`  expected spend per transaction, all customers: mean $${fixed(e.mean, 2)}, from $${fixed(e.min!, 2)} to $${fixed(e.max!, 2)}`);
  }
  return `${out.join("\n")}\n`;
}

function spreadRow(name: string, s: Spread, digits: number): string[] {
  return [name, s.mean === null ? "n/a" : fixed(s.mean, digits), s.min === null ? "" : fixed(s.min, digits), s.max === null ? "" : fixed(s.max, digits)];
}

function fixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
