/**
 * The CLI as a child process (issue 7, point 5): `generate` writes the same bytes for the same seed; `report
 * --format json` prints what the library computes when called directly on the same file; rejects files hold every
 * row that did not count (their count plus the accepted and missing rows is the input's row count); a parallel run
 * prints the same as one thread, also when quoted line breaks straddle the split points; usage and data errors exit
 * with their codes and one line.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { npsAggregator } from "../../src/survey/nps.ts";
import { csatAggregator } from "../../src/survey/csat.ts";
import { useBuiltCli } from "./buildCli.ts";

const { dir, cli, built } = useBuiltCli("cx-cli-process-");

async function records(path: string, columns: Record<string, "number" | "instant">): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of decodeCsv(readFileSync(path), { columns })) out.push(r as Record<string, unknown>);
  return out;
}

describe("cx-metrics generate", () => {
  it("writes the same bytes for the same seed, other bytes for another, to a file or stdout", async () => {
    const a = await cli("generate", "--kind", "survey", "--rows", "5000", "--seed", "3", "--out", "a.csv");
    expect(a).toMatchObject({ code: 0, out: "", err: "" });
    const b = await cli("generate", "--rows", "5000", "--seed", "3");
    expect(b.out).toBe(readFileSync(join(dir, "a.csv"), "utf8"));
    const c = await cli("generate", "--rows", "5000", "--seed", "4");
    expect(c.out).not.toBe(b.out);
    const lines = b.out.split("\n");
    expect(lines[0]).toBe("id,at,segment,channel,touchpoint,nps,csat,ces");
    expect(lines).toHaveLength(5002); // header, 5000 rows, and the final line break
  });

  it("an unknown kind is a usage error that lists the kinds", async () => {
    const r = await cli("generate", "--kind", "orders");
    expect(r.code).toBe(2);
    expect(r.err).toContain("expected one of survey, tickets, subscriptions, transactions");
  });
});

describe("cx-metrics report FILE --metric", () => {
  it("--format json prints the library's breakdown result, with 1 and 3 workers", async () => {
    await cli("generate", "--rows", "30000", "--seed", "11", "--out", "s.csv");
    const path = join(dir, "s.csv");
    const rows = await records(path, { nps: "number", csat: "number", at: "instant" });
    const expected = breakdown(npsAggregator({ value: (r: Record<string, unknown>) => r["nps"] }), rows, {
      by: { segment: (r) => r["segment"] },
      period: { at: (r) => r["at"], unit: "isoWeek", timeZone: "Europe/Berlin" },
    });
    for (const workers of ["1", "3"]) {
      const r = await cli("report", "s.csv", "--metric", "nps", "--by", "segment", "--period", "isoWeek", "--tz", "Europe/Berlin", "--format", "json", "--workers", workers);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(r.err).toBe(`cx-metrics: 30,000 rows read = ${expected.total.n.toLocaleString("en-US")} accepted + ${expected.total.missing.toLocaleString("en-US")} missing + 0 rejected\n`);
    }
    const csat = await cli("report", "s.csv", "--metric", "csat", "--by", "channel,touchpoint", "--format", "json");
    const expectedCsat = breakdown(csatAggregator({ value: (r: Record<string, unknown>) => r["csat"] }), rows, { by: { channel: (r) => r["channel"], touchpoint: (r) => r["touchpoint"] } });
    expect(JSON.parse(csat.out)).toEqual(JSON.parse(JSON.stringify(expectedCsat)));
  });

  it("every format prints the same groups; --out writes the file", async () => {
    const args = ["report", "s.csv", "--metric", "nps", "--by", "channel", "--period", "quarter"];
    const json = JSON.parse((await cli(...args, "--format", "json")).out) as { rows: { key: { channel: string }; period: string; result: { score: number } }[] };
    const csv = (await cli(...args, "--format", "csv")).out.trim().split("\n");
    expect(csv).toHaveLength(json.rows.length + 2);
    expect(csv[1]!.split(",").slice(0, 5)).toEqual(["group", json.rows[0]!.key.channel, json.rows[0]!.period, expect.any(String), String(json.rows[0]!.result.score)]);
    const nd = (await cli(...args, "--format", "ndjson")).out.trim().split("\n").map((l) => JSON.parse(l) as unknown);
    expect(nd.slice(0, -1)).toEqual(json.rows);
    const table = (await cli(...args)).out;
    expect(table).toContain(json.rows[0]!.result.score.toFixed(1));
    const html = await cli(...args, "--format", "html", "--out", "r.html");
    expect(html.out).toBe("");
    expect(readFileSync(join(dir, "r.html"), "utf8")).toContain(`<td>${json.rows[0]!.key.channel}</td>`);
  });

  it("--on-invalid count: the rejects file lists every row that did not count, with its line; rows = accepted + missing + rejected", async () => {
    const lines = ["at,segment,nps"];
    for (let i = 0; i < 1000; i++) lines.push(`2025-0${1 + (i % 9)}-10T12:00:00Z,${i % 3 === 0 ? '"multi\nline"' : "s"},${i % 10}`);
    lines[10] = "2025-01-10T12:00:00Z,s,11"; // line 11
    lines[20] = "2025-01-10T12:00:00Z,s"; // too few fields
    lines[30] = "yesterday,s,3";
    lines[40] = "2025-01-10T12:00:00Z,s,"; // missing: counted, not rejected
    writeFileSync(join(dir, "bad.csv"), `${lines.join("\n")}\n`);
    // the physical line of lines[k]: 1-based, plus one for each earlier row that holds a line break
    const starts: number[] = [];
    lines.reduce((line, text, k) => ((starts[k] = line), line + 1 + (text.match(/\n/g)?.length ?? 0)), 1);
    const physical = (k: number): number => starts[k]!;
    for (const workers of ["1", "2"]) {
      const r = await cli("report", "bad.csv", "--metric", "nps", "--period", "month", "--on-invalid", "count", "--rejects", "rejects.ndjson", "--workers", workers, "--format", "json");
      expect(r.code).toBe(0);
      const rejects = readFileSync(join(dir, "rejects.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { line: number; reason: string; raw: string });
      expect(rejects.map((x) => x.line)).toEqual([physical(10), physical(20), physical(30)]);
      expect(rejects[0]!.reason).toContain("expected an integer from 0 to 10");
      expect(rejects[1]).toMatchObject({ raw: "2025-01-10T12:00:00Z,s" });
      expect(rejects[1]!.reason).toContain("fields");
      const result = JSON.parse(r.out) as { total: { n: number; missing: number } };
      expect(result.total.n + result.total.missing + rejects.length).toBe(1000);
      expect(r.err).toContain(`1,000 rows read = ${result.total.n} accepted + ${result.total.missing} missing + 3 rejected (see rejects.ndjson)`);
    }
    // by default the first bad row stops the run, naming its line: exit 3
    const strict = await cli("report", "bad.csv", "--metric", "nps", "--period", "month");
    expect(strict.code).toBe(3);
    expect(strict.err).toBe(`cx-metrics: bad.csv: line ${physical(10)}: column "nps" is 11, expected an integer from 0 to 10 (run with --on-invalid count to count bad rows and go on)\n`);
  });

  it("a file whose quoted fields hold line breaks gives the same output with 1 to 5 workers", async () => {
    const rows = ["id,at,segment,note,nps"];
    for (let i = 0; i < 3000; i++) rows.push(`${i},2025-02-${String(1 + (i % 28)).padStart(2, "0")}T08:00:00Z,${["a", "b", "c"][i % 3]},"${"x\n".repeat(i % 4)}say ""hi""",${(i * 7) % 11}`);
    writeFileSync(join(dir, "quoted.csv"), `${rows.join("\r\n")}\r\n`);
    const outs = [];
    for (const w of ["1", "2", "3", "5"]) outs.push((await cli("report", "quoted.csv", "--metric", "nps", "--by", "segment", "--period", "isoWeek", "--format", "json", "--workers", w)).out);
    expect(new Set(outs).size).toBe(1);
    expect((JSON.parse(outs[0]!) as { total: { n: number } }).total.n).toBe(3000);
  });

  it("stdin and the bundled sample", async () => {
    const fromStdin = await new Promise<string>((resolve) => {
      const child = execFile(process.execPath, [built().cli, "report", "-", "--metric", "ces", "--format", "json"], { cwd: dir }, (_e, out) => resolve(out));
      child.stdin!.end("at,ces\n2025-01-01T00:00:00Z,7\n2025-01-02T00:00:00Z,5\n");
    });
    expect((JSON.parse(fromStdin) as { total: { score: number } }).total.score).toBe(6);
    const ndjsonStdin = await new Promise<string>((resolve) => {
      const child = execFile(process.execPath, [built().cli, "report", "-", "--metric", "ces", "--input-format", "ndjson", "--format", "json"], { cwd: dir }, (_e, out) => resolve(out));
      child.stdin!.end('{"ces":7}\n{"ces":4}\n');
    });
    expect((JSON.parse(ndjsonStdin) as { total: { score: number } }).total.score).toBe(5.5);
    const sample = await cli("report", "--metric", "nps", "--by", "channel", "--count", "2000");
    expect(sample.code).toBe(0);
    expect(sample.err).toContain("2,000 rows read");
    expect(sample.err).toContain("(the bundled sample)");
  });
});

describe("several files", () => {
  it("are merged into one result; rejects name their file", async () => {
    writeFileSync(join(dir, "one.csv"), "at,nps\n2025-01-01T00:00:00Z,10\n2025-01-02T00:00:00Z,11\n");
    writeFileSync(join(dir, "two.ndjson"), '{"at":"2025-01-03T00:00:00Z","nps":0}\n{"at":"2025-01-04T00:00:00Z","nps":"x"}\n');
    const r = await cli("report", "one.csv", "two.ndjson", "--metric", "nps", "--on-invalid", "count", "--rejects", "multi.ndjson", "--format", "json");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { total: { n: number; score: number } }).total).toMatchObject({ n: 2, score: 0 });
    const rejects = readFileSync(join(dir, "multi.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { file: string; line: number });
    expect(rejects.map((x) => [x.file, x.line])).toEqual([["one.csv", 3], ["two.ndjson", 2]]);
    expect(r.err).toContain("4 rows read = 2 accepted + 0 missing + 2 rejected");
  });
});

describe("usage and file errors: exit codes and one line", () => {
  it.each([
    [["report", "s.csv", "--metric", "aht"], 2, "expected one of nps, csat, ces, ttr, frt, churn, clv"],
    [["report", "s.csv", "--metric", "nps", "--period", "fortnight"], 2, '--period is "fortnight"'],
    [["report", "s.csv", "--metric", "nps", "--workers", "0"], 2, "--workers is 0, expected 1 or more"],
    [["report", "s.csv", "--metric", "nps", "--rejects", "r.ndjson"], 2, "--rejects needs --on-invalid count"],
    [["report", "s.csv", "--metric", "nps", "--tz", "Mars/Olympus"], 2, "expected an IANA time zone"],
    [["report", "s.csv", "--metric", "nps", "--kind", "survey"], 2, "--kind does not apply to report --metric"],
    [["report", "s.csv", "--metric", "nps", "--by", "nope"], 2, "nope"],
    [["report", "missing.csv", "--metric", "nps"], 4, "no such file"],
    [["report", "s.csv", "--metric", "nps", "--out", "no/such/dir/out.txt"], 4, "no such file"],
  ])("%j exits %i", async (args, code, message) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
    expect(r.err.trim().split("\n").length).toBeLessThanOrEqual(2); // the message, and for usage errors the hint
    expect(r.err).not.toContain("    at ");
  });

  it("--debug adds the stack", async () => {
    const r = await cli("report", "missing.csv", "--metric", "nps", "--debug");
    expect(r.code).toBe(4);
    expect(r.err).toContain("    at ");
  });

  it("--help has examples and the exit codes", async () => {
    const r = await cli("--help");
    expect(r.out).toContain("Examples:");
    expect(r.out).toContain("Exit codes: 0 success, 2 bad usage");
  });
});
