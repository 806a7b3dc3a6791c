// Rendering: every chart, toTable and display on seeded results of the bundled sample generators, and toTable's
// HTML against arquero's toHTML (the peer: the same rows as an arquero table, formatted to an HTML table).
// Run: npm run build && node --expose-gc bench/render.mjs
//
//   BENCH_RENDER_ANSWERS        survey answers (default 200,000)
//   BENCH_RENDER_SUBSCRIPTIONS  subscriptions (default 50,000)
//
// Each figure is the median of 7 timed calls after 2 warm-up calls (performance.now, wall time on a shared
// machine: read the ratios within one run). The output sizes are printed too: an SVG is a string that a page holds.
// No peer draws our charts (Vega and Observable Plot need a DOM or a canvas), so charts are timed alone.

import { performance } from "node:perf_hooks";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as aq from "arquero";

const LIB = process.env.BENCH_LIB ? pathToFileURL(resolve(process.env.BENCH_LIB)).href : new URL("../dist/index.js", import.meta.url).href;
const cx = await import(LIB);

const ANSWERS = Number(process.env.BENCH_RENDER_ANSWERS ?? 200_000);
const SUBSCRIPTIONS = Number(process.env.BENCH_RENDER_SUBSCRIPTIONS ?? 50_000);

function time(fn) {
  for (let i = 0; i < 2; i++) fn();
  const ms = [];
  let out;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { ms: ms[3], bytes: typeof out === "string" ? out.length : JSON.stringify(out).length };
}

const answers = cx.generateSurveySample({ count: ANSWERS, seed: 1 });
const byMonth = cx.comparePeriods(cx.breakdown(cx.npsAggregator({ value: (a) => a.nps }), answers, { by: { channel: (a) => a.channel }, period: { at: (a) => a.at, unit: "month" } }));
const byWeek = cx.breakdown(cx.npsAggregator({ value: (a) => a.nps }), answers, { by: { channel: (a) => a.channel }, period: { at: (a) => a.at, unit: "isoWeek" } });
const byChannel = cx.breakdown(cx.npsAggregator({ value: (a) => a.nps }), answers, { by: { channel: (a) => a.channel } });
const npsAll = cx.nps(answers.map((a) => a.nps));
const csatByMonth = cx.breakdown(cx.csatAggregator({ value: (a) => a.csat }), answers, { period: { at: (a) => a.at, unit: "month" } });
const lastAt = answers.reduce((m, a) => (a.at > m ? a.at : m), answers[0].at);
const deadline = new Date(Date.parse(lastAt) + 90 * 86_400_000).toISOString();
const goal = cx.goalProgress({ series: csatByMonth, baseline: 75, target: 80, deadline });
const tickets = cx.generateTickets({ count: 20_000, seed: 2 });
const ttr = cx.timeToResolution(tickets, { unit: "hours", asOf: "2026-01-01T00:00Z" });
const subs = cx.generateSubscriptions({ customers: SUBSCRIPTIONS, seed: 3 });
const list = subs.subscriptions ?? subs;
const asOf = "2025-01-01";
const survival = cx.survivalCurve(list, { asOf, unit: "month" });
const cohorts = cx.cohortRetention(list, { asOf });
const summary = cx.rfmSummary(cx.datasets.cdnow(), { amount: (p) => p.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
const fit = cx.fitBgNbd(summary);
const spend = cx.fitGammaGamma(summary);
const clv = cx.customerLifetimeValue(fit, summary, { spend, months: 12 });

const rows = [
  ["trendChart, NPS by channel x month", `${byMonth.rows.length} rows`, () => cx.trendChart(byMonth)],
  ["trendChart, NPS by channel x ISO week", `${byWeek.rows.length} rows`, () => cx.trendChart(byWeek)],
  ["trendChart with a goal", `${goal.points.length} points`, () => cx.trendChart(csatByMonth, { goal })],
  ["npsBarChart by channel", `${byChannel.rows.length} rows`, () => cx.npsBarChart(byChannel)],
  ["distributionChart, NPS", `${npsAll.n} answers`, () => cx.distributionChart(npsAll)],
  ["durationHistogram, TTR", `${ttr.n} tickets`, () => cx.durationHistogram(ttr)],
  ["survivalChart", `${survival.times.length} times`, () => cx.survivalChart(survival)],
  ["cohortHeatmap, monthly", `${cohorts.cohorts.length} x ${cohorts.maxAge + 1} cells`, () => cx.cohortHeatmap(cohorts)],
  ["clvDecileChart, CDNOW", `${clv.customers.length} customers`, () => cx.clvDecileChart(clv)],
  ["toTable text, NPS by channel x ISO week", `${byWeek.rows.length} rows`, () => cx.toTable(byWeek, { maxRows: Infinity })],
  ["toTable html, NPS by channel x ISO week", `${byWeek.rows.length} rows`, () => cx.toTable(byWeek, { format: "html", maxRows: Infinity })],
  ["display(...).html(), NPS by channel x month", `${byMonth.rows.length} rows`, () => cx.display(byMonth).html()],
];

// The peer: the same breakdown rows as an arquero table (key, period, score, lower, upper, n), to HTML.
const flat = aq.from(byWeek.rows.map((r) => ({ channel: r.key.channel, period: r.period, score: r.result.score, lower: r.result.ci?.lower ?? null, upper: r.result.ci?.upper ?? null, n: r.result.n })));
rows.push(["arquero toHTML (peer), same rows", `${flat.numRows()} rows`, () => flat.toHTML({ limit: Infinity, format: { score: { digits: 1 }, lower: { digits: 1 }, upper: { digits: 1 } } })]);

console.log(`render bench: ${ANSWERS} answers, ${SUBSCRIPTIONS} subscriptions (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log("| call | input | median ms | output KB |\n|---|---|---:|---:|");
for (const [name, input, fn] of rows) {
  const { ms, bytes } = time(fn);
  console.log(`| ${name} | ${input} | ${ms.toFixed(2)} | ${(bytes / 1024).toFixed(1)} |`);
}
