import { describe, expect, it } from "vitest";
import { firstResponseTime } from "../../src/tickets/firstResponseTime.ts";
import { oneTouchResolution } from "../../src/tickets/oneTouchResolution.ts";
import { timeToResolution } from "../../src/tickets/timeToResolution.ts";
import { readTicket } from "../../src/tickets/readTicket.ts";

// Review of issue 4, finding 2 (second part): exporters write `messages: []` / `statusHistory: []` for a ticket whose
// comments or audits were not exported; an empty list must not override the record's own fields.
const H = 3_600_000;

describe("an empty messages or statusHistory array reads as absent (found in review)", () => {
  it("firstResponseAt is used when messages is []", () => {
    const r = firstResponseTime([{ createdAt: 0, firstResponseAt: 2 * H, messages: [] }], { unit: "hours" });
    expect(r.open).toBe(0);
    expect(r.median).toBe(2);
  });

  it("replies is used for one-touch when messages is []: 3 public replies is not one-touch", () => {
    const r = oneTouchResolution([{ createdAt: 0, resolvedAt: H, status: "solved", replies: 3, messages: [] }]);
    expect([r.yes, r.no]).toEqual([0, 1]);
  });

  it("resolvedAt is used when statusHistory is []", () => {
    const r = timeToResolution([{ createdAt: 0, resolvedAt: 4 * H, statusHistory: [] }], { unit: "hours" });
    expect(r.median).toBe(4);
  });

  it("readTicket gives null for both", () => {
    const t = readTicket({ createdAt: 0, messages: [], statusHistory: [] });
    expect(t.messages).toBeNull();
    expect(t.statusHistory).toBeNull();
  });
});
