/**
 * display(): the chart chosen for each kind of result, explicit charts, the Jupyter MIME bundle, the JSON round trip
 * and empty results (issue 8 point 2, SPEC-8 "Public helpers").
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  breakdown,
  ces,
  cesAggregator,
  cohortRetention,
  csat,
  csatAggregator,
  customerLifetimeValue,
  datasets,
  display,
  fitBgNbd,
  fitGammaGamma,
  firstResponseTime,
  generateSubscriptions,
  generateSurveySample,
  generateTickets,
  goalProgress,
  type GoalProgress,
  InvalidOptionError,
  JUPYTER_DISPLAY,
  kaplanMeierTable,
  nps,
  npsAggregator,
  rfmSummary,
  survivalCurve,
  timeToResolution,
  timeToResolutionAggregator,
  churnRate,
  type ChartKind,
  type SurveyAnswer,
} from "../../src/index.ts";

const survey = generateSurveySample({ seed: 3, count: 600 });
const byChannelMonth = breakdown(npsAggregator<SurveyAnswer>({ value: (a) => a.nps }), survey, {
  by: { channel: (a) => a.channel },
  period: { at: (a) => a.at, unit: "month" },
});
const byChannel = breakdown(npsAggregator<SurveyAnswer>({ value: (a) => a.nps }), survey, { by: { channel: (a) => a.channel } });
const csatByMonth = breakdown(csatAggregator<SurveyAnswer>({ value: (a) => a.csat }), survey, { by: {}, period: { at: (a) => a.at, unit: "month" } });
const csatByChannel = breakdown(csatAggregator<SurveyAnswer>({ value: (a) => a.csat }), survey, { by: { channel: (a) => a.channel } });
const tickets = generateTickets({ seed: 2, count: 400 });
const ttr = timeToResolution(tickets, { unit: "hours", asOf: "2025-01-01" });
const frt = firstResponseTime(tickets, { unit: "hours" });
const ttrByMonth = breakdown(timeToResolutionAggregator<Record<string, unknown>>({ unit: "hours" }), tickets as unknown as Record<string, unknown>[], {
  by: {},
  period: { at: (t) => t.createdAt, unit: "month" },
});
const { subscriptions } = generateSubscriptions({ seed: 4, customers: 400, mrrEvents: false });
const asOf = Date.UTC(2025, 0, 1);
const survival = survivalCurve(subscriptions, { asOf, unit: "month" });
const cohorts = cohortRetention(subscriptions, { asOf });
const rfm = rfmSummary(datasets.cdnow(), { amount: (p) => p.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
const spend = fitGammaGamma(rfm);
if (!spend.fitted) throw new Error("Gamma-Gamma did not fit the CDNOW sample");
const clv = customerLifetimeValue(fitBgNbd(rfm), rfm, { spend, months: 12, discountRate: 0.01 });
// Fader, Hardie & Lee (2005) BG/NBD and Gamma-Gamma estimates on CDNOW, for results without data
const CDNOW_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };

/** Each kind of result and the chart that display chooses for it (SPEC-8, display "Auto"). */
const AUTO: [string, unknown, ChartKind | null][] = [
  ["NPS breakdown by channel and month", byChannelMonth, "trend"],
  ["CSAT breakdown by month", csatByMonth, "trend"],
  ["NPS breakdown by channel (no period)", byChannel, "segments"],
  ["CSAT breakdown by channel (no period)", csatByChannel, null],
  ["TTR breakdown by month (no score to trend)", ttrByMonth, null],
  ["NPS", nps(survey, { value: (a) => a.nps }), "distribution"],
  ["CSAT", csat(survey, { value: (a) => a.csat }), "distribution"],
  ["CES", ces(survey, { value: (a) => a.ces }), "distribution"],
  ["time to resolution", ttr, "histogram"],
  ["first response time", frt, "histogram"],
  ["survival curve", survival, "survival"],
  ["Kaplan-Meier table", kaplanMeierTable({ times: [1, 2, 3], events: [2, 1, 1], censored: [0, 1, 0] }), "survival"],
  ["cohort retention", cohorts, "cohort"],
  ["customer lifetime value", clv, "clv-deciles"],
  ["churn rate (no chart)", churnRate(subscriptions, { from: "2024-06-01", to: "2024-07-01" }), null],
];

