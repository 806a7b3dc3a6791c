import { describe, expect, it } from "vitest";
import { reopenRate } from "../../src/tickets/reopenRate.ts";

// Review of issue 4, finding 10: a never-solved ticket cannot have been reopened and needs no reopens count:
// notApplicable (the function's own doc), not missing. A solved ticket without a reopens count stays missing.
const H = 3_600_000;

describe("reopenRate: never solved is notApplicable even without reopens (found in review)", () => {
  it("open, no reopens field: notApplicable", () => {
    const r = reopenRate([{ createdAt: 0, status: "open" }]);
    expect([r.notApplicable, r.missing]).toEqual([1, 0]);
  });

  it("solved, no reopens field and no history: missing", () => {
    const r = reopenRate([{ createdAt: 0, status: "solved", resolvedAt: H }]);
    expect([r.notApplicable, r.missing, r.n]).toEqual([0, 1, 0]);
  });

  it("solved with reopens 0 / 2: no / yes", () => {
    const r = reopenRate([{ createdAt: 0, resolvedAt: H, reopens: 0 }, { createdAt: 0, resolvedAt: H, reopens: 2, firstResolvedAt: H / 2 }]);
    expect([r.yes, r.no]).toEqual([1, 1]);
  });
});
