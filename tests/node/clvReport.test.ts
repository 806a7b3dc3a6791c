import { describe, expect, it } from "vitest";
import { clvReport } from "../../src/node/clvReport.ts";
import { formatClvReport } from "../../src/node/formatClvReport.ts";
import { runCli } from "../../src/node/runCli.ts";

describe("CLV section of cx-metrics report (bundled CDNOW sample)", () => {
  const report = clvReport();

  it("summarises the calibration period and fits Gamma-Gamma with the published CDNOW values (p 6.25, q 3.74, gamma 15.44)", () => {
    expect(report.rfm.customers).toBe(2357);
    expect(report.rfm.repeatCustomers).toBe(946);
    expect(report.calibrationEnd).toBe("1997-09-30");
    expect(report.observationEnd).toBe("1998-06-30");
    expect(report.rfm.durationHoldout).toBeCloseTo(39, 12);
    const g = report.gammaGamma;
    if (!g.fitted) throw new Error("not fitted");
    expect([g.p, g.q].map((v) => Math.round(v * 100) / 100)).toEqual([6.25, 3.74]);
    expect(Math.abs(g.gamma - 15.448)).toBeLessThanOrEqual(0.01);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("fits BG/NBD on the calibration period with FHL 2005's values and checks it on the holdout by decile", () => {
    const b = report.bgNbd;
    // Fader, Hardie & Lee (2005), CDNOW sample in weeks: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4
    expect([b.r, b.alpha, b.a, b.b].map((v) => Math.round(v! * 1000) / 1000)).toEqual([0.243, 4.414, 0.793, 2.426]);
    expect(Math.round(b.logLikelihood! * 10) / 10).toBe(-9582.4);
    const h = report.holdout!;
    expect(h.byDecile).toHaveLength(10);
    expect(h.byDecile.reduce((s, d) => s + d.customers, 0)).toBe(2357);
    expect(h.byDecile.reduce((s, d) => s + d.actual, 0)).toBe(h.actual);
    expect(h.byDecile.reduce((s, d) => s + d.predicted, 0)).toBeCloseTo(h.predicted, 9);
    // deciles are ordered by the expectation
    for (let d = 1; d < 10; d++) expect(h.byDecile[d]!.predicted).toBeLessThanOrEqual(h.byDecile[d - 1]!.predicted);
    expect(report.probabilityAlive.max).toBeLessThanOrEqual(1);
  });

  it("values the base with clv-b's customerLifetimeValue, by decile of CLV", () => {
    const v = report.clv!;
    expect(v.months).toBe(12);
    expect(v.byDecile.reduce((s, d) => s + d.customers, 0)).toBe(2357);
    expect(v.byDecile.reduce((s, d) => s + d.shareOfTotal, 0)).toBeCloseTo(1, 9);
    expect(v.byDecile.reduce((s, d) => s + d.meanClv * d.customers, 0)).toBeCloseTo(v.total.value, 6);
    for (let d = 1; d < v.byDecile.length; d++) expect(v.byDecile[d]!.meanClv).toBeLessThanOrEqual(v.byDecile[d - 1]!.meanClv);
    expect(v.total.lower!).toBeLessThan(v.total.value);
    expect(v.total.upper!).toBeGreaterThan(v.total.value);
  });

  it("prints the section after the survey report, with parameters, standard errors and the independence check", async () => {
    const text = formatClvReport(report);
    expect(text).toMatch(/^Customer lifetime value\n/);
    expect(text).toContain("2,357 customers");
    expect(text).toMatch(/p\s+6\.25\d/);
    expect(text).toContain("independence check: correlation of frequency and mean spend 0.114");
    expect(text).toMatch(/CLV over the 12 months after 1997-09-30/);
    expect(text).toMatch(/r\s+0\.243/);
    let out = "";
    const code = await runCli(["report", "--count", "500"], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => undefined } });
    expect(code).toBe(0);
    expect(out.indexOf("Customer lifetime value")).toBeGreaterThan(out.indexOf("cx-metrics survey report"));
  });

  it("an empty transaction log gives a report without a fit, never a throw", () => {
    const empty = clvReport([]);
    expect(empty.rfm.customers).toBe(0);
    expect(empty.gammaGamma.fitted).toBe(false);
    expect(empty.bgNbd.fitted).toBe(false);
    expect(empty.holdout).toBeNull();
    expect(empty.clv).toBeNull();
    expect(formatClvReport(empty)).toContain("not fitted");
  });
});