describe("display chooses the chart that fits the result", () => {
  it.each(AUTO)("%s", (_, result, kind) => {
    const d = display(result);
    expect(d.chart).toBe(kind);
    const html = d.html();
    expect(html.startsWith('<figure class="cx-display"><style>')).toBe(true);
    expect(html.endsWith("</figure>")).toBe(true);
    expect(html).toContain('<table class="cx-table"');
    expect(html.includes("<svg")).toBe(kind !== null);
    expect(d.text()).not.toMatch(/<(svg|table|figure|style)/);
  });
});

describe("the Jupyter display symbol", () => {
  it("is Symbol.for(\"Jupyter.display\"), the key Deno's kernel calls", () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
  });

  it("gives text/html (chart and table) and text/plain (the text table) and nothing else", () => {
    const d = display(byChannelMonth);
    const bundle = d[Symbol.for("Jupyter.display") as typeof JUPYTER_DISPLAY]();
    expect(Object.keys(bundle).sort()).toEqual(["text/html", "text/plain"]);
    expect(bundle["text/html"]).toBe(d.html());
    expect(bundle["text/plain"]).toBe(d.text());
    expect(bundle["text/html"]).toMatch(/^<figure class="cx-display"><style>[^<]*<\/style><svg[\s\S]*<\/svg><table class="cx-table"[\s\S]*<\/table><\/figure>$/);
  });

  it("scopes every style rule to .cx-display", () => {
    const style = /<style>([^<]*)<\/style>/.exec(display(nps([9, 10])).html())![1]!;
    const selectors = [...style.matchAll(/([^{}]+)\{[^}]*\}/g)].flatMap((m) => m[1]!.split(","));
    expect(selectors.length).toBeGreaterThan(3);
    for (const s of selectors) expect(s.trim().startsWith(".cx-display")).toBe(true);
  });

  it("is deterministic: the same result gives byte-identical strings", () => {
    expect(display(survival).html()).toBe(display(JSON.parse(JSON.stringify(survival))).html());
    expect(display(byChannelMonth).text()).toBe(display(byChannelMonth).text());
  });
});

describe("toJSON returns the plain result", () => {
  it.each(AUTO)("JSON.stringify(display(%s)) is the result's JSON", (_, result) => {
    const d = display(result);
    expect(JSON.stringify(d)).toBe(JSON.stringify(result));
    expect(d.result).toBe(result);
  });

  it("for any NPS answers (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)), { maxLength: 40 }), (answers) => {
        const r = nps(answers);
        expect(JSON.parse(JSON.stringify(display(r)))).toEqual(JSON.parse(JSON.stringify(r)));
      }),
      { seed: 8, numRuns: 50 },
    );
  });
});

