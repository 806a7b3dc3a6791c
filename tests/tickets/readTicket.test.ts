import { describe, expect, it } from "vitest";
import { readTicket } from "../../src/tickets/readTicket.ts";
import { ticketStatusTimes } from "../../src/tickets/ticketStatusTimes.ts";
import { ticketReplyTimes } from "../../src/tickets/ticketReplyTimes.ts";
import { InvalidRecordError } from "../../src/errors.ts";

const H = 3_600_000;
const M = 60_000;

function rejection(record: unknown): { field: string; reason: string } {
  try {
    readTicket(record as Record<string, unknown>, {}, 7);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRecordError);
    const err = e as InvalidRecordError;
    expect(err.index).toBe(7);
    return { field: err.field, reason: err.reason };
  }
  throw new Error("expected an InvalidRecordError");
}

describe("readTicket", () => {
  it("reads instants, counts, priority and status through default accessors; missing reads as null", () => {
    const t = readTicket({ createdAt: "2024-01-02T09:00Z", resolvedAt: Date.UTC(2024, 0, 2, 11, 30), reopens: 0, priority: "high", status: "SOLVED" });
    expect(t.createdAt).toBe(Date.UTC(2024, 0, 2, 9));
    expect(t.resolvedAt).toBe(Date.UTC(2024, 0, 2, 11, 30));
    expect(t.firstResponseAt).toBeNull();
    expect([t.reopens, t.priority, t.status, t.messages, t.statusHistory]).toEqual([0, "high", "solved", null, null]);
  });

  it("reads wall times without an offset in the timeZone option, and custom accessors", () => {
    const t = readTicket({ opened: "2024-07-01T09:00" }, { createdAt: (r) => r.opened, timeZone: "Europe/Berlin" });
    expect(t.createdAt).toBe(Date.UTC(2024, 6, 1, 7)); // CEST = UTC+2
  });

  it("names the field of every kind of invalid ticket", () => {
    expect(rejection({ createdAt: "yesterday" })).toMatchObject({ field: "createdAt" });
    expect(rejection({ createdAt: "2024-01-02T09:00Z", resolvedAt: "2024-01-02T08:00Z" })).toEqual({ field: "resolvedAt", reason: "is before createdAt (2024-01-02T09:00:00.000Z)" });
    expect(rejection({ createdAt: "2024-01-02T09:00Z", firstResponseAt: "2024-01-01T09:00Z" }).field).toBe("firstResponseAt");
    expect(rejection({ createdAt: "2024-01-02T09:00Z", reopens: -1 })).toEqual({ field: "reopens", reason: "expected a count: an integer >= 0" });
    expect(rejection({ createdAt: "2024-01-02T09:00Z", reopens: 1.5 }).field).toBe("reopens");
    expect(rejection({ createdAt: "2024-01-02T09:00Z", status: "escalated" }).field).toBe("status");
    // Names of Object.prototype members are not statuses or authors.
    expect(rejection({ createdAt: "2024-01-02T09:00Z", status: "constructor" }).field).toBe("status");
    expect(rejection({ createdAt: "2024-01-02T09:00Z", messages: [{ at: "2024-01-02T10:00Z", author: "toString" }] }).field).toBe("messages[0].author");
    expect(rejection({ createdAt: "2024-01-02T09:00Z", firstResolvedAt: "2024-01-03T09:00Z", resolvedAt: "2024-01-02T10:00Z" }).field).toBe("firstResolvedAt");
    const h = (statusHistory: unknown): string => rejection({ createdAt: "2024-01-02T09:00Z", statusHistory }).field;
    expect(h([{ status: "open", at: "2024-01-02T10:00Z" }, { status: "pending", at: "2024-01-02T09:30Z" }])).toBe("statusHistory[1].at");
    expect(h([{ status: "open", at: "2024-01-02T10:00Z" }, { status: "new", at: "2024-01-02T11:00Z" }])).toBe("statusHistory[1].status");
    expect(h([{ status: "closed", at: "2024-01-02T10:00Z" }, { status: "open", at: "2024-01-02T11:00Z" }])).toBe("statusHistory[1].status");
    expect(h([{ status: "open", at: "2024-01-01T10:00Z" }])).toBe("statusHistory[0].at");
    expect(h([{ status: "open", at: "not a date" }])).toBe("statusHistory[0].at");
    expect(h("open")).toBe("statusHistory");
    const m = (messages: unknown): string => rejection({ createdAt: "2024-01-02T09:00Z", messages }).field;
    expect(m([{ at: "2024-01-02T10:00Z", author: "robot" }])).toBe("messages[0].author");
    expect(m([{ at: "2024-01-02T10:00Z", author: "agent", public: "yes" }])).toBe("messages[0].public");
    expect(m([{ at: "2024-01-02T08:00Z", author: "agent" }])).toBe("messages[0].at");
  });

  it("puts the field, value and reason in the message", () => {
    expect(() => readTicket({ createdAt: "2024-01-02T09:00Z", reopens: -2 })).toThrow('readTicket: record 0 field "reopens" is -2, expected a count: an integer >= 0');
  });

  it("sorts a timeline by time, keeping ties in record order", () => {
    const t = readTicket({
      createdAt: 0,
      messages: [{ at: 50, author: "agent" }, { at: 10, author: "customer" }, { at: 50, author: "bot", public: false }],
    });
    expect(t.messages).toEqual([{ at: 10, author: "customer", public: true }, { at: 50, author: "agent", public: true }, { at: 50, author: "bot", public: false }]);
  });
});

