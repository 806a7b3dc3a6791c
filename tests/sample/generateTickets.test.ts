import { describe, expect, it } from "vitest";
import { generateTickets } from "../../src/sample/generateTickets.ts";
import { readTicket } from "../../src/tickets/readTicket.ts";
import { firstReplyOf, reopensOf, resolutionOf } from "../../src/tickets/ticketEvents.ts";

describe("generateTickets", () => {
  const tickets = generateTickets({ seed: 7, count: 3000, timelines: true, statusHistories: true });

  it("is the same for the same seed and differs for another", () => {
    expect(generateTickets({ seed: 7, count: 50 })).toEqual(generateTickets({ seed: 7, count: 50 }));
    expect(generateTickets({ seed: 8, count: 50 })).not.toEqual(generateTickets({ seed: 7, count: 50 }));
  });

  it("gives valid tickets whose timeline and status history agree with their fields", () => {
    for (const r of tickets) {
      const t = readTicket(r);
      const plain = { ...t, messages: null, statusHistory: null };
      // Resolution from the history = from the fields (first and full), reopens too.
      expect(resolutionOf(t, "full", null)).toBe(resolutionOf(plain, "full", null));
      expect(resolutionOf(t, "first", null)).toBe(resolutionOf(plain, "first", null));
      expect(reopensOf(t, null)).toBe(r.reopens);
      // First reply from the timeline = firstResponseAt.
      const f = firstReplyOf(t, null);
      if (r.firstResponseAt !== null) expect(f).toEqual({ kind: "replied", start: t.createdAt, at: t.firstResponseAt });
    }
  });

  it("has open tickets at the end, reopens, every team and priority, and mostly weekday business-hour arrivals", () => {
    const open = tickets.filter((t) => t.resolvedAt === null).length;
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(tickets.length * 0.1);
    expect(tickets.some((t) => t.reopens > 0)).toBe(true);
    expect(new Set(tickets.map((t) => t.team)).size).toBe(4);
    expect(new Set(tickets.map((t) => t.priority)).size).toBe(4);
    const inHours = tickets.filter((t) => {
      const d = new Date(t.createdAt as string);
      return d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && d.getUTCHours() >= 8 && d.getUTCHours() < 18;
    }).length;
    expect(inHours / tickets.length).toBeGreaterThan(0.6);
  });
});