describe("an explicit chart", () => {
  it("draws that chart when it fits", () => {
    expect(display(byChannelMonth, { chart: "segments" }).chart).toBe("segments");
    expect(display(byChannelMonth, { chart: "trend" }).chart).toBe("trend");
    expect(display(survival, { chart: "survival" }).html()).toContain("<svg");
  });

  it("none: the table alone", () => {
    const d = display(byChannelMonth, { chart: "none" });
    expect(d.chart).toBe(null);
    expect(d.html()).not.toContain("<svg");
    expect(d.html()).toContain("<table");
  });

  it("that does not fit throws InvalidOptionError naming the charts that fit", () => {
    expect(() => display(nps([9, 10]), { chart: "survival" })).toThrow(InvalidOptionError);
    expect(() => display(nps([9, 10]), { chart: "survival" })).toThrow(/"survival".*nps result.*"distribution"/);
    expect(() => display(byChannel, { chart: "trend" })).toThrow(/breakdown of nps results without a period.*"segments"/);
    expect(() => display(byChannelMonth, { chart: "cohort" })).toThrow(/"trend", "segments"/);
    expect(() => display(ttrByMonth, { chart: "histogram" })).toThrow(/no chart fits it/);
  });

  it("that is not a chart kind throws InvalidOptionError listing the kinds", () => {
    expect(() => display(ttr, { chart: "pie" as ChartKind })).toThrow(/option "chart" is "pie", expected "auto", "none" or one of "trend", "segments"/);
  });

  it("a goal on a result that draws no trend chart throws", () => {
    const goal = { metric: "goal-progress", points: [] } as unknown as GoalProgress;
    expect(() => display(ttr, { goal })).toThrow(/option "goal" is drawn on the trend chart only/);
    expect(() => display(ttr, { goal: { metric: "nps" } as unknown as GoalProgress })).toThrow(/option "goal" is not a goalProgress result/);
  });

  // raise CSAT from 75 to 90 by the end of March 2026 (the sample's CSAT stays near 79: off track)
  const goal = goalProgress({ series: csatByMonth, baseline: 75, target: 90, deadline: "2026-03-31" });

  it("goal: the trend chart of a breakdown draws the goal's target", () => {
    const d = display(csatByMonth, { goal });
    expect(d.chart).toBe("trend");
    expect(d.html()).toContain(">target 90</text>");
    expect(display(csatByMonth).html()).not.toContain(">target 90</text>");
  });

  it("goal: a goalProgress result alone is drawn as the trend of its points with the goal", () => {
    const d = display(goal);
    expect(d.chart).toBe("trend");
    const html = d.html();
    expect(html).toContain(">target 90</text>");
    // one marker per scored month, each with its tooltip
    expect((html.match(/<title>[^<]*2025-\d\d[^<]*<\/title>/g) ?? []).length).toBeGreaterThanOrEqual(12);
  });

  it("title reaches the chart and the table", () => {
    const html = display(byChannelMonth, { title: "NPS <pilot> & co" }).html();
    expect(html).toMatch(/<title[^>]*>NPS &lt;pilot&gt; &amp; co<\/title>/);
    expect(html).toContain("<caption>NPS &lt;pilot&gt; &amp; co</caption>");
    expect(html).toContain("NPS &lt;pilot&gt; &amp; co");
    expect(html).not.toContain("<pilot>");
  });
});

describe("empty results never throw and render no data", () => {
  const empties: [string, unknown][] = [
    ["nps", nps([])],
    ["csat", csat([])],
    ["ces", ces([])],
    ["breakdown by month", breakdown(npsAggregator<SurveyAnswer>({ value: (a) => a.nps }), [] as SurveyAnswer[], { by: { channel: (a) => a.channel }, period: { at: (a) => a.at, unit: "month" } })],
    ["breakdown without period", breakdown(npsAggregator<SurveyAnswer>({ value: (a) => a.nps }), [] as SurveyAnswer[], { by: { channel: (a) => a.channel } })],
    ["breakdown of missing scores", breakdown(npsAggregator<SurveyAnswer>({ value: (a) => a.nps }), survey.map((a) => ({ ...a, nps: null })), { by: {}, period: { at: (a) => a.at, unit: "month" } })],
    ["time to resolution", timeToResolution([])],
    ["first response time", firstResponseTime([])],
    ["survival curve", survivalCurve([], { asOf })],
    ["cohort retention", cohortRetention([], { asOf })],
    ["customer lifetime value", customerLifetimeValue(CDNOW_BGNBD, rfmSummary([], { timeUnit: "weeks", observationEnd: "1997-09-30" }), { spend: CDNOW_SPEND, months: 12 })],
    ["goal without points", goalProgress({ series: [], baseline: 60, target: 70, deadline: "2025-09-30" })],
    ["an empty array", []],
  ];
  it.each(empties)("%s", (_, result) => {
    const d = display(result);
    const bundle = d[JUPYTER_DISPLAY]();
    expect(bundle["text/html"]).toContain("<table");
    if (d.chart !== null) expect(bundle["text/html"]).toMatch(/no data/i);
    expect(typeof bundle["text/plain"]).toBe("string");
    expect(JSON.stringify(d)).toBe(JSON.stringify(result));
  });
});