describe("ticketStatusTimes (Zendesk definitions)", () => {
  // Hand-worked: created 09:00 (new), open 09:30, pending 10:00, open 12:00, on-hold 13:00, open 13:45, solved 14:00.
  // new 30 min; open 30 + 60 + 15 = 105 min; pending 120 min; on-hold 45 min.
  // requester wait = new + open + on-hold = 30 + 105 + 45 = 180 min; agent work = new + open = 135 min.
  const ticket = {
    createdAt: "2024-01-02T09:00Z",
    statusHistory: [
      { status: "open", at: "2024-01-02T09:30Z" },
      { status: "pending", at: "2024-01-02T10:00Z" },
      { status: "open", at: "2024-01-02T12:00Z" },
      { status: "on-hold", at: "2024-01-02T13:00Z" },
      { status: "open", at: "2024-01-02T13:45Z" },
      { status: "solved", at: "2024-01-02T14:00Z" },
      { status: "closed", at: "2024-01-06T14:00Z" },
    ],
  };

  it("gives requester wait, agent wait, on-hold and agent work time of a hand-worked ticket", () => {
    expect(ticketStatusTimes(ticket)).toEqual({ requesterWait: 180 * M, agentWait: 120 * M, onHold: 45 * M, agentWork: 135 * M, open: false, basis: "calendar" });
  });

  it("runs an unsolved ticket to asOf, and is null without asOf", () => {
    // At 12:30: new 30, open 30 + 30 = 60, pending 120.
    expect(ticketStatusTimes(ticket, { asOf: "2024-01-02T12:30Z" })).toEqual({ requesterWait: 90 * M, agentWait: 120 * M, onHold: 0, agentWork: 90 * M, open: true, basis: "calendar" });
    expect(ticketStatusTimes({ createdAt: 0, statusHistory: [{ status: "open", at: 10 }] }).requesterWait).toBeNull();
  });

  it("stops at the final solve after a reopen and leaves the solved stretch out", () => {
    // new 0-1h, solved 1h-3h (not counted), open 3h-4h, solved 4h: requester wait 2h.
    const r = ticketStatusTimes({ createdAt: 0, statusHistory: [{ status: "solved", at: H }, { status: "open", at: 3 * H }, { status: "solved", at: 4 * H }] });
    expect(r.requesterWait).toBe(2 * H);
  });

  it("measures each span in business time on a calendar", () => {
    // A toy calendar that counts only hours from 10:00 to 12:00 UTC of any day.
    const cal = { spec: { toy: "10-12" }, elapsed: (a: number, b: number) => overlap(a, b, Date.UTC(2024, 0, 2, 10), Date.UTC(2024, 0, 2, 12)) };
    // new 09:00-09:30 -> 0; open 09:30-10:00 -> 0; pending 10:00-12:00 -> 2h; everything after 12:00 -> 0.
    expect(ticketStatusTimes(ticket, { calendar: cal })).toEqual({ requesterWait: 0, agentWait: 2 * H, onHold: 0, agentWork: 0, open: false, basis: "business" });
  });
});

