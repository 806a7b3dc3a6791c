import { describe, expect, it } from "vitest";
import { slaAttainment } from "../../src/tickets/slaAttainment.ts";
import { reopenRate } from "../../src/tickets/reopenRate.ts";
import { oneTouchResolution } from "../../src/tickets/oneTouchResolution.ts";
import { firstContactResolution } from "../../src/tickets/firstContactResolution.ts";
import { InvalidOptionError } from "../../src/errors.ts";

const H = 3_600_000;
const at = (h: number): string => new Date(Date.UTC(2024, 0, 2) + h * H).toISOString();

describe("slaAttainment", () => {
  // Five tickets, first-response target 1 h, asOf = 10 h after 2024-01-02T00:00Z.
  // A replied at 0.5 h -> met; B replied at 2 h -> breached; C waiting since 9.5 h (0.5 h at asOf) -> pending;
  // D waiting since 8 h (2 h at asOf) -> breached; E solved with no reply -> not applicable.
  // rate = 100 * 1 / (1 + 2) = 33.33...; Wilson 95% for 1/3: centre (1/3 + 1.9208/3) / (1 + 3.8415/3) = 0.4267,
  // half-width 1.95996 / 2.2805 * sqrt(0.0741 + 0.1067) = 0.3655 -> [0.0615, 0.7923].
  const tickets = [
    { createdAt: at(0), firstResponseAt: at(0.5) },
    { createdAt: at(0), firstResponseAt: at(2) },
    { createdAt: at(9.5) },
    { createdAt: at(8) },
    { createdAt: at(1), resolvedAt: at(3) },
  ];

  it("counts met, breached, pending and not applicable, with the Wilson interval (hand-worked)", () => {
    const r = slaAttainment(tickets, { metric: "firstResponse", target: H, asOf: at(10) });
    expect([r.met, r.breached, r.pending, r.notApplicable, r.n]).toEqual([1, 2, 1, 1, 4]);
    expect(r.rate).toBeCloseTo(100 / 3, 10);
    expect(r.ci!.lower).toBeCloseTo(6.15, 1);
    expect(r.ci!.upper).toBeCloseTo(79.23, 1);
  });

  it("takes a target per priority, with defaultTarget or noTarget for the rest", () => {
    const ts = [
      { createdAt: at(0), resolvedAt: at(3), priority: "urgent" }, // 3 h > 2 h: breached
      { createdAt: at(0), resolvedAt: at(3), priority: "low" }, // 3 h <= 24 h: met
      { createdAt: at(0), resolvedAt: at(3), priority: "normal" }, // no entry
    ];
    const r = slaAttainment(ts, { metric: "resolution", target: { urgent: 2 * H, low: 24 * H } });
    expect([r.met, r.breached, r.noTarget]).toEqual([1, 1, 1]);
    expect(slaAttainment(ts, { metric: "resolution", target: { urgent: 2 * H }, defaultTarget: 4 * H }).met).toBe(2);
    // A priority named like an Object.prototype member is a priority like any other.
    expect(slaAttainment([{ createdAt: 0, resolvedAt: 1, priority: "constructor" }], { metric: "resolution", target: { urgent: 1 } }).noTarget).toBe(1);
  });

  it("pauses the timer in the chosen statuses of the status history", () => {
    // created 0 (new), pending 1 h - 4 h, open 4 h, solved 5 h: 5 h in calendar time, 2 h without pending.
    const t = { createdAt: at(0), statusHistory: [{ status: "pending", at: at(1) }, { status: "open", at: at(4) }, { status: "solved", at: at(5) }] };
    expect(slaAttainment([t], { metric: "resolution", target: 3 * H }).breached).toBe(1);
    expect(slaAttainment([t], { metric: "resolution", target: 3 * H, pauseOn: ["pending"] }).met).toBe(1);
  });

  it("judges every next reply, and periodic updates between agent messages", () => {
    const messages = [
      { at: at(0), author: "customer" },
      { at: at(0.2), author: "agent" }, // first reply (not a next reply)
      { at: at(1), author: "customer" },
      { at: at(1.5), author: "agent" }, // next reply 0.5 h
      { at: at(3), author: "customer" },
      { at: at(5), author: "agent" }, // next reply 2 h
    ];
    const t = { createdAt: at(0), messages, resolvedAt: at(6) };
    expect(slaAttainment([t], { metric: "nextReply", target: 1 * H }).breached).toBe(1);
    expect(slaAttainment([t], { metric: "nextReply", target: 2 * H }).met).toBe(1);
    // Agent messages at 0.2, 1.5, 5 and the solve at 6: gaps 1.3, 3.5, 1 h.
    expect(slaAttainment([t], { metric: "periodicUpdate", target: 3 * H }).breached).toBe(1);
    expect(slaAttainment([t], { metric: "periodicUpdate", target: 4 * H }).met).toBe(1);
    expect(slaAttainment([{ createdAt: at(0) }], { metric: "nextReply", target: H }).missing).toBe(1);
  });

  it("refuses options it cannot use", () => {
    expect(() => slaAttainment([], { metric: "frt" as "firstResponse", target: H })).toThrow(InvalidOptionError);
    expect(() => slaAttainment([], { metric: "resolution", target: -1 })).toThrow(InvalidOptionError);
    expect(() => slaAttainment([], { metric: "resolution", target: H, pauseOn: ["waiting" as "pending"] })).toThrow(InvalidOptionError);
  });

  it("gives null figures on empty input", () => {
    expect(slaAttainment([], { metric: "resolution", target: H })).toMatchObject({ rate: null, ci: null, n: 0 });
  });
});

