/**
 * Deno display test (issue 8 point 2): what the Deno Jupyter kernel calls on a cell's value,
 * `value[Symbol.for("Jupyter.display")]()`, gives text/html with a chart (<svg) and a table (<table) and
 * text/plain, for the results an analyst shows in the example notebooks: NPS, a breakdown by month, TTR, a survival
 * curve, a cohort matrix and CLV. Run with `npm run test:deno` after `npm run build`, on dist/index.js (what
 * `npm:cx-metrics` loads) and on src/index.ts (what JSR ships); any failed check exits non-zero.
 */
import * as source from "../../src/index.ts";

type Lib = typeof source;

// The build is loaded by URL so that `tsc` (which also checks tests/) neither needs dist/ nor a Deno global.
const built: Lib = await import(new URL("../../dist/index.js", import.meta.url).href);
const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
if (deno === undefined) throw new Error("deno display: run this file with Deno (npm run test:deno)");

/** The key the kernel looks up, spelled as the kernel spells it (not taken from the library). */
const JUPYTER: typeof source.JUPYTER_DISPLAY = Symbol.for("Jupyter.display") as typeof source.JUPYTER_DISPLAY;

let checks = 0;
function check(condition: boolean, what: string, detail?: unknown): void {
  checks += 1;
  if (!condition) throw new Error(`deno display: ${what}${detail === undefined ? "" : `: got ${JSON.stringify(detail).slice(0, 400)}`}`);
}

function results(lib: Lib): [string, unknown][] {
  const survey = lib.generateSurveySample({ seed: 5, count: 800 });
  const byMonth = lib.breakdown(lib.npsAggregator<source.SurveyAnswer>({ value: (a) => a.nps }), survey, {
    by: { channel: (a) => a.channel },
    period: { at: (a) => a.at, unit: "month" },
  });
  const tickets = lib.generateTickets({ seed: 5, count: 500 });
  const { subscriptions } = lib.generateSubscriptions({ seed: 5, customers: 500, mrrEvents: false });
  const asOf = Date.UTC(2025, 0, 1);
  const rfm = lib.rfmSummary(lib.datasets.cdnow(), { amount: (p) => p.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
  const spend = lib.fitGammaGamma(rfm);
  if (!spend.fitted) throw new Error("deno display: Gamma-Gamma did not fit the CDNOW sample");
  return [
    ["NPS", lib.nps(survey, { value: (a) => a.nps })],
    ["NPS by channel and month", byMonth],
    ["TTR", lib.timeToResolution(tickets, { unit: "hours", asOf: "2025-01-01" })],
    ["survival curve", lib.survivalCurve(subscriptions, { asOf, unit: "month" })],
    ["cohort matrix", lib.cohortRetention(subscriptions, { asOf })],
    ["CLV", lib.customerLifetimeValue(lib.fitBgNbd(rfm), rfm, { spend, months: 12, discountRate: 0.01 })],
  ];
}

function checkDisplays(lib: Lib, name: string): void {
  for (const [what, result] of results(lib)) {
    const at = `${name}: ${what}`;
    const shown = lib.display(result);
    const method = (shown as unknown as Record<symbol, unknown>)[Symbol.for("Jupyter.display")];
    check(typeof method === "function", `${at}: has a Symbol.for("Jupyter.display") method`);
    const bundle = shown[JUPYTER]();
    check(Object.keys(bundle).sort().join() === "text/html,text/plain", `${at}: MIME types`, Object.keys(bundle));
    const html = bundle["text/html"];
    check(typeof html === "string" && html.startsWith('<figure class="cx-display">') && html.endsWith("</figure>"), `${at}: text/html is a cx-display figure`, html.slice(0, 80));
    check(/<svg[\s>]/.test(html) && html.includes("</svg>"), `${at}: text/html has a chart (<svg)`, html.slice(0, 200));
    check(/<table[\s>]/.test(html) && html.includes("</table>"), `${at}: text/html has a table (<table)`, html.slice(0, 200));
    const text = bundle["text/plain"];
    check(typeof text === "string" && text.length > 0 && !text.includes("<svg"), `${at}: text/plain is the text table`, text.slice(0, 200));
    check(JSON.stringify(shown) === JSON.stringify(result), `${at}: JSON.stringify(display(r)) is the result's JSON`);
  }
}

checkDisplays(built, "dist/index.js");
checkDisplays(source, "src/index.ts");
// Both builds draw the same bytes.
const r = source.nps(source.generateSurveySample({ seed: 9, count: 200 }), { value: (a) => a.nps });
check(built.display(r)[JUPYTER]()["text/html"] === source.display(r)[JUPYTER]()["text/html"], "dist and src draw the same HTML");

console.log(`deno display: ${checks} checks passed in Deno ${deno.version.deno} (dist/index.js and src/index.ts)`);
