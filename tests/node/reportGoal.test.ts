/**
 * The goal section of `cx-metrics report` (issue 8, point 3): a CSAT goal on the bundled sample, baseline = the
 * first month's CSAT, target = baseline + 3 points, deadline = the end of the quarter after the last answer
 * (2026-Q1 for the 2025 sample), in text and in the JSON under "goal"; --goal-target and --goal-deadline.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/node/runCli.ts";
import type { SurveyReport } from "../../src/node/surveyReport.ts";
import { generateSurveySample } from "../../src/sample/generateSurveySample.ts";
import { csat } from "../../src/survey/csat.ts";
import type { GoalProgress } from "../../src/goals/goalProgress.ts";

const dir = mkdtempSync(join(tmpdir(), "cx-goal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

type WithGoal = SurveyReport & { goal: GoalProgress | null };

describe("the CSAT goal of the report", () => {
  it("JSON: baseline = January's CSAT, target + 3 points, deadline the end of 2026-Q1, one point per month", async () => {
    const { code, out } = await run("report", "--count", "3000", "--seed", "7", "--format", "json");
    expect(code).toBe(0);
    const { goal, csat: reported } = JSON.parse(out) as WithGoal;
    const january = generateSurveySample({ seed: 7, count: 3000 }).filter((r) => r.at.startsWith("2025-01"));
    const baseline = csat(january, { value: (r) => r.csat, onInvalid: "count" }).score!;
    expect(goal).toMatchObject({ metric: "goal-progress", baseline, direction: "increase", deadline: "2026-04-01T00:00:00.000Z", level: 0.95, missing: 0 });
    expect(goal!.target).toBeCloseTo(baseline + 3, 12);
    expect(goal!.points.map((p) => p.period)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"]);
    expect(goal!.points.map((p) => p.score)).toEqual(reported.byPeriod.rows.map((r) => r.result.score));
    expect(goal!.points[0]!.at).toBe("2025-01-16T12:00:00.000Z"); // January's midpoint
    expect(goal!.current!.period).toBe("2025-12");
    expect(goal!.trend!.n).toBe(12);
    expect(["on-track", "off-track", "uncertain", "achieved"]).toContain(goal!.status);
  });

  it("text: the goal section follows the survey report and states how the goal was chosen", async () => {
    const { code, out } = await run("report", "--count", "3000");
    expect(code).toBe(0);
    const section = out.split("\nCSAT goal\n")[1]!.split("\n\n")[0]!;
    expect(out.indexOf("CSAT goal")).toBeLessThan(out.indexOf("Tickets"));
    expect(section).toContain("Baseline: CSAT of 2025-01 (the first month with answers); target: the baseline + 3 points; deadline: the end of 2026-Q1");
    expect(section).toMatch(/Raise CSAT from \d+\.\d% to \d+\.\d% by 2026-04-01T00:00:00\.000Z\./);
    expect(section).toMatch(/Current: \d+\.\d% \(2025-12\)/);
    expect(section).toMatch(/At the deadline the trend gives \d+\.\d% \[\d+\.\d, \d+\.\d\] \(95% confidence interval of the trend line, not of one period\)/);
    expect(section).toMatch(/Status: (on track|off track|uncertain|achieved)/);
  });

  it("--goal-target and --goal-deadline set the goal; a fall is a decrease goal; --out writes the file", async () => {
    const path = join(dir, "goal.json");
    const { code, out } = await run("report", "--count", "2000", "--format", "json", "--goal-target", "50", "--goal-deadline", "2026-06-30", "--out", path);
    expect(code).toBe(0);
    expect(out).toBe("");
    const { goal } = JSON.parse(readFileSync(path, "utf8")) as WithGoal;
    expect(goal).toMatchObject({ target: 50, direction: "decrease", deadline: "2026-06-30T00:00:00.000Z" });
  });

  it("a deadline in the report's zone, and usage errors exit 2", async () => {
    const berlin = await run("report", "--count", "500", "--format", "json", "--time-zone", "Europe/Berlin");
    expect((JSON.parse(berlin.out) as WithGoal).goal!.deadline).toBe("2026-03-31T22:00:00.000Z"); // 2026-04-01 00:00 CEST
    for (const [args, message] of [
      [["--goal-target", "high"], '--goal-target is "high"'],
      [["--goal-deadline", "2024-01-01"], "before the first point"],
      [["--goal-deadline", "soon"], 'option "deadline" is "soon"'],
    ] as const) {
      const r = await run("report", "--count", "300", ...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
    }
  });

  it("records without CSAT: no goal, said so", async () => {
    const path = join(dir, "n.json");
    writeFileSync(path, JSON.stringify([{ at: "2025-01-05", nps: 9 }]));
    const text = await run("report", "--input", path, "--by", "channel");
    expect(text.out).toContain("CSAT goal\n  No period has a CSAT score: no baseline for a goal.");
    const json = await run("report", "--input", path, "--by", "channel", "--format", "json");
    expect((JSON.parse(json.out) as WithGoal).goal).toBeNull();
  });
});
