import { describe, expect, it } from "vitest";
import { timeToResolution } from "../../src/tickets/timeToResolution.ts";
import { reopenRate } from "../../src/tickets/reopenRate.ts";

// Review of issue 4, finding F2: a status history that never reaches solved/closed (a partial audit export, e.g. one
// that lists only pending/on-hold changes) must not turn a ticket the record says is solved into an open one.
const H = 3_600_000;

describe("a partial status history does not override the record's solve (found in review)", () => {
  const partial = { createdAt: 0, resolvedAt: 5 * H, status: "solved", statusHistory: [{ status: "pending", at: H }] };

  it("resolvedAt and status say solved at 5 h, the history has no solve: resolved at 5 h", () => {
    const r = timeToResolution([partial], { unit: "hours" });
    expect(r.n).toBe(1);
    expect(r.resolved).toBe(1);
    expect(r.open).toBe(0);
    expect(r.median).toBe(5);
  });

  it("asOf before the solve: open at asOf (DESIGN 6.7)", () => {
    const r = timeToResolution([partial], { asOf: 3 * H });
    expect(r.resolved).toBe(0);
    expect(r.open).toBe(1);
  });

  it("status solved without resolvedAt and a history with no solve: counted missing, not open", () => {
    const r = timeToResolution([{ createdAt: 0, status: "solved", statusHistory: [{ status: "pending", at: H }] }]);
    expect(r.open).toBe(0);
    expect(r.missing).toBe(1);
  });

  it("a history with no solve and no solve in the record stays open", () => {
    const r = timeToResolution([{ createdAt: 0, statusHistory: [{ status: "pending", at: H }] }]);
    expect(r.open).toBe(1);
  });

  it("a history that has its solve still wins over resolvedAt", () => {
    const r = timeToResolution([{ createdAt: 0, resolvedAt: 9 * H, statusHistory: [{ status: "solved", at: 2 * H }] }], { unit: "hours" });
    expect(r.median).toBe(2);
  });

  it("reopen rate: the record's reopens count is used when the history shows no solve", () => {
    const r = reopenRate([{ ...partial, reopens: 1 }]);
    expect(r.yes).toBe(1);
  });
});
