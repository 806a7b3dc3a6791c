// BG/NBD and MBG/NBD fits: on the full CDNOW master file (23,570 customers) and on 1,000,000 customers drawn from
// the BG/NBD process itself (checking that the fit recovers the parameters it was drawn with), plus predictions,
// CLV with delta-method intervals and the holdout evaluation on CDNOW master.
// Run: npm run build && node --expose-gc bench/clvFits.mjs
//
//   BENCH_CUSTOMERS  synthetic customers (default 1,000,000); e.g. 50000 for a smoke run
//
// Data: ../shared/data/cdnow/CDNOW_master.txt (customer id, YYYYMMDD, CDs, dollars), summarised with rfmSummary in
// weeks (calibration to 1997-09-30, holdout to 1998-06-30, as FHL 2005). Synthetic: generateBetaGeoSummary with
// r 0.243, alpha 4.414, a 0.793, b 2.426 (the CDNOW estimates), T uniform in [27, 39] weeks (a quarter's cohort),
// seed 2026; once with continuous times (no two customers share a pattern) and once on a day grid (resolution 1/7,
// as real RFM data: patterns compress).

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const LIB = process.env.BENCH_LIB ? pathToFileURL(resolve(process.env.BENCH_LIB)).href : new URL("../dist/index.js", import.meta.url).href;
const cx = await import(LIB);
const N = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const here = new URL(".", import.meta.url).pathname;
const master = resolve(here, "../../shared/data/cdnow/CDNOW_master.txt");

const time = (f) => {
  globalThis.gc?.();
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};
const fmt = (v, d = 4) => (v === null ? "null" : v.toFixed(d));
const params = (f) => `r ${fmt(f.r)} alpha ${fmt(f.alpha)} a ${fmt(f.a)} b ${fmt(f.b)}`;

console.log(`node ${process.version}, ${new Date().toISOString()}, ${N.toLocaleString("en")} synthetic customers`);

// CDNOW master
const tx = readFileSync(master, "utf8")
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim() !== "")
  .map((l) => {
    const [id, d, , dollars] = l.trim().split(/\s+/);
    return { customerId: Number(id), at: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, amount: Number(dollars) };
  });
const summary = time(() => cx.rfmSummary(tx, { amount: (t) => t.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" }));
console.log(`\nCDNOW master: ${tx.length.toLocaleString("en")} transactions, ${summary.value.customers.toLocaleString("en")} customers; rfmSummary ${summary.ms.toFixed(0)} ms`);
for (const [name, fit] of [["BG/NBD", cx.fitBgNbd], ["MBG/NBD", cx.fitMbgNbd]]) {
  const f = time(() => fit(summary.value));
  const v = f.value;
  console.log(`  ${name}: ${params(v)}  LL ${v.logLikelihood.toFixed(1)}  SE r ${fmt(v.standardErrors?.r)} alpha ${fmt(v.standardErrors?.alpha)} a ${fmt(v.standardErrors?.a)} b ${fmt(v.standardErrors?.b)}`);
  console.log(`    ${v.patterns} patterns, ${v.convergence.evaluations} evaluations, converged ${v.convergence.converged}; fit ${f.ms.toFixed(0)} ms`);
}
const bg = cx.fitBgNbd(summary.value);
// Gamma-Gamma needs positive spends: the master file has repeat purchases of $0 (returns netted); fit on the others.
const spenders = summary.value.rows.filter((r) => r.frequency === 0 || r.monetaryValue > 0);
const gg = cx.fitGammaGamma(spenders);
console.log(`  Gamma-Gamma on ${gg.customers} repeat customers with positive mean spend: p ${fmt(gg.p)} q ${fmt(gg.q)} gamma ${fmt(gg.gamma)}`);
const pred = time(() => cx.predictPurchases(bg, summary.value, { horizon: 39 }));
console.log(`  predictPurchases (39 weeks, delta intervals): total ${pred.value.total.value.toFixed(0)} [${pred.value.total.lower.toFixed(0)}, ${pred.value.total.upper.toFixed(0)}]; ${pred.ms.toFixed(0)} ms`);
const clv = time(() => cx.customerLifetimeValue(bg, spenders, { spend: gg, months: 12, discountRate: 0.01 }));
console.log(`  customerLifetimeValue (${spenders.length} customers, 12 months of 30.4375 days, 1%/month): total $${clv.value.total.value.toFixed(0)} [${clv.value.total.lower.toFixed(0)}, ${clv.value.total.upper.toFixed(0)}]; ${clv.ms.toFixed(0)} ms`);
const ev = time(() => cx.evaluateHoldout(bg, summary.value));
console.log(`  evaluateHoldout: actual ${ev.value.total.actual}, predicted ${ev.value.total.predicted.toFixed(0)} (${ev.value.total.percentError.toFixed(1)}%), MAE ${ev.value.mae.toFixed(3)}, RMSE ${ev.value.rmse.toFixed(3)}; ${ev.ms.toFixed(0)} ms`);

// Synthetic
const TRUE = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
for (const resolution of [undefined, 1 / 7]) {
  const g = time(() => cx.generateBetaGeoSummary({ customers: N, params: TRUE, T: { min: 27, max: 39 }, seed: 2026, resolution }));
  const f = time(() => cx.fitBgNbd(g.value));
  const v = f.value;
  console.log(`\nsynthetic ${N.toLocaleString("en")} customers, ${resolution === undefined ? "continuous times" : "day grid"}: generated in ${g.ms.toFixed(0)} ms; ${v.patterns.toLocaleString("en")} patterns`);
  for (const name of ["r", "alpha", "a", "b"]) {
    const z = (v[name] - TRUE[name]) / v.standardErrors[name];
    console.log(`  ${name.padEnd(5)} true ${TRUE[name].toFixed(4)}  fitted ${v[name].toFixed(4)}  SE ${v.standardErrors[name].toFixed(4)}  z ${z.toFixed(2)}`);
  }
  console.log(`  converged ${v.convergence.converged}, ${v.convergence.evaluations} evaluations; fit ${f.ms.toFixed(0)} ms (${(f.ms / v.convergence.evaluations).toFixed(1)} ms per evaluation incl. Hessian)`);
}