function overlap(a: number, b: number, from: number, to: number): number {
  return Math.max(0, Math.min(b, to) - Math.max(a, from));
}

describe("ticketReplyTimes", () => {
  it("skips bots and private notes, waits from the oldest unanswered customer message", () => {
    const r = ticketReplyTimes({
      createdAt: "2024-01-02T09:00Z",
      messages: [
        { at: "2024-01-02T09:00Z", author: "customer" },
        { at: "2024-01-02T09:01Z", author: "bot" }, // bot: not a reply
        { at: "2024-01-02T09:10Z", author: "agent", public: false }, // private note: not a reply
        { at: "2024-01-02T09:30Z", author: "agent" }, // first reply: 30 min
        { at: "2024-01-02T10:00Z", author: "customer" },
        { at: "2024-01-02T10:20Z", author: "customer" },
        { at: "2024-01-02T11:00Z", author: "agent" }, // next reply: from 10:00, 60 min
        { at: "2024-01-02T11:05Z", author: "agent" }, // no customer waiting: not a reply
        { at: "2024-01-02T12:00Z", author: "customer" }, // still waiting
      ],
    });
    expect(r).toEqual({
      firstReply: 30 * M,
      nextReplies: [60 * M],
      responses: [30 * M, 60 * M],
      averageResponse: 45 * M,
      waitingSince: "2024-01-02T12:00:00.000Z",
      publicAgentMessages: 3,
      basis: "calendar",
    });
  });

  it("starts an agent-opened ticket's first reply at the first customer message", () => {
    // Agent writes at 09:00 (outbound), customer answers at 11:00, agent replies at 11:15: first reply 15 min.
    // (Zendesk would measure 09:00 -> 11:15 = 135 min: creation to the agent's second public comment.)
    const r = ticketReplyTimes({
      createdAt: "2024-01-02T09:00Z",
      messages: [{ at: "2024-01-02T09:00Z", author: "agent" }, { at: "2024-01-02T11:00Z", author: "customer" }, { at: "2024-01-02T11:15Z", author: "agent" }],
    });
    expect(r.firstReply).toBe(15 * M);
    expect(r.responses).toEqual([15 * M]);
  });

  it("ignores messages after asOf", () => {
    const r = ticketReplyTimes({ createdAt: 0, messages: [{ at: 0, author: "customer" }, { at: 2 * H, author: "agent" }] }, { asOf: H });
    expect([r.firstReply, r.responses, r.waitingSince]).toEqual([null, [], "1970-01-01T00:00:00.000Z"]);
  });
});

describe("statusTime (aggregated status times)", () => {
  it("summarises one measure over tickets, unsolved ones censored at their time so far (hand-worked)", async () => {
    const { statusTime } = await import("../../src/tickets/statusTime.ts");
    const tickets = [
      // pending 1 h - 3 h, solved at 4 h: agent wait 2 h
      { createdAt: 0, statusHistory: [{ status: "pending", at: H }, { status: "open", at: 3 * H }, { status: "solved", at: 4 * H }] },
      // pending 0 - 5 h, solved: agent wait 5 h
      { createdAt: 0, statusHistory: [{ status: "pending", at: 0 }, { status: "solved", at: 5 * H }] },
      // pending since 2 h, unsolved at asOf 10 h: censored at 8 h
      { createdAt: 0, statusHistory: [{ status: "pending", at: 2 * H }] },
      // no history: missing
      { createdAt: 0 },
    ];
    const r = statusTime(tickets, { measure: "agentWait", asOf: 10 * H, unit: "hours" });
    expect([r.n, r.solved, r.open, r.missing, r.median, r.mean]).toEqual([3, 2, 1, 1, 3.5, 3.5]);
    // KM: events 2, 5; censored 8 -> S(2) = 2/3, S(5) = 1/3: median 5.
    expect(r.censored).toMatchObject({ median: 5, events: 2, censored: 1 });
    // Requester wait: new 0-1 h + open 3-4 h = 2 h, and 0 h (pending from creation): median 1 h.
    expect(statusTime(tickets, { measure: "requesterWait", asOf: 10 * H, unit: "hours" }).median).toBe(1);
  });
});
