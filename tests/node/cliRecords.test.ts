/**
 * `cx-metrics report --metric churn|clv` (issue 7, point 4): whole records on their own single-threaded path; the
 * JSON equals churnRateSeries / rfmSummary + fitBgNbd + fitGammaGamma + customerLifetimeValue called directly on
 * the same generated file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { churnRateSeries } from "../../src/churn/churnRateSeries.ts";
import { customerLifetimeValue } from "../../src/clv/customerLifetimeValue.ts";
import { fitBgNbd } from "../../src/clv/fitBgNbd.ts";
import { fitGammaGamma } from "../../src/clv/fitGammaGamma.ts";
import { rfmSummary } from "../../src/clv/rfmSummary.ts";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { useBuiltCli } from "./buildCli.ts";

const { dir, cli, built } = useBuiltCli("cx-cli-records-");

async function records(path: string, columns: Record<string, "instant" | "number">): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of decodeCsv(readFileSync(path), { columns })) out.push({ ...r });
  return out;
}

describe("cx-metrics report --metric churn|clv", () => {
  it("churn: the JSON is churnRateSeries on the same file (by quarter, from/to given, and by month with the data's span)", async () => {
    expect((await cli("generate", "--kind", "subscriptions", "--rows", "3000", "--seed", "7", "--out", "subs.csv")).code).toBe(0);
    const subs = await records(join(dir, "subs.csv"), { start: "instant", end: "instant" });
    const expected = churnRateSeries(subs, { from: "2023-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", unit: "quarter" });
    const r = await cli("report", "subs.csv", "--metric", "churn", "--period", "quarter", "--from", "2023-01-01T00:00:00Z", "--to", "2025-01-01T00:00:00Z", "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.rows).toHaveLength(8);
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of subs) for (const v of [s["start"], s["end"]]) if (typeof v === "number") (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const monthly = churnRateSeries(subs, { from: lo, to: hi + 1, unit: "month" });
    const m = await cli("report", "subs.csv", "--metric", "churn", "--format", "json");
    expect(JSON.parse(m.out)).toEqual(JSON.parse(JSON.stringify(monthly)));
    const table = await cli("report", "subs.csv", "--metric", "churn", "--period", "quarter", "--from", "2023-01-01T00:00:00Z", "--to", "2025-01-01T00:00:00Z");
    expect(table.out).toContain("CHURN");
    expect(table.out).toContain(((expected.rows[3]!.rate as number) * 100).toFixed(2));
    expect(table.err).toContain(`${subs.length.toLocaleString("en-US")} records read`);
  });

  it("clv: the JSON is rfmSummary + fitBgNbd + fitGammaGamma + customerLifetimeValue on the same file", async () => {
    expect((await cli("generate", "--kind", "transactions", "--rows", "1500", "--seed", "5", "--out", "tx.csv")).code).toBe(0);
    const tx = await records(join(dir, "tx.csv"), { at: "instant", amount: "number" });
    const summary = rfmSummary(tx, { amount: (r) => r["amount"], timeUnit: "weeks" });
    const gg = fitGammaGamma(summary);
    const bg = fitBgNbd(summary);
    expect(bg.fitted && gg.fitted).toBe(true);
    if (!gg.fitted) throw new Error("Gamma-Gamma did not fit");
    const clv = customerLifetimeValue(bg, summary, { spend: gg, months: 12, discountRate: 0.01 });
    const r = await cli("report", "tx.csv", "--metric", "clv", "--format", "json");
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out) as Record<string, unknown>;
    expect(got).toEqual(JSON.parse(JSON.stringify({ customers: summary.rows.length, repeatCustomers: summary.rows.filter((x) => x.frequency > 0).length, timeUnit: "weeks", bgNbd: bg, gammaGamma: gg, clv })));
    const table = await cli("report", "tx.csv", "--metric", "clv");
    expect(table.out).toContain(`total ${clv.total.value.toFixed(2)}`);
  });

  it("--help names every metric, none planned, and says churn/clv run in one thread", async () => {
    const h = await cli("--help");
    expect(h.out).toContain("--metric NAME     nps, csat, ces, ttr, frt, churn, clv\n");
    expect(h.out).not.toContain("planned");
    expect(h.out).toContain("single-threaded");
    expect(h.out).toContain("cannot carry an open ticket's age");
  });

  it("options that do not apply are usage errors", async () => {
    expect((await cli("report", "tx.csv", "--metric", "clv", "--by", "x")).code).toBe(2);
    expect((await cli("report", "tx.csv", "--metric", "churn", "--format", "csv")).code).toBe(2);
  });
});
