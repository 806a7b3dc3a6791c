/**
 * `cx-metrics report --format html` (issue 8, point 4): one self-contained page from the built CLI, with a chart
 * per section (each an accessible <svg> with its <title>), no script, no external URL, and the same bytes on every
 * run; the figures on the page are the library's.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useBuiltCli } from "./buildCli.ts";
import { runCli } from "../../src/node/runCli.ts";
import { generateSurveySample } from "../../src/sample/generateSurveySample.ts";
import { nps } from "../../src/survey/nps.ts";
import { csat } from "../../src/survey/csat.ts";
import { clvReport } from "../../src/node/clvReport.ts";
import { checkSvg } from "../render/svgCheck.ts";

// useBuiltCli's beforeAll (the build) is registered first, so it runs before the one below
const { dir, cli } = useBuiltCli("cx-html-");
let page: string;
let again: string;

beforeAll(async () => {
  const a = await cli("report", "--count", "2000", "--seed", "11", "--format", "html", "--out", "a.html");
  const b = await cli("report", "--count", "2000", "--seed", "11", "--format", "html", "--out", "b.html");
  expect(a).toMatchObject({ code: 0, out: "", err: "" });
  expect(b.code).toBe(0);
  page = readFileSync(join(dir, "a.html"), "utf8");
  again = readFileSync(join(dir, "b.html"), "utf8");
});

const svgs = (html: string): string[] => html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
const titleOf = (svg: string): string => /<title[^>]*>([^<]*)<\/title>/.exec(svg)?.[1] ?? "";

describe("cx-metrics report --format html", () => {
  it("is one HTML page in English with a heading per section", () => {
    expect(page.startsWith("<!doctype html>\n<html lang=\"en\">")).toBe(true);
    expect(page.trimEnd().endsWith("</html>")).toBe(true);
    const h2 = [...page.matchAll(/<h2 id="([a-z]+)-heading">([^<]*)<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(h2).toEqual([
      ["survey", "Survey: NPS, CSAT and CES"],
      ["goal", "CSAT goal"],
      ["tickets", "Tickets"],
      ["churn", "Churn and retention"],
      ["clv", "Customer lifetime value"],
    ]);
  });

  it("is self-contained: no script, no external URL or resource, inline CSS only", () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:\/\//i);
    expect(page).not.toMatch(/<link\b|<img\b|<iframe\b|<object\b|<embed\b|@import/i);
    // the only references are to the page itself: section links, the heatmap's hatch pattern
    for (const m of page.matchAll(/\burl\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    for (const m of page.matchAll(/\b(?:href|src)="([^"]*)"/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it("has one accessible <svg> per chart, each with its <title>, and no id twice on the page", () => {
    const charts = svgs(page);
    expect(charts.map(titleOf)).toEqual([
      "NPS by month",
      "CES by month",
      "NPS by channel",
      "NPS by touchpoint",
      "NPS answers",
      "CSAT answers",
      "CES answers",
      "CSAT by month and the goal",
      "Time to resolution (business hours)",
      "First response time (business hours)",
      "Customer survival by tenure (Kaplan-Meier)",
      "Retention by monthly cohort",
      "Expected 12-month CLV by customer decile",
    ]);
    // each chart is the library's well-formed, accessible SVG (the namespace attribute is dropped inline)
    for (const svg of charts) checkSvg(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" '));
    const ids = [...page.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page).not.toMatch(/NaN|undefined|Infinity|\[object Object\]/);
  });

  it("is byte-identical across runs", () => {
    expect(again).toBe(page);
  });

  it("shows the library's figures: overall NPS and CSAT with their intervals", () => {
    const sample = generateSurveySample({ seed: 11, count: 2000 });
    const shown = (r: { score: number | null; ci: { lower: number; upper: number } | null }): string => `${r.score!.toFixed(1)} [${r.ci!.lower.toFixed(1)}, ${r.ci!.upper.toFixed(1)}]`;
    expect(page).toContain(shown(nps(sample, { value: (r) => r.nps, onInvalid: "count" })));
    expect(page).toContain(shown(csat(sample, { value: (r) => r.csat, onInvalid: "count" })));
    // the CLV chart's customers are fitted as the CLV section's: the same base total as clvReport
    const total = clvReport().clv!.total;
    expect(page).toContain(`${total.value.toFixed(2)} [${total.lower!.toFixed(2)}, ${total.upper!.toFixed(2)}]`);
  });
});

describe("the html report on other input", () => {
  it("records from a file: survey and goal sections only; an empty file gives a page without scores", async () => {
    const run = async (...argv: string[]): Promise<{ code: number; out: string }> => {
      let out = "";
      const code = await runCli(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true } });
      return { code, out };
    };
    const path = join(dir, "few.json");
    writeFileSync(path, JSON.stringify([{ at: "2025-01-05", nps: 9, csat: 4, ces: 6, channel: "chat" }, { at: "2025-02-05", nps: 3, csat: 2, ces: 2, channel: "email" }]));
    const few = await run("report", "--input", path, "--by", "channel", "--format", "html");
    expect(few.code).toBe(0);
    expect([...few.out.matchAll(/<h2 id="([a-z]+)-heading">/g)].map((m) => m[1])).toEqual(["survey", "goal"]);
    // January's CSAT is 100% (one answer of 4): baseline + 3 would be off the scale, so there is no default goal
    expect(few.out).toContain("The CSAT of 2025-01 is already 100%: no higher default target (give one with --goal-target).");
    // 98.5% (66 of 67 satisfied): the default target stops at 100%
    const near = join(dir, "near.json");
    writeFileSync(near, JSON.stringify([...Array.from({ length: 67 }, (_, i) => ({ at: "2025-01-05", csat: i === 0 ? 2 : 5 })), { at: "2025-02-05", csat: 5 }, { at: "2025-03-05", csat: 5 }]));
    const nearJson = await run("report", "--input", near, "--format", "json");
    expect(nearJson.code).toBe(0);
    const goal = (JSON.parse(nearJson.out) as { goal: { baseline: number; target: number } }).goal;
    expect(goal.baseline).toBeCloseTo((66 / 67) * 100, 10);
    expect(goal.target).toBe(100);
    const emptyPath = join(dir, "empty.json");
    writeFileSync(emptyPath, "[]");
    const empty = await run("report", "--input", emptyPath, "--format", "html");
    expect(empty.code).toBe(0);
    expect(empty.out).toContain("No period has a CSAT score: no baseline for a goal.");
    expect(empty.out).not.toMatch(/NaN|undefined|<script/);
    // review8: every trend chart has its figures as a table too (CES and CSAT by period were only in the chart
    // and in the collapsed text report): the table follows its chart
    const captions = [...few.out.matchAll(/<caption>([^<]*)<\/caption>/g)].map((m) => m[1]);
    expect(captions).toContain("NPS by month");
    expect(captions).toContain("CES by month");
    expect(captions).toContain("CSAT by month");
    const chart = few.out.search(/<title[^>]*>CES by month<\/title>/);
    expect(chart).toBeGreaterThan(0);
    expect(few.out.indexOf("<caption>CES by month</caption>")).toBeGreaterThan(chart);
  });
});