describe("reopen rate, one-touch and first-contact resolution", () => {
  // Hand-worked: 1 solved once with 1 reply; 2 solved with 3 replies; 3 reopened once, 1 reply; 4 open; 5 no reply count.
  const tickets = [
    { createdAt: 0, resolvedAt: 10, reopens: 0, replies: 1 },
    { createdAt: 0, resolvedAt: 10, reopens: 0, replies: 3 },
    { createdAt: 0, resolvedAt: 20, reopens: 1, replies: 1 },
    { createdAt: 0, reopens: 0, replies: 0, status: "open" },
    { createdAt: 0, resolvedAt: 10, reopens: 0 },
  ];

  it("reopen rate = reopened / solved at least once = 1 / 4", () => {
    expect(reopenRate(tickets)).toMatchObject({ rate: 25, yes: 1, no: 3, notApplicable: 1 });
  });

  it("one-touch = solved with < 2 replies = 2 / 3 (one solved ticket has no reply count)", () => {
    const r = oneTouchResolution(tickets);
    expect([r.yes, r.no, r.missing, r.notApplicable]).toEqual([2, 1, 1, 1]);
    expect(r.rate).toBeCloseTo(200 / 3, 10);
  });

  it("first-contact = one-touch and never reopened = 1 / 3", () => {
    expect(firstContactResolution(tickets)).toMatchObject({ yes: 1, no: 2, missing: 1 });
  });

  it("reads reopens and replies from history and timeline when present", () => {
    const t = {
      createdAt: 0,
      statusHistory: [{ status: "solved", at: 10 }, { status: "open", at: 20 }, { status: "solved", at: 30 }],
      messages: [{ at: 0, author: "customer" }, { at: 5, author: "agent" }, { at: 6, author: "bot" }, { at: 7, author: "agent", public: false }],
    };
    expect(reopenRate([t]).yes).toBe(1);
    expect(oneTouchResolution([t]).yes).toBe(1);
    expect(firstContactResolution([t]).no).toBe(1);
    // As of 15 the ticket is solved and not yet reopened.
    expect(firstContactResolution([t], { asOf: 15 }).yes).toBe(1);
  });
});
