/**
 * The tickets section of `cx-metrics report`: printed after the survey sections on the bundled sample, its JSON
 * equal to the library's own ticket functions on the same seeded tickets, and the sample's shape visible
 * (technical slower than accounts, open tickets at the end of the year, reopens).
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/node/runCli.ts";
import type { TicketReport } from "../../src/node/ticketReport.ts";
import { generateTickets } from "../../src/sample/generateTickets.ts";
import { businessCalendar } from "../../src/time/businessCalendar.ts";
import { timeToResolution } from "../../src/tickets/timeToResolution.ts";
import { slaAttainment } from "../../src/tickets/slaAttainment.ts";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

const H = 3_600_000;
const calendar = businessCalendar({ timeZone: "UTC", hours: { mon: [["08:00", "18:00"]], tue: [["08:00", "18:00"]], wed: [["08:00", "18:00"]], thu: [["08:00", "18:00"]], fri: [["08:00", "18:00"]] }, holidays: ["2025-01-01", "2025-12-25", "2025-12-26"] });
const asOf = Date.UTC(2026, 0, 1);

describe("cx-metrics report: tickets section", () => {
  it("prints the ticket tables after the survey sections", async () => {
    const { code, out, err } = await run("report", "--count", "3000");
    expect([code, err]).toEqual([0, ""]);
    const tickets = out.split("Tickets: ")[1]!;
    for (const heading of [
      "3,000 records, as of 2026-01-01T00:00:00.000Z",
      "Time to resolution (full resolution): median",
      "median counting open tickets (Kaplan-Meier)",
      "First response time: median",
      "Time to resolution by team x month (business hours)",
      "First response time by team x month (business hours)",
      "SLA attainment by priority: resolution",
      "SLA attainment by priority: first response",
      "Reopen rate by team",
      "No invalid tickets.",
    ]) {
      expect(tickets).toContain(heading);
    }
  });

  it("JSON holds what the ticket functions compute on the same seeded tickets", async () => {
    const { code, out } = await run("report", "--count", "2000", "--seed", "3", "--format", "json");
    expect(code).toBe(0);
    const report = (JSON.parse(out) as { tickets: TicketReport }).tickets;
    const tickets = generateTickets({ seed: 3, count: 2000, start: Date.UTC(2025, 0, 1), days: 365 });
    const opts = { calendar, asOf, unit: "hours", percentiles: [90], onInvalid: "count" } as const;
    expect(report.resolution.overall).toEqual(timeToResolution(tickets, opts));
    const billingMarch = tickets.filter((t) => t.team === "billing" && (t.createdAt as string).startsWith("2025-03"));
    const row = report.resolution.byTeam.rows.find((r) => r.key["team"] === "billing" && r.period === "2025-03");
    expect(row?.result).toEqual(timeToResolution(billingMarch, opts));
    const urgent = report.sla.resolution.rows.find((r) => r.key["priority"] === "urgent");
    expect(urgent?.result).toEqual(
      slaAttainment(tickets.filter((t) => t.priority === "urgent"), { metric: "resolution", target: { urgent: 4 * H, high: 8 * H, normal: 24 * H, low: 40 * H }, calendar, asOf, onInvalid: "count" }),
    );
    expect(report.resolution.overall.open).toBeGreaterThan(0);
  });

  it("shows the sample's shape: technical resolves slower than accounts; open tickets push the honest median up", async () => {
    const { out } = await run("report", "--count", "6000", "--format", "json");
    const r = (JSON.parse(out) as { tickets: TicketReport }).tickets;
    const total = (team: string): number => {
      const rows = r.resolution.byTeam.rows.filter((x) => x.key["team"] === team);
      return rows.reduce((s, x) => s + (x.result.median ?? 0), 0) / rows.length;
    };
    expect(total("technical")).toBeGreaterThan(total("accounts"));
    expect(r.resolution.overall.censored!.median!).toBeGreaterThanOrEqual(r.resolution.overall.median!);
    expect(r.reopen.total.yes).toBeGreaterThan(0);
  });

  it("has no tickets section with --input", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "cx-tickets-"));
    const path = join(dir, "a.json");
    writeFileSync(path, JSON.stringify([{ at: "2025-01-05T10:00:00Z", nps: 9 }]));
    const { out } = await run("report", "--input", path);
    rmSync(dir, { recursive: true, force: true });
    expect(out).not.toContain("Tickets:");
  });
});
