/**
 * The CLI behind the quick start (`npm run report` runs `cx-metrics report`): exit codes, usage errors, file input
 * with line-numbered errors, invalid answers counted and shown, JSON output equal to the library's own functions,
 * and the sample's drifts visible in the report (issue 3, point 2).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/node/runCli.ts";
import { surveyReport, type SurveyReport } from "../../src/node/surveyReport.ts";
import { formatSurveyReport } from "../../src/node/formatSurveyReport.ts";
import { generateSurveySample } from "../../src/sample/generateSurveySample.ts";
import { nps } from "../../src/survey/nps.ts";
import { csat } from "../../src/survey/csat.ts";
import { ces } from "../../src/survey/ces.ts";

const dir = mkdtempSync(join(tmpdir(), "cx-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("cx-metrics report on the bundled sample", () => {
  it("prints every section and exits 0", async () => {
    const { code, out, err } = await run("report", "--count", "4000");
    expect(err).toBe("");
    expect(code).toBe(0);
    for (const heading of ["Overall", "NPS by month", "NPS by channel x month", "NPS by touchpoint x month", "CSAT by channel x month", "CES by channel x month", "No invalid records."]) {
      expect(out).toContain(heading);
    }
    expect(out).toContain("4,000 records");
  });

  it("JSON output holds exactly what the metric functions compute", async () => {
    const { code, out } = await run("report", "--count", "3000", "--seed", "7", "--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(out) as SurveyReport;
    const sample = generateSurveySample({ seed: 7, count: 3000 });
    expect(report.nps.overall).toEqual(nps(sample, { value: (r) => r.nps, onInvalid: "count" }));
    expect(report.csat.overall).toEqual(csat(sample, { value: (r) => r.csat, onInvalid: "count" }));
    expect(report.ces.overall).toEqual(ces(sample, { value: (r) => r.ces, onInvalid: "count" }));
    // each channel x month cell is NPS over exactly that channel's answers in that UTC month
    const chatMarch = sample.filter((r) => r.channel === "chat" && r.at.startsWith("2025-03"));
    const row = report.nps.bySegment["channel"]!.rows.find((r) => r.key["channel"] === "chat" && r.period === "2025-03");
    expect(row?.result).toEqual(nps(chatMarch, { value: (r) => r.nps, onInvalid: "count" }));
  });

  it("shows the sample's drifts: chat NPS rises and billing NPS falls over the year, both significant", () => {
    const report = surveyReport(generateSurveySample() as unknown as Record<string, unknown>[], { by: ["channel", "touchpoint"] });
    const score = (field: string, key: string, period: string): number | null =>
      report.nps.bySegment[field]!.rows.find((r) => r.key[field] === key && r.period === period)!.result.score;
    expect(score("channel", "chat", "2025-12")! - score("channel", "chat", "2025-01")!).toBeGreaterThan(20);
    expect(score("touchpoint", "billing", "2025-12")! - score("touchpoint", "billing", "2025-01")!).toBeLessThan(-20);
    const text = formatSurveyReport(report);
    const lastRow = (heading: string): string => text.split(heading)[1]!.split("\n").find((l) => l.trim().startsWith("first to last"))!;
    // first column of the channel grid is app, then chat; of the touchpoint grid billing comes first
    expect(lastRow("NPS by channel x month").split(/\s{2,}/)[3]).toMatch(/^\+\d+\.\d ▲ \(p < 0\.001\)$/);
    expect(lastRow("NPS by touchpoint x month").split(/\s{2,}/)[2]).toMatch(/^-\d+\.\d ▼ \(p < 0\.001\)$/);
  });

  it("is deterministic", async () => {
    const a = await run("report", "--count", "1500", "--period", "quarter", "--time-zone", "Europe/Berlin");
    const b = await run("report", "--count", "1500", "--period", "quarter", "--time-zone", "Europe/Berlin");
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toContain("2025-Q1");
  });
});

describe("cx-metrics usage errors exit 2 with a message", () => {
  it.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["report", "--period", "fortnight"], '--period is "fortnight"'],
    [["report", "--format", "xml"], '--format is "xml"'],
    [["report", "--level", "abc"], '--level is "abc"'],
    [["report", "--count", "1.5"], '--count is "1.5"'],
    [["report", "--count=-3"], "--count is -3"],
    [["report", "--nope"], "Unknown option '--nope'"],
    [["generate", "extra"], 'unexpected argument "extra"'],
    [["report", "--input", "x.json", "--seed", "3"], "do not apply with --input"],
  ])("%j", async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
    expect(err).toContain('Run "cx-metrics help"');
  });

  it("an option the library refuses is bad usage (exit 2) with the library's message", async () => {
    const { code, err } = await run("report", "--count", "10", "--level", "1.5");
    expect(code).toBe(2);
    expect(err).toContain('option "level" is 1.5, expected a number strictly between 0 and 1');
    const zone = await run("report", "--count", "10", "--time-zone", "Mars/Olympus");
    expect(zone.code).toBe(2);
    expect(zone.err).toContain("expected an IANA time zone");
  });

  it("help and version", async () => {
    expect((await run("help")).out).toContain("Usage: cx-metrics <command>");
    expect((await run()).out).toContain("Usage: cx-metrics <command>");
    expect((await run("--version")).out).toMatch(/^cx-metrics \d+\.\d+\.\d+\n$/);
  });
});

describe("cx-metrics report --input", () => {
  const rows = [
    { at: "2025-01-05T10:00:00Z", nps: 10, csat: 5, ces: 7, channel: "chat" },
    { at: "2025-01-06T10:00:00Z", nps: 3, csat: 2, ces: 2, channel: "email" },
    { at: "2025-02-01T10:00:00Z", nps: null, csat: 4, ces: 6, channel: "chat" },
    { at: "2025-02-02T10:00:00Z", nps: 11, csat: 9, ces: 0, channel: "chat" },
    { at: "not a date", nps: 9, csat: 5, ces: 5, channel: "chat" },
  ];

  it("reads JSON and NDJSON the same, counts missing and invalid answers and shows them", async () => {
    const json = await run("report", "--input", file("a.json", JSON.stringify(rows)), "--by", "channel", "--format", "json");
    const ndjson = await run("report", "--input", file("a.ndjson", `\uFEFF${rows.map((r) => JSON.stringify(r)).join("\r\n")}\n\n`), "--by", "channel", "--format", "json");
    expect(json.code).toBe(0);
    expect(ndjson.out).toBe(json.out);
    const report = JSON.parse(json.out) as SurveyReport;
    expect(report.records).toBe(5);
    expect(report.nps.overall).toMatchObject({ n: 3, missing: 1, invalid: { count: 1, examples: [{ index: 3, field: "score", value: 11 }] } });
    expect(report.nps.byPeriod.invalid).toMatchObject({ count: 1, examples: [{ index: 4, field: "at", value: "not a date" }] });
    const text = await run("report", "--input", join(dir, "a.json"), "--by", "channel");
    expect(text.out).toContain("Invalid records");
    expect(text.out).toContain('record 3 field "score" is 11, expected an integer from 0 to 10');
    expect(text.out).toContain('record 4 field "at" is "not a date"');
  });

  it("--strict stops at the first invalid answer with its position", async () => {
    const { code, err } = await run("report", "--input", join(dir, "a.json"), "--strict");
    expect(code).toBe(3);
    expect(err).toContain('record 3 field "score" is 11');
  });

  it("reads other field names", async () => {
    const renamed = rows.slice(0, 2).map((r) => ({ when: r.at, likely: r.nps, sat: r.csat, effort: r.ces, channel: r.channel }));
    const path = file("renamed.json", JSON.stringify(renamed));
    const { code, out } = await run("report", "--input", path, "--at-field", "when", "--nps-field", "likely", "--csat-field", "sat", "--ces-field", "effort", "--by", "channel", "--format", "json");
    expect(code).toBe(0);
    expect((JSON.parse(out) as SurveyReport).nps.overall).toMatchObject({ n: 2, score: 0 });
  });

  it("a segment with no answers in a period reads 'no data', and an empty file gives a report without scores", async () => {
    const { out } = await run("report", "--input", join(dir, "a.json"), "--by", "channel");
    const grid = out.split("NPS by channel x month")[1]!.split("\n\n")[0]!;
    expect(grid.split("\n").find((l) => l.trim().startsWith("2025-02"))).toContain("no data"); // email in February
    const empty = await run("report", "--input", file("empty.json", "[]"));
    expect(empty.code).toBe(0);
    expect(empty.out).toContain("0 records");
    expect(empty.out).toMatch(/NPS\s+no data/);
  });

  it("a broken file is an error with its line, never skipped", async () => {
    const bad = await run("report", "--input", file("bad.ndjson", '{"nps": 9}\n\n{"nps": 10,}\n'));
    expect(bad.code).toBe(3);
    expect(bad.err).toContain("bad.ndjson:3: not valid JSON");
    const scalar = await run("report", "--input", file("scalar.ndjson", '{"nps": 9}\n42\n'));
    expect(scalar.err).toContain("scalar.ndjson:2: the line is a number, expected a JSON object");
    const notArray = await run("report", "--input", file("obj.json", '{"nps": 9}'));
    expect(notArray.err).toContain("expected a JSON array of records, got an object");
    const element = await run("report", "--input", file("el.json", '[{"nps": 9}, null]'));
    expect(element.err).toContain("element 1 is null, expected an object");
    const missing = await run("report", "--input", join(dir, "nope.json"));
    expect(missing.code).toBe(4);
    expect(missing.err).toContain("cannot read");
    const csv = await run("report", "--input", file("x.csv", "a,b\n"));
    expect(csv.err).toContain("expected a .json, .ndjson or .jsonl file");
  });
});

describe("records left out of segment tables are reported (found in review)", () => {
  it("a record whose segment cannot be read is counted in the invalid section, not silently missing", async () => {
    const path = file("odd-segment.ndjson", [{ at: "2025-01-05T10:00:00Z", nps: 9, channel: "chat" }, { at: "2025-01-06T10:00:00Z", nps: 10, channel: { x: 1 } }].map((r) => JSON.stringify(r)).join("\n"));
    const { code, out } = await run("report", "--input", path, "--by", "channel");
    expect(code).toBe(0);
    expect(out).not.toContain("No invalid records.");
    expect(out).toContain("channel or at (the channel x month tables): 1");
    expect(out).toContain('record 1 field "channel" is "[object Object]"');
  });
});
