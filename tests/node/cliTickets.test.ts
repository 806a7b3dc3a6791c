/**
 * `cx-metrics report --metric ttr|frt` on generated tickets (issue 7, point 4): the pipe
 * `generate --kind tickets | report - --metric ttr --by team --period month` works, in worker threads too, and its
 * JSON is the library's timeToResolution / firstResponseTime breakdown computed directly on the same file (plus
 * `score` = median and `ci` = null for the table); open tickets are counted as open, a missing creation as missing,
 * an end before the creation as invalid.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { breakdown } from "../../src/aggregate/breakdown.ts";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { firstResponseTimeAggregator } from "../../src/tickets/firstResponseTime.ts";
import { timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { runProcess, useBuiltCli, type ProcessResult } from "./buildCli.ts";

const { dir, cli, built } = useBuiltCli("cx-cli-tickets-");
const run = (file: string, args: string[]): Promise<ProcessResult> => runProcess(file, args, dir);

async function tickets(path: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of decodeCsv(readFileSync(path), { columns: { created_at: "instant", first_response_at: "instant", resolved_at: "instant", reopens: "integer", replies: "integer" } })) out.push({ ...r });
  return out;
}

type Row = { result: Record<string, unknown> };
const shown = (b: { rows: Row[]; total: Record<string, unknown> }): unknown =>
  JSON.parse(JSON.stringify({ ...b, rows: b.rows.map((r) => ({ ...r, result: { ...r.result, score: r.result["median"], ci: null } })), total: { ...b.total, score: b.total["median"], ci: null } }));

describe("cx-metrics report --metric ttr|frt", () => {
  it("generate --kind tickets --rows 10000 | report - --metric ttr --by team --period month equals the library on the same file, 1 and 2 workers", async () => {
    const gen = await cli("generate", "--kind", "tickets", "--rows", "10000", "--seed", "3", "--out", "t.csv");
    expect(gen.code).toBe(0);
    const rows = await tickets(join(dir, "t.csv"));
    const opts = { by: { team: (r: Record<string, unknown>) => r["team"] }, period: { at: (r: Record<string, unknown>) => r["created_at"], unit: "month" as const } };
    const ttr = breakdown(timeToResolutionAggregator({ unit: "hours", createdAt: (r: Record<string, unknown>) => r["created_at"], resolvedAt: (r: Record<string, unknown>) => r["resolved_at"] }), rows, opts);
    expect(ttr.total.open).toBeGreaterThan(0);
    expect(ttr.total.resolved + ttr.total.open).toBe(10000);
    const expected = shown(ttr as unknown as { rows: Row[]; total: Record<string, unknown> });
    const piped = await run("sh", ["-c", `"${process.execPath}" "${built().cli}" generate --kind tickets --rows 10000 --seed 3 | "${process.execPath}" "${built().cli}" report - --metric ttr --by team --period month --format json`]);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.out)).toEqual(expected);
    for (const workers of ["1", "2"]) {
      const r = await cli("report", "t.csv", "--metric", "ttr", "--by", "team", "--period", "month", "--format", "json", "--workers", workers);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual(expected);
    }
    const frt = breakdown(firstResponseTimeAggregator({ unit: "hours", createdAt: (r: Record<string, unknown>) => r["created_at"], firstResponseAt: (r: Record<string, unknown>) => r["first_response_at"] }), rows, opts);
    const f = await cli("report", "t.csv", "--metric", "frt", "--by", "team", "--period", "month", "--format", "json", "--workers", "2");
    expect(f.code).toBe(0);
    expect(JSON.parse(f.out)).toEqual(shown(frt as unknown as { rows: Row[]; total: Record<string, unknown> }));
    const table = await cli("report", "t.csv", "--metric", "ttr", "--by", "team");
    expect(table.out).toContain("TTR");
    expect(table.out).toContain((ttr.total.median as number).toFixed(2));
  });

  it("open, missing and invalid rows: --on-invalid count puts a resolution before creation in the rejects", async () => {
    writeFileSync(
      join(dir, "few.csv"),
      ["created_at,resolved_at,team", "2025-01-01T00:00:00Z,2025-01-01T02:00:00Z,a", "2025-01-01T00:00:00Z,,a", ",2025-01-01T02:00:00Z,a", "2025-01-01T05:00:00Z,2025-01-01T04:00:00Z,a", "2025-01-02T00:00:00Z,2025-01-02T06:00:00Z,a", ""].join("\n"),
    );
    const r = await cli("report", "few.csv", "--metric", "ttr", "--format", "json", "--on-invalid", "count", "--rejects", "rej.ndjson");
    expect(r.code).toBe(0);
    const total = (JSON.parse(r.out) as { total: Record<string, unknown> }).total;
    expect(total).toMatchObject({ resolved: 2, open: 1, median: 4, score: 4 });
    expect((total["invalid"] as { count: number }).count).toBe(1);
    const rejects = readFileSync(join(dir, "rej.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { line: number });
    expect(rejects.map((x) => x.line)).toEqual([5]);
    const thrown = await cli("report", "few.csv", "--metric", "ttr");
    expect(thrown.code).toBe(3);
    expect(thrown.err).toContain("line 5");
  });
});
