import { describe, expect, it } from "vitest";
import { churnReport } from "../../src/node/churnReport.ts";
import { formatChurnReport } from "../../src/node/formatChurnReport.ts";
import { runCli } from "../../src/node/runCli.ts";
import { generateSubscriptions, SAMPLE_CHURN_REASONS } from "../../src/sample/generateSubscriptions.ts";
import { churnRate } from "../../src/churn/churnRate.ts";
import { cohortRetention } from "../../src/churn/cohortRetention.ts";

const asOf = Date.UTC(2025, 0, 1);
const sample = generateSubscriptions({ seed: 3, customers: 3000, from: Date.UTC(2023, 0, 1), asOf });

describe("generateSubscriptions", () => {
  it("is seeded, keeps ends after starts, and gives reasons with the intended shares (some missing)", () => {
    expect(generateSubscriptions({ seed: 3, customers: 50, from: Date.UTC(2023, 0, 1), asOf })).toEqual(generateSubscriptions({ seed: 3, customers: 50, from: Date.UTC(2023, 0, 1), asOf }));
    const subs = sample.subscriptions;
    for (const s of subs) {
      expect(s.start).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
      if (s.end !== null) expect(s.end).toBeGreaterThanOrEqual(s.start);
    }
    // returning customers get a later, non-overlapping subscription: the strict one-shot functions accept the sample
    expect(subs.length).toBeGreaterThan(3000);
    expect(churnRate(subs, { from: Date.UTC(2024, 0, 1), to: asOf }).invalid).toBeNull();
    const ended = subs.filter((s) => s.end !== null);
    const missing = ended.filter((s) => s.reason === null).length / ended.length;
    expect(missing).toBeGreaterThan(0.04);
    expect(missing).toBeLessThan(0.13);
    const price = ended.filter((s) => s.reason === SAMPLE_CHURN_REASONS[0]!.reason).length / (ended.length * (1 - missing));
    expect(Math.abs(price - 0.3)).toBeLessThan(0.05);
  });

  it("churn drifts upwards: sign-ups of early 2024 leave within 90 days more often than those of early 2023", () => {
    // like for like (same tenure), so the drift is not hidden by the older base having shed its high-churn customers
    const big = generateSubscriptions({ seed: 3, customers: 20000, from: Date.UTC(2023, 0, 1), asOf, mrrEvents: false }).subscriptions;
    const early = (from: number, to: number): number => {
      const c = big.filter((s) => s.start >= from && s.start < to);
      return c.filter((s) => s.end !== null && s.end - s.start < 90 * 86_400_000).length / c.length;
    };
    expect(early(Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1)) / early(Date.UTC(2023, 0, 1), Date.UTC(2023, 6, 1))).toBeGreaterThan(1.1);
  });
});

describe("churn and retention report", () => {
  const report = churnReport(sample.subscriptions, sample.events, { asOf });
  it("holds the same figures as the library functions", () => {
    expect(report.lastMonth.start).toEqual(churnRate(sample.subscriptions, { from: Date.UTC(2024, 11, 1), to: asOf, onInvalid: "count" }));
    expect(report.cohorts).toEqual(cohortRetention(sample.subscriptions, { asOf, onInvalid: "count" }));
    expect(report.series.rows).toHaveLength(12);
    expect(report.series.rows[11]!.rate).toBe(report.lastMonth.start.rate);
    expect(report.revenue.rows[0]!.period).toBe("2024-01");
    // each month's MRR at end is the next month's MRR at start
    for (let i = 1; i < 12; i++) expect(report.revenue.rows[i]!.mrrAtStart).toBeCloseTo(report.revenue.rows[i - 1]!.mrrAtEnd, 6);
    expect(report.sbg!.fit.converged).toBe(true);
    expect(report.sbg!.cohort).toBe("2023-01");
  });
  it("formats every part as text", () => {
    const text = formatChurnReport(report);
    for (const heading of ["Customer churn in", "Monthly customer churn", "Churn by reason", "(no reason given)", "MRR movements per month", "Cohort retention", "Survival (Kaplan-Meier", "sBG model of cohort 2023-01"]) {
      expect(text).toContain(heading);
    }
    expect(formatChurnReport(report)).toBe(text);
  });
  it("cx-metrics report prints the section after the survey report, and puts it under `churn` in JSON", async () => {
    let out = "";
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => 0 } };
    expect(await runCli(["report", "--count", "500", "--seed", "4"], io)).toBe(0);
    expect(out).toContain("Churn and retention");
    out = "";
    expect(await runCli(["report", "--count", "500", "--seed", "4", "--format", "json"], io)).toBe(0);
    const json = JSON.parse(out) as { churn: { cohorts: { metric: string } }; nps: unknown };
    expect(json.churn.cohorts.metric).toBe("cohort-retention");
    expect(json.nps).toBeDefined();
  });
});
