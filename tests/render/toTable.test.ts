/**
 * toTable and its table model. Expected strings are written by hand for hand-made inputs (or for real results on
 * inputs small enough to compute by hand, the computation in a comment); properties with fast-check (fixed seeds)
 * for escaping, rows never dropped silently, null scores and determinism.
 */
import fc from "fast-check";
import { build } from "esbuild";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toTable } from "../../src/render/toTable.ts";
import { tableModel } from "../../src/render/_tableModel.ts";
import { goalProgress } from "../../src/goals/goalProgress.ts";
import { InvalidOptionError } from "../../src/errors.ts";
import { breakdown, type BreakdownResult } from "../../src/aggregate/breakdown.ts";
import { nps, npsAggregator, type NpsResult } from "../../src/survey/nps.ts";
import { csat } from "../../src/survey/csat.ts";
import { ces } from "../../src/survey/ces.ts";
import { compareNps } from "../../src/survey/compareNps.ts";
import { comparePeriods, type ComparedBreakdown } from "../../src/survey/comparePeriods.ts";
import { timeToResolution, timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { firstResponseTime } from "../../src/tickets/firstResponseTime.ts";
import { averageResponseTime } from "../../src/tickets/averageResponseTime.ts";
import { statusTime } from "../../src/tickets/statusTime.ts";
import { slaAttainment } from "../../src/tickets/slaAttainment.ts";
import { reopenRate } from "../../src/tickets/reopenRate.ts";
import { oneTouchResolution } from "../../src/tickets/oneTouchResolution.ts";
import { firstContactResolution } from "../../src/tickets/firstContactResolution.ts";
import { churnRate } from "../../src/churn/churnRate.ts";
import { churnRateSeries } from "../../src/churn/churnRateSeries.ts";
import { churnByReason } from "../../src/churn/churnByReason.ts";
import { revenueChurn } from "../../src/churn/revenueChurn.ts";
import { cohortRetention } from "../../src/churn/cohortRetention.ts";
import { survivalCurve } from "../../src/churn/survivalCurve.ts";
import { fitSbg } from "../../src/churn/fitSbg.ts";
import { kaplanMeier } from "../../src/stats/kaplanMeier.ts";
import { quantileSketch } from "../../src/stats/quantileSketch.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { fitBgNbd } from "../../src/clv/fitBgNbd.ts";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.ts";
import type { CustomerLifetimeValueResult } from "../../src/clv/customerLifetimeValue.ts";
import type { BetaGeoFit } from "../../src/clv/betaGeoFit.ts";
import { simpleClv } from "../../src/clv/simpleClv.ts";
import { npsSampleSize } from "../../src/survey/npsSampleSize.ts";

const sp = (n: number): string => " ".repeat(n);
const ci = (lower: number, upper: number, method = "adjusted-wald") => ({ lower, upper, level: 0.95, method });

/** A hand-made NPS result (only the fields a table reads need to be right). */
function npsOf(score: number | null, interval: [number, number] | null, n: number): NpsResult {
  return {
    metric: "nps",
    score,
    n,
    promoters: 0,
    passives: 0,
    detractors: 0,
    shares: null,
    effectiveN: n,
    standardError: null,
    ci: interval ? ci(interval[0], interval[1]) : null,
    distribution: Array(11).fill(0),
    missing: 0,
    invalid: null,
  };
}

const month = { unit: "month" as const, timeZone: "UTC", weekStartsOn: 1 as const };
const row = (channel: string, period: string, result: NpsResult) => ({ key: { channel }, period, periodStart: `${period}-01T00:00:00.000Z`, periodEnd: null, result });

describe("toTable: single results", () => {
  it("NPS as a figure / value text table, interval as 42.1 [38.0, 46.2], counts as integers, shares in %", () => {
    const r: NpsResult = {
      ...npsOf(42.14, [38.04, 46.24], 8),
      promoters: 5,
      passives: 1,
      detractors: 2,
      shares: { promoters: 0.625, passives: 0.125, detractors: 0.25 },
      standardError: 30.31,
      missing: 1,
      invalid: { count: 2, examples: [] },
    };
    expect(toTable(r)).toBe(
      [
        "NPS",
        "figure" + sp(31) + "value",
        "-".repeat(23) + "  " + "-".repeat(17),
        "NPS (points)" + sp(13) + "42.1 [38.0, 46.2]",
        "n" + sp(40) + "8",
        "promoters" + sp(24) + "5 (62.5%)",
        "passives" + sp(25) + "1 (12.5%)",
        "detractors" + sp(23) + "2 (25.0%)",
        "standard error (points)" + sp(15) + "30.3",
        "[lower, upper]: 95% interval (adjusted-wald)",
        "missing answers: 1 (left out of the figures)",
        "invalid answers: 2 (counted, left out)",
      ].join("\n"),
    );
  });

  it("a real NPS result: [10, 9, 7, 3] is 25 points, adjusted-Wald 95% interval [-44.2, 72.7]", () => {
    // Adjusted Wald (Rocks 2016): add 0.75 promoters, 1.5 passives, 0.75 detractors: n' = 7, p = 2.75/7, d = 1.75/7,
    // NPS' = 1/7 = 0.142857, Var = p + d - (p - d)^2 = 0.622449, SE = sqrt(Var / 7) = 0.298198,
    // 0.142857 -+ 1.959964 x 0.298198 = [-0.441598, 0.727312].
    expect(tableModel(nps([10, 9, 7, 3])).rows.slice(0, 2)).toEqual([
      ["NPS (points)", "25.0 [-44.2, 72.7]"],
      ["n", "4"],
    ]);
  });

  it("empty input: null figures read 'no data', never a throw", () => {
    expect(tableModel(nps([])).rows[0]).toEqual(["NPS (points)", "no data"]);
    expect(tableModel(csat([])).rows[0]).toEqual(["CSAT (% satisfied)", "no data"]);
    expect(tableModel(ces([])).rows[0]).toEqual(["CES (mean, 1-7)", "no data"]);
  });

  it("ticket shares: % with the Wilson interval, the yes / no counts named for the metric", () => {
    const r = { metric: "reopen-rate" as const, rate: 12.5, ci: ci(4.96, 27.04, "wilson"), n: 40, yes: 5, no: 35, notApplicable: 3, missing: 0, notYetCreated: 0, asOf: null, invalid: null };
    expect(tableModel(r)).toEqual({
      caption: "Reopen rate",
      columns: [
        { label: "figure", numeric: false },
        { label: "value", numeric: true },
      ],
      rows: [
        ["reopen rate (%)", "12.5 [5.0, 27.0]"],
        ["n", "40"],
        ["reopened", "5"],
        ["not reopened", "35"],
        ["not applicable", "3"],
        ["not yet created", "0"],
      ],
      rowCount: 6,
      footer: [],
      notes: ["[lower, upper]: 95% interval (wilson)"],
    });
  });

  it("churn rate (a fraction) in %: the ChartMogul example, 1 of 2 customers at the start churned", () => {
    // a (2023-01-01..2024-01-20) and b (2023-03-01..) at the start of January, a churned, c new on 2024-01-05.
    // Wilson 95% for 1/2: centre 0.5, half-width 1.959964 sqrt(0.125 + 0.240091) / 2.920729 = 0.405470 -> [9.45, 90.55] %.
    // Customer-days in January: a 19, b 31, c 27 = 77.
    const r = churnRate(
      [
        { customerId: "a", start: "2023-01-01", end: "2024-01-20" },
        { customerId: "b", start: "2023-03-01" },
        { customerId: "c", start: "2024-01-05" },
      ],
      { from: "2024-01-01", to: "2024-02-01" },
    );
    expect(tableModel(r).rows).toEqual([
      ["churn rate (%)", "50.00 [9.45, 90.55]"],
      ["at start", "2"],
      ["churned", "1"],
      ["churned from start", "1"],
      ["new", "1"],
      ["at end", "2"],
      ["customer-days", "77.0"],
      ["subscriptions", "3"],
    ]);
  });

  it("goal progress (typed structurally, the goals module is not imported)", () => {
    const goal = {
      metric: "goal-progress",
      baseline: 60,
      target: 70,
      direction: "increase",
      deadline: "2024-09-30T00:00:00.000Z",
      level: 0.95,
      points: [
        { period: "2024-05", at: "2024-05-16T12:00:00.000Z", score: 63 },
        { period: "2024-06", at: "2024-06-16T00:00:00.000Z", score: 65 },
      ],
      current: { period: "2024-06", at: "2024-06-16T00:00:00.000Z", score: 65 },
      progress: 0.5,
      achieved: false,
      trend: { slopePerDay: 0.0625, intercept: 63, rSquared: null, n: 2, residualStandardError: null },
      projection: { at: "2024-09-30T00:00:00.000Z", value: 71.24, ci: { lower: 68.04, upper: 74.44 }, probability: 0.81, reachesTarget: true },
      status: "on-track",
    };
    expect(tableModel(goal).rows).toEqual([
      ["status", "on-track"],
      ["current", "65.0 (2024-06)"],
      ["baseline", "60.0"],
      ["target", "70.0"],
      ["direction", "increase"],
      ["deadline", "2024-09-30T00:00:00.000Z"],
      ["progress (%)", "50.0"],
      ["achieved", "no"],
      ["trend (per day)", "0.06250"],
      ["trend R squared", "no data"],
      ["projection at deadline", "71.2 [68.0, 74.4]"],
      ["probability of reaching the target (%)", "81.0"],
      ["points", "2"],
    ]);
  });
});

describe("toTable: CES easy / difficult rows (review8)", () => {
  it("a (%) row holds the share and its interval only; the count has its own row", () => {
    // 8 answers on 1-7: easy (5-7) 3 of 8 = 37.5%, difficult (1-3) 4 of 8 = 50%;
    // Wilson 95% (Wilson 1927; R binom::binom.wilson(3, 8) = 0.137, 0.694; (4, 8) = 0.215, 0.785)
    const rows = tableModel(ces([1, 2, 2, 3, 5, 7, 6, 4])).rows;
    expect(rows).toContainEqual(["easy (%)", "37.5 [13.7, 69.4]"]);
    expect(rows).toContainEqual(["easy (n)", "3"]);
    expect(rows).toContainEqual(["difficult (%)", "50.0 [21.5, 78.5]"]);
    expect(rows).toContainEqual(["difficult (n)", "4"]);
  });
});

describe("toTable: breakdown notes (review8)", () => {
  it("says how many values inside the groups were missing or invalid (not only unreadable keys)", () => {
    const b = breakdown(npsAggregator<{ c?: string; v: unknown }>({ value: (r) => r.v, onInvalid: "count" }), [{ c: "a", v: 3 }, { c: "a", v: 99 }, { c: "b", v: null }, { c: "b", v: 9 }], { by: { c: (r) => r.c } });
    const notes = tableModel(b).notes;
    expect(notes).toContain("missing values: 1 (left out of the figures)");
    expect(notes).toContain("invalid values: 1 (counted, left out)");
    expect(toTable(b)).toContain("invalid values: 1 (counted, left out)");
  });
});

describe("toTable: goal progress from goalProgress (review8)", () => {
  it("shows how many points had no score (they are left out of the trend, not read as zero)", () => {
    const g = goalProgress({
      series: [
        { period: "2025-01", at: "2025-01-16", score: 60 },
        { period: "2025-02", at: "2025-02-15", score: null },
        { period: "2025-03", at: "2025-03-16", score: 64 },
        { period: "2025-04", at: "2025-04-16", score: 63 },
      ],
      baseline: 60,
      target: 70,
      deadline: "2025-10-01",
    });
    const rows = tableModel(g).rows;
    expect(rows).toContainEqual(["points", "4"]);
    expect(rows).toContainEqual(["points without a score", "1"]);
    expect(toTable(g)).toMatch(/points without a score +1/);
  });
});

describe("toTable: breakdowns", () => {
  const b: BreakdownResult<NpsResult> = {
    rows: [row("<b>&co", "2024-01", npsOf(30, [10, 50], 20)), row("<b>&co", "2024-02", npsOf(null, null, 0)), row("mail", "2024-01", npsOf(-5.54, [-20.04, 9.96], 12))],
    total: npsOf(12.46, [1.04, 23.96], 32),
    invalid: null,
    by: ["channel"],
    period: month,
  };

  it("HTML: caption, thead, tbody, tfoot with the total, numeric cells class num, labels escaped, null as no data", () => {
    expect(toTable(b, { format: "html" })).toBe(
      [
        '<table class="cx-table">',
        "<caption>NPS by channel, month</caption>",
        '<thead><tr><th scope="col">channel</th><th scope="col">period</th><th scope="col" class="num">NPS (points)</th><th scope="col" class="num">n</th></tr></thead>',
        "<tbody>",
        '<tr><td>&lt;b&gt;&amp;co</td><td>2024-01</td><td class="num">30.0 [10.0, 50.0]</td><td class="num">20</td></tr>',
        '<tr><td>&lt;b&gt;&amp;co</td><td>2024-02</td><td class="num">no data</td><td class="num">0</td></tr>',
        '<tr><td>mail</td><td>2024-01</td><td class="num">-5.5 [-20.0, 10.0]</td><td class="num">12</td></tr>',
        "</tbody>",
        "<tfoot>",
        '<tr class="cx-total"><td>total</td><td></td><td class="num">12.5 [1.0, 24.0]</td><td class="num">32</td></tr>',
        '<tr class="cx-note"><td colspan="4">[lower, upper]: 95% interval (adjusted-wald)</td></tr>',
        '<tr class="cx-note"><td colspan="4">periods: month in UTC</td></tr>',
        "</tfoot>",
        "</table>",
      ].join("\n"),
    );
  });

  it("a compared breakdown in text: change [interval], p-value, significance mark; maxRows cuts with a count line", () => {
    const change = (difference: number, lower: number, upper: number, p: number, significant: boolean) => ({ previousPeriod: "2024-01", previous: 30, difference, ci: ci(lower, upper, "wald"), pValue: p, significant, test: "z" as const });
    const compared: ComparedBreakdown<NpsResult> = {
      rows: [
        { ...row("chat", "2024-01", npsOf(30, [10, 50], 20)), change: null },
        { ...row("chat", "2024-02", npsOf(34.54, [14.04, 55.04], 25)), change: change(4.54, 0.34, 8.74, 0.04, true) },
        { ...row("mail", "2024-02", npsOf(20, [0, 40], 10)), change: change(-12, -20, -4, 0.0004, true) },
      ],
      total: npsOf(12.46, [1.04, 23.96], 55),
      invalid: null,
      by: ["channel"],
      period: month,
    };
    expect(toTable(compared, { maxRows: 2 })).toBe(
      [
        "NPS by channel, month",
        "channel  period" + sp(8) + "NPS (points)" + sp(3) + "n  change (points)  p-value  significant",
        "-------  -------  -----------------  --  ---------------  -------  -----------",
        "chat     2024-01  30.0 [10.0, 50.0]  20" + sp(10) + "no data  no data  no data",
        "chat     2024-02  34.5 [14.0, 55.0]  25  +4.5 [0.3, 8.7]    0.040  yes (up)",
        "... 1 more row not shown (3 in all)",
        "total" + sp(14) + "12.5 [1.0, 24.0]  55",
        "[lower, upper]: 95% interval (adjusted-wald)",
        "periods: month in UTC",
        "change: against the previous period of the same key, 95% interval; significant: p < 0.05",
      ].join("\n"),
    );
    expect(tableModel(compared).rows[2]!.slice(4)).toEqual(["-12.0 [-20.0, -4.0]", "<0.001", "yes (down)"]);
  });

  it("a breakdown of ticket durations: the median, the percentiles and the open count as columns, unit in the header", () => {
    const ttr = (median: number | null, p90: number | null, n: number, open: number) => ({
      metric: "time-to-resolution",
      median,
      percentiles: { p50: median, p90 },
      mean: median,
      min: null,
      max: null,
      distribution: [],
      censored: null,
      exact: true,
      relativeError: 0,
      resolution: "full",
      basis: "calendar",
      unit: "hours",
      asOf: null,
      n,
      resolved: n - open,
      open,
      missing: 0,
      notYetCreated: 0,
      invalid: null,
    });
    const r = { rows: [{ key: { team: "billing" }, period: null, periodStart: null, periodEnd: null, result: ttr(2.25, 8.04, 10, 1) }], total: ttr(2.25, 8.04, 10, 1), invalid: null, by: ["team"], period: null };
    expect(tableModel(r)).toMatchObject({
      caption: "Time to resolution by team",
      columns: ["team", "median (h)", "p90 (h)", "mean (h)", "n", "open"].map((label, j) => ({ label, numeric: j > 0 })),
      rows: [["billing", "2.3", "8.0", "2.3", "10", "1"]],
      footer: [["total", "2.3", "8.0", "2.3", "10", "1"]],
    });
  });

  it("labelled results ([{ label, result }], as npsBarChart takes) give one row per label", () => {
    // nps([10, 10, 0]) = 100 (2 - 1) / 3 = 33.3 points
    const m = tableModel([{ label: "web", result: nps([10, 10, 0]) }, { label: "app", result: nps([]) }]);
    expect(m.columns.map((c) => c.label)).toEqual(["label", "NPS (points)", "n"]);
    expect(m.rows.map((r) => [r[0], r[1]!.split(" [")[0], r[2]])).toEqual([
      ["web", "33.3", "3"],
      ["app", "no data", "0"],
    ]);
  });
});

describe("toTable: churn, survival, fits, CLV", () => {
  it("cohort retention as a cohort x age matrix, censored cells 'not yet observed' (not 0)", () => {
    // Customer 1 (2024-01-10..2024-02-20) is active at the starts of January and February, not of March: 100, 100, 0 %.
    // Customer 2 starts 2024-03-05; April starts after asOf 2024-03-31: censored.
    const r = cohortRetention([{ customerId: 1, start: "2024-01-10", end: "2024-02-20" }, { customerId: 2, start: "2024-03-05" }], { asOf: "2024-03-31" });
    const m = tableModel(r);
    expect(m.caption).toBe("Cohort retention (% of cohort) by month");
    expect(m.columns.map((c) => c.label)).toEqual(["cohort", "size", "month 0", "month 1", "month 2"]);
    expect(m.rows).toEqual([
      ["2024-01", "1", "100.0", "100.0", "0.0"],
      ["2024-03", "1", "100.0", "not yet observed", "not yet observed"],
    ]);
  });

  it("a Kaplan-Meier table as R's survfit prints it, cut at maxRows with the count of the rest", () => {
    // R: summary(survfit(Surv(c(6, 6, 6, 7, 10), c(1, 1, 0, 1, 0)) ~ 1), censored = TRUE)
    //   time n.risk n.event survival lower 95% CI upper 95% CI
    //      6      5       2      0.6       0.2933            1
    //      7      2       1      0.3       0.0631            1
    //     10      1       0      0.3       0.0631            1
    const km = kaplanMeier([6, 6, 6, 7, 10], [true, true, false, true, false]);
    const m = tableModel(km);
    expect(m.rows).toEqual([
      ["6", "5", "2", "1", "60.0 [29.3, 100.0]"],
      ["7", "2", "1", "0", "30.0 [6.3, 100.0]"],
      ["10", "1", "0", "1", "30.0 [6.3, 100.0]"],
    ]);
    expect(m.notes).toContain("median: 7 [6, no data]");
    expect(tableModel(km, { maxRows: 1 })).toMatchObject({ rows: [["6", "5", "2", "1", "60.0 [29.3, 100.0]"]], rowCount: 3 });
    const text = toTable(km, { maxRows: 2 }).split("\n");
    expect(text.slice(0, 6)).toEqual([
      "Kaplan-Meier estimate",
      "time  at risk  events  censored        survival (%)",
      "----  -------  ------  --------  ------------------",
      "   6        5       2         1  60.0 [29.3, 100.0]",
      "   7        2       1         0   30.0 [6.3, 100.0]",
      "... 1 more row not shown (3 in all)",
    ]);
  });

  it("the sBG fit: alpha and beta of Fader & Hardie (2007) with standard errors", () => {
    // Fader & Hardie (2007), "How to project customer retention", regular customers: alpha = 0.668, beta = 3.806.
    const m = tableModel(fitSbg([1000, 869, 743, 653, 593, 551, 517, 491]));
    expect(m.columns.map((c) => c.label)).toEqual(["parameter", "estimate", "standard error"]);
    expect(m.rows.map((r) => r[0])).toEqual(["alpha", "beta"]);
    expect(Number(m.rows[0]![1])).toBeCloseTo(0.668, 3);
    expect(Number(m.rows[1]![1])).toBeCloseTo(3.806, 3);
    expect(Number(m.rows[0]![2])).toBeGreaterThan(0);
  });

  it("a BG/NBD fit: parameters with standard errors, alpha per unit of time, 4 significant digits", () => {
    const fit: BetaGeoFit = {
      model: "bg-nbd",
      r: 0.24259,
      alpha: 4.41359,
      a: 0.79292,
      b: 2.42589,
      fitted: true,
      logLikelihood: -9582.4292,
      n: 2357,
      patterns: 1016,
      timeUnit: "weeks",
      penalty: 0,
      standardErrors: { r: 0.012556, alpha: 0.37822, a: 0.185725, b: 0.705375 },
      covariance: null,
      logCovariance: null,
      convergence: { converged: true, iterations: 363, evaluations: 600, hessianPositiveDefinite: true, message: "converged" },
    };
    expect(tableModel(fit)).toEqual({
      caption: "BG/NBD fit",
      columns: [
        { label: "parameter", numeric: false },
        { label: "estimate", numeric: true },
        { label: "standard error", numeric: true },
      ],
      rows: [
        ["r", "0.2426", "0.01256"],
        ["alpha (per week)", "4.414", "0.3782"],
        ["a", "0.7929", "0.1857"],
        ["b", "2.426", "0.7054"],
      ],
      rowCount: 4,
      footer: [],
      notes: ["2357 customers, 1016 patterns; log-likelihood -9582.429", "converged"],
    });
  });

  it("CLV per customer decile (clvDeciles) and the base total with its interval", () => {
    // 3 customers: decile d holds ranks floor((d-1) 3 / 10) .. floor(3 d / 10) - 1, so deciles 4, 7, 10 hold one each.
    const customer = (customerId: string, value: number) => ({ customerId, clv: { value, lower: null, upper: null }, expectedPurchases: 1, expectedSpend: value });
    const r: CustomerLifetimeValueResult = {
      model: "bg-nbd",
      timeUnit: "weeks",
      months: 12,
      monthLength: 4.348,
      discountRate: 0.01,
      margin: 1,
      level: 0.95,
      interval: "delta-method",
      spendUncertainty: false,
      customers: [customer("a", 30), customer("b", 10), customer("c", 20)],
      total: { value: 60, lower: 50, upper: 70 },
    };
    const m = tableModel(r);
    expect(m.caption).toBe("Expected CLV over 12 months by customer decile");
    expect(m.rows).toEqual([
      ["4", "1", "30.00", "30.00", "30.00", "30.00", "50.0"],
      ["7", "1", "20.00", "20.00", "20.00", "20.00", "33.3"],
      ["10", "1", "10.00", "10.00", "10.00", "10.00", "16.7"],
    ]);
    expect(m.footer).toEqual([["all", "3", "60.00 [50.00, 70.00]", "20.00", "", "", "100.0"]]);
  });

  it("simple CLV, NPS sample size and purchase predictions as figure / value tables", () => {
    // SaaS form: 10 x 0.8 / 0.05 = 160, margin multiple 1 / 0.05 = 20 periods.
    expect(tableModel(simpleClv({ method: "churn", arpu: 10, grossMargin: 0.8, churnRate: 0.05 })).rows).toEqual([
      ["CLV", "160.00"],
      ["margin multiple", "20.00"],
      ["expected lifetime (periods)", "20.00"],
    ]);
    // +-5 points at 95% in the worst case (Var = 1): n = ceil((1.959964 x 100 / 5)^2) = ceil(1536.6) = 1537.
    expect(tableModel(npsSampleSize({ marginOfError: 5 })).rows[0]).toEqual(["answers needed", "1537"]);
    const customer = (customerId: number, value: number, alive: number) => ({ customerId, expectedPurchases: { value, lower: null, upper: null }, probabilityAlive: alive, probabilityAliveAtHorizon: alive / 2 });
    const predictions = { model: "bg-nbd" as const, timeUnit: "weeks" as const, horizon: 52, level: 0.95, interval: null, customers: [customer(1, 1.5, 0.9), customer(2, 0.5, 0.5)], total: { value: 2, lower: null, upper: null } };
    const m = tableModel(predictions);
    expect(m.caption).toBe("Expected purchases over 52 weeks");
    expect(m.rows).toEqual([
      ["expected purchases (all customers)", "2.00"],
      ["customers", "2"],
      ["mean per customer", "1.000"],
      ["mean P(alive) now (%)", "70.0"],
      ["mean P(alive) at the horizon (%)", "35.0"],
    ]);
  });

  it("an RFM summary is a summary of its columns, not a row per customer", () => {
    // Customer 1 buys on Jan 1 and Jan 5, customer 2 on Jan 3; observation end Jan 11 (days):
    // frequency 1 and 0, recency 4 and 0, T 10 and 8.
    const r = rfmSummary(
      [
        { customerId: 1, at: "2024-01-01" },
        { customerId: 1, at: "2024-01-05" },
        { customerId: 2, at: "2024-01-03" },
      ],
      { timeUnit: "days", observationEnd: "2024-01-11" },
    );
    expect(tableModel(r).rows).toEqual([
      ["frequency (repeat purchase days)", "2", "0.00", "0.50", "0.50", "1.00"],
      ["recency (days)", "2", "0.00", "2.00", "2.00", "4.00"],
      ["T (days)", "2", "8.00", "9.00", "9.00", "10.00"],
      ["monetary value", "0", "no data", "no data", "no data", "no data"],
    ]);
  });
});

describe("toTable: anything else", () => {
  it("arrays of plain objects: columns are the union of the keys, in first-seen order", () => {
    expect(tableModel([{ a: 1, b: "x" }, { a: 2.5, c: null }])).toEqual({
      caption: "Table",
      columns: [
        { label: "a", numeric: true },
        { label: "b", numeric: false },
        { label: "c", numeric: false },
      ],
      rows: [
        ["1", "x", "no data"],
        ["2.50", "no data", "no data"],
      ],
      rowCount: 2,
      footer: [],
      notes: [],
    });
  });

  it("any other object: a key / value table, one level of nesting flattened", () => {
    expect(tableModel({ foo: 1, bar: { x: 2.5, y: "z" }, list: [1, 2] }).rows).toEqual([
      ["foo", "1"],
      ["bar.x", "2.50"],
      ["bar.y", "z"],
      ["list", "2 items"],
    ]);
  });

  it("an empty table says no data in text and HTML", () => {
    const r = cohortRetention([], { asOf: "2024-03-31" });
    expect(toTable(r).split("\n").slice(0, 4)).toEqual(["Cohort retention (% of cohort) by month", "cohort  size  month 0", "------  ----  -------", "no data"]);
    expect(toTable(r, { format: "html" })).toContain('<tr class="cx-empty"><td colspan="3">no data</td></tr>');
  });

  it("every result of the library on empty input renders in both formats without throwing", () => {
    const from = "2024-01-01";
    const to = "2024-02-01";
    const emptyRfm = rfmSummary([]);
    const results: unknown[] = [
      nps([]),
      csat([]),
      ces([]),
      compareNps(nps([]), nps([])),
      breakdown(npsAggregator<{ c: string; v: number }>({ value: (r) => r.v }), [], { by: { c: (r) => r.c } }),
      comparePeriods(breakdown(npsAggregator<{ at: string; v: number }>({ value: (r) => r.v }), [], { period: { at: (r) => r.at, unit: "month" } })),
      breakdown(timeToResolutionAggregator(), [], { by: { team: () => "a" } }),
      timeToResolution([]),
      firstResponseTime([]),
      averageResponseTime([]),
      statusTime([], { measure: "onHold" }),
      slaAttainment([], { metric: "firstResponse", target: 3_600_000 }),
      reopenRate([]),
      oneTouchResolution([]),
      firstContactResolution([]),
      churnRate([], { from, to }),
      churnRateSeries([], { from, to, unit: "month" }),
      churnByReason([], { from, to, previous: { from: "2023-12-01", to: from } }),
      revenueChurn([], { from, to }),
      cohortRetention([], { asOf: to }),
      survivalCurve([], { asOf: to }),
      kaplanMeier([], []),
      quantileSketch([]),
      emptyRfm,
      fitBgNbd(emptyRfm),
      fitGammaGamma(emptyRfm),
      [],
      {},
      null,
      undefined,
    ];
    for (const r of results) {
      const text = toTable(r);
      const html = toTable(r, { format: "html" });
      expect(text).toContain("no data");
      expect(html.startsWith('<table class="cx-table">\n<caption>')).toBe(true);
      expect(html).toContain("no data");
    }
  });

  it("bad options throw InvalidOptionError up front", () => {
    expect(() => toTable(nps([]), { format: "csv" as "text" })).toThrow(InvalidOptionError);
    expect(() => toTable(nps([]), { digits: 1.5 })).toThrow(InvalidOptionError);
    expect(() => toTable(nps([]), { maxRows: -1 })).toThrow(InvalidOptionError);
    expect(toTable(nps([9]), { digits: 3, title: "Pulse" }).split("\n").slice(0, 1).concat(tableModel(nps([9]), { digits: 3 }).rows[0]!.slice(1))).toEqual(["Pulse", expect.stringMatching(/^100\.000 \[/)]);
  });
});

// ---------------------------------------------------------------- properties

interface Answer {
  k: string;
  v: number | null;
  t: number;
}

const KEY_CHARS = ["<", ">", "&", '"', "'", "a", "b", " ", "é", ";", "#"];
const label = fc.string({ unit: fc.constantFrom(...KEY_CHARS), minLength: 1, maxLength: 6 });
const answers = (keys: fc.Arbitrary<string>) =>
  fc.array(fc.record({ k: keys, v: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), t: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 5, 30) }) }), { maxLength: 40 });

