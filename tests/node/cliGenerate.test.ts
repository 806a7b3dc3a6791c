/**
 * `cx-metrics generate --kind tickets|subscriptions|transactions` (issue 7, point 4): CSV with a header, instants as
 * ISO strings with Z, the same bytes for the same seed, and a file that reads back through the io decoder into
 * the library's own seeded sample (block 0 is generated with the seed itself).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { SAMPLE_BLOCK, TRANSACTION_SAMPLE_PARAMS } from "../../src/node/sampleCsvChunks.ts";
import { generateSubscriptions } from "../../src/sample/generateSubscriptions.ts";
import { generateTickets } from "../../src/sample/generateTickets.ts";
import { generateTransactions } from "../../src/sample/generateTransactions.ts";
import { useBuiltCli } from "./buildCli.ts";

const { dir, cli, built } = useBuiltCli("cx-cli-generate-");

async function decode(text: string, columns: Record<string, "number" | "instant" | "integer">): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const stream = decodeCsv(text, { columns });
  for await (const r of stream) out.push({ ...r });
  return out;
}

const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("cx-metrics generate --kind tickets|subscriptions|transactions", () => {
  for (const kind of ["tickets", "subscriptions", "transactions"]) {
    it(`${kind}: the same bytes for the same seed (stdout and --out), other bytes for another seed`, async () => {
      const a = await cli("generate", "--kind", kind, "--rows", "3000", "--seed", "5");
      expect(a.code).toBe(0);
      const b = await cli("generate", "--kind", kind, "--rows", "3000", "--seed", "5", "--out", `${kind}.csv`);
      expect(b).toMatchObject({ code: 0, out: "" });
      expect(readFileSync(join(dir, `${kind}.csv`), "utf8")).toBe(a.out);
      const c = await cli("generate", "--kind", kind, "--rows", "3000", "--seed", "6");
      expect(c.out).not.toBe(a.out);
      expect(a.out.endsWith("\n")).toBe(true);
    });
  }

  it("tickets read back through decodeCsv equal generateTickets with the same seed; open tickets have an empty resolved_at", async () => {
    const { out } = await cli("generate", "--kind", "tickets", "--rows", "4000", "--seed", "9");
    const lines = out.split("\n");
    expect(lines[0]).toBe("id,created_at,first_response_at,first_resolved_at,resolved_at,reopens,replies,priority,status,team,channel");
    expect(lines).toHaveLength(4002);
    const rows = await decode(out, { id: "integer", created_at: "instant", first_response_at: "instant", first_resolved_at: "instant", resolved_at: "instant", reopens: "integer", replies: "integer" });
    const lib = generateTickets({ count: 4000, seed: 9 }); // ISO instants, as the CSV writes them
    const ms = (x: string | number | null): number | null => (x === null ? null : Date.parse(String(x)));
    expect(rows).toHaveLength(4000);
    for (let i = 0; i < lib.length; i++) {
      const t = lib[i]!;
      expect(rows[i]).toEqual({
        id: t.id, created_at: ms(t.createdAt), first_response_at: ms(t.firstResponseAt), first_resolved_at: ms(t.firstResolvedAt), resolved_at: ms(t.resolvedAt),
        reopens: t.reopens, replies: t.replies, priority: t.priority, status: t.status, team: t.team, channel: t.channel,
      });
    }
    expect(rows.some((r) => r["resolved_at"] === null)).toBe(true);
    expect(lines[1]!.split(",")[1]).toMatch(ISO_Z);
  });

  it("subscriptions read back equal generateSubscriptions (rows = customers; active ones have no end)", async () => {
    const { out } = await cli("generate", "--kind", "subscriptions", "--rows", "2000", "--seed", "4");
    const rows = await decode(out, { customerId: "integer", start: "instant", end: "instant", mrr: "number" });
    const lib = generateSubscriptions({ customers: 2000, seed: 4, mrrEvents: false }).subscriptions;
    expect(rows.length).toBe(lib.length);
    expect(rows.length).toBeGreaterThan(2000); // returning customers
    expect(rows).toEqual(lib.map((s) => ({ customerId: s.customerId, plan: s.plan, start: s.start, end: s.end, reason: s.reason, mrr: s.mrr })));
    expect(rows.some((r) => r["end"] === null)).toBe(true);
    expect(out.split("\n")[1]!.split(",")[2]).toMatch(ISO_Z);
  });

  it("transactions read back equal generateTransactions with CDNOW's parameters (amounts to the cent)", async () => {
    const { out } = await cli("generate", "--kind", "transactions", "--rows", "1500", "--seed", "8");
    const rows = await decode(out, { customerId: "integer", at: "instant", amount: "number" });
    const lib = generateTransactions({ customers: 1500, seed: 8, params: { ...TRANSACTION_SAMPLE_PARAMS.params }, spend: { ...TRANSACTION_SAMPLE_PARAMS.spend }, T: { ...TRANSACTION_SAMPLE_PARAMS.T } });
    expect(rows).toHaveLength(lib.length);
    for (let i = 0; i < lib.length; i++) {
      expect(rows[i]!["customerId"]).toBe(lib[i]!.customerId);
      expect(rows[i]!["at"]).toBe(lib[i]!.at);
      expect(Math.abs((rows[i]!["amount"] as number) - lib[i]!.amount)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("past one block the ids run on and later blocks differ from block 0 (streamed in blocks)", async () => {
    const rows = SAMPLE_BLOCK + 10;
    const { code, out } = await cli("generate", "--kind", "tickets", "--rows", String(rows), "--seed", "2");
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(rows + 1);
    expect(lines[rows]!.split(",")[0]).toBe(String(rows));
    const ids = new Set(lines.slice(1).map((l) => l.split(",")[0]));
    expect(ids.size).toBe(rows);
    // block 1 starts with a ticket other than block 0's first one
    expect(lines[SAMPLE_BLOCK + 1]!.split(",").slice(1)).not.toEqual(lines[1]!.split(",").slice(1));
  });
});
