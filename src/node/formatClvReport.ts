import type { ClvReport, Spread } from "./clvReport.ts";
import { textTable } from "../render/_textGrid.ts";

/**
 * The CLV section of the report as terminal text: the RFM summary of the calibration period, BG/NBD with standard
 * errors, P(alive) and the holdout check by decile, the Gamma-Gamma spend model with standard errors and its
 * independence check, the expected spend per transaction, and the discounted CLV of the base and by decile.
 * Deterministic.
 *
 * @param report the data from {@link clvReport}
 * @returns lines of text, ending with a newline
 * @example
 * const text = formatClvReport(clvReport());
 * text.split("\n")[0] // => "Customer lifetime value"
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
  const b = report.bgNbd;
  if (!b.fitted || b.r === null || b.alpha === null || b.a === null || b.b === null) {
    out.push(`BG/NBD purchase model: not fitted (${b.convergence.message}).`, "");
  } else {
    const se = b.standardErrors;
    out.push(
      `BG/NBD purchase model (Fader, Hardie & Lee 2005) on ${count(b.n)} customers: ${b.convergence.converged ? "converged" : `NOT converged (${b.convergence.message})`}; alpha per ${u.replace(/s$/, "")}`,
      textTable(
        [{ header: "parameter" }, { header: "estimate", right: true }, { header: "std. error", right: true }],
        [
          ["r", fixed(b.r, 3), se ? fixed(se.r, 3) : "n/a"],
          ["alpha", fixed(b.alpha, 3), se ? fixed(se.alpha, 3) : "n/a"],
          ["a", fixed(b.a, 3), se ? fixed(se.a, 3) : "n/a"],
          ["b", fixed(b.b, 3), se ? fixed(se.b, 3) : "n/a"],
        ],
        "  ",
      ),
      `  log-likelihood ${b.logLikelihood === null ? "n/a" : fixed(b.logLikelihood, 1)}; P(alive) at ${report.calibrationEnd}: mean ${report.probabilityAlive.mean === null ? "n/a" : fixed(report.probabilityAlive.mean, 3)}`,
    );
    const h = report.holdout;
    if (h !== null) {
      out.push(
        `  holdout check: ${fixed(h.predicted, 1)} purchases expected in the ${fixed(r.durationHoldout ?? 0, 2)} ${u} after ${report.calibrationEnd}, ${count(h.actual)} made (${signedPercent(h.predicted / h.actual - 1)})`,
        textTable(
          [{ header: "decile" }, { header: "customers", right: true }, { header: "P(alive)", right: true }, { header: "expected", right: true }, { header: "actual", right: true }],
          h.byDecile.map((d) => [String(d.decile), count(d.customers), fixed(d.meanProbabilityAlive, 3), fixed(d.predicted, 1), count(d.actual)]),
          "  ",
        ),
      );
    }
    out.push("");
  }
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
  const v = report.clv;
  if (v !== null) {
    const t = v.total;
    out.push(
      "",
      `CLV over the ${v.months} months after ${report.calibrationEnd} (BG/NBD purchases x Gamma-Gamma spend, discounted ${fixed(100 * v.discountRate, 2)}% a month, months of 30.4375 days)`,
      `  the base: $${money(t.value)}${t.lower !== null && t.upper !== null ? ` (95% interval $${money(t.lower)} to $${money(t.upper)}, delta method, ${v.spendUncertainty ? "purchase and spend models' uncertainty" : "spend model taken as known"})` : ""}`,
      textTable(
        [{ header: "decile" }, { header: "customers", right: true }, { header: "mean CLV", right: true }, { header: "share", right: true }, { header: "P(alive)", right: true }, { header: "purchases", right: true }],
        v.byDecile.map((d) => [String(d.decile), count(d.customers), `$${fixed(d.meanClv, 2)}`, `${fixed(100 * d.shareOfTotal, 1)}%`, fixed(d.meanProbabilityAlive, 3), fixed(d.meanExpectedPurchases, 2)]),
        "  ",
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

function spreadRow(name: string, s: Spread, digits: number): string[] {
  return [name, s.mean === null ? "n/a" : fixed(s.mean, digits), s.min === null ? "" : fixed(s.min, digits), s.max === null ? "" : fixed(s.max, digits)];
}

function fixed(x: number, digits: number): string {
  return x.toFixed(digits);
}

function signedPercent(x: number): string {
  return Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%` : "n/a";
}

function money(x: number): string {
  return Math.round(x).toLocaleString("en-US");
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