const byKey = (name: string, rows: Answer[]) => breakdown(npsAggregator<Answer>({ value: (r) => r.v }), rows, { by: { [name]: (r) => r.k } });
const byKeyAndMonth = (rows: Answer[]) => breakdown(npsAggregator<Answer>({ value: (r) => r.v }), rows, { by: { k: (r) => r.k }, period: { at: (r) => r.t, unit: "month" }, complete: true });

const TAGS = /<\/?(table|caption|thead|tbody|tfoot|tr|th|td)( (class|scope|colspan)="[a-z0-9-]+")*>/g;
const unescape = (s: string): string => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("toTable: properties", () => {
  it("HTML escapes < & > \" ' in every label (key values, key names, the title): only our own tags are left", () => {
    fc.assert(
      fc.property(label, label, answers(label), (name, title, rows) => {
        const html = toTable(comparePeriods(breakdown(npsAggregator<Answer>({ value: (r) => r.v }), rows, { by: { [name]: (r) => r.k }, period: { at: (r) => r.t, unit: "month" } })), { format: "html", title, maxRows: Infinity });
        const text = html.replace(TAGS, "\n");
        expect(text).not.toMatch(/[<>"']/);
        expect(text.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        const cells = new Set(text.split("\n").map(unescape));
        for (const r of rows) expect(cells.has(r.k)).toBe(true);
        expect(cells.has(name)).toBe(true);
        expect(cells.has(title)).toBe(true);
      }),
      { seed: 81, numRuns: 150 },
    );
  });

  it("every row of a breakdown appears, in order, or is counted in the 'more rows' line (text and HTML)", () => {
    const keys = fc.constantFrom("north", "south", "east", "west", "x", "y7", "z");
    fc.assert(
      fc.property(answers(keys), fc.integer({ min: 0, max: 12 }), (rows, maxRows) => {
        const b = byKeyAndMonth(rows);
        const n = b.rows.length;
        const shown = Math.min(n, maxRows);
        const lines = toTable(b, { maxRows }).split("\n");
        const body = lines.slice(3, 3 + shown);
        expect(body.map((l) => l.split(/\s+/).slice(0, 2))).toEqual(b.rows.slice(0, shown).map((r) => [r.key["k"], r.period]));
        const next = lines[3 + shown]!;
        if (n > maxRows) expect(next).toBe(`... ${n - shown} more ${n - shown === 1 ? "row" : "rows"} not shown (${n} in all)`);
        else expect(next.startsWith("total") || next === "no data").toBe(true);
        const html = toTable(b, { format: "html", maxRows });
        const tbody = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        expect(tbody.split("<tr>").length - 1).toBe(shown);
        const more = /(\d+) more rows? not shown \((\d+) in all\)/.exec(tbody);
        expect(more ? Number(more[1]) + shown : shown).toBe(n);
      }),
      { seed: 82, numRuns: 150 },
    );
  });

  it("null scores render 'no data', other scores a number (complete grids have empty cells)", () => {
    fc.assert(
      fc.property(answers(fc.constantFrom("a", "b", "c")), (rows) => {
        const b = byKeyAndMonth(rows);
        const m = tableModel(b);
        const j = m.columns.findIndex((c) => c.label === "NPS (points)");
        b.rows.forEach((r, i) => {
          const cell = m.rows[i]![j]!;
          if (r.result.score === null) expect(cell).toBe("no data");
          else expect(cell).toMatch(/^-?\d+\.\d \[-?\d+\.\d, -?\d+\.\d\]$/);
        });
      }),
      { seed: 83, numRuns: 150 },
    );
  });

  it("the same input gives the identical string (also a structured clone of it), in both formats", () => {
    fc.assert(
      fc.property(label, answers(label), fc.constantFrom("text" as const, "html" as const), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), (name, rows, format, digits) => {
        const b = comparePeriods(byKeyAndMonth(rows));
        const options = { format, ...(digits === undefined ? {} : { digits }) };
        const s = toTable(b, options);
        expect(toTable(structuredClone(b), options)).toBe(s);
        expect(toTable(byKey(name, rows), options)).toBe(toTable(byKey(name, structuredClone(rows)), options));
      }),
      { seed: 84, numRuns: 100 },
    );
  });

  it("any JSON value (the fallbacks: arrays of objects, key / value tables) renders without throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom("text" as const, "html" as const), (value, format) => {
        const out = toTable(value, { format });
        expect(out.length).toBeGreaterThan(0);
      }),
      { seed: 85, numRuns: 300 },
    );
  });
});

describe("toTable: tree-shaking", () => {
  it("a bundle of toTable holds no chart code: only the table modules and the shared formatters of src/render", async () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
    const result = await build({
      stdin: { contents: 'import { toTable } from "./src/index.ts";\nconsole.log(toTable([]));\n', resolveDir: root, sourcefile: "consumer.ts", loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]!.inputs).map((p) => relative(root, resolve(root, p)));
    const render = inputs.filter((p) => p.startsWith("src/render/")).sort();
    expect(render).toEqual(["src/render/_svg.ts", "src/render/_tableCells.ts", "src/render/_tableModel.ts", "src/render/_textGrid.ts", "src/render/toTable.ts"]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toContain("<svg");
    expect(code).not.toContain("viewBox");
  });
});
