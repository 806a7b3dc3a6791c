import { describe, expect, it } from "vitest";
import { firstResponseTime } from "../../src/tickets/firstResponseTime.ts";
import { InvalidRecordError } from "../../src/errors.ts";

// Review of issue 4, finding 4: a customer ticket whose description is missing from the exported timeline (only the
// replies were exported) was read as agent-opened and dropped (noCustomerMessage). Zendesk decides "agent-created"
// from who submitted the ticket, so the record can now say so with `openedBy`. Worked by hand: created at 0, the
// first public agent message at 2 h -> 2 h for a customer-opened ticket.
const H = 3_600_000;

describe("firstResponseTime: openedBy says who opened the ticket (found in review)", () => {
  it("openedBy customer: the clock starts at creation even when the timeline starts with the agent", () => {
    const r = firstResponseTime([{ createdAt: 0, openedBy: "customer", messages: [{ at: 2 * H, author: "agent" }] }], { unit: "hours" });
    expect([r.n, r.noCustomerMessage, r.median]).toEqual([1, 0, 2]);
  });

  it("openedBy agent: the clock starts at the customer's first public message (1 h), reply at 3 h -> 2 h", () => {
    const messages = [{ at: 1 * H, author: "customer" }, { at: 3 * H, author: "agent" }];
    const r = firstResponseTime([{ createdAt: 0, openedBy: "agent", messages }], { unit: "hours" });
    expect(r.median).toBe(2);
    // without openedBy the timeline's first public message (the customer's) makes it customer-opened: 3 h
    expect(firstResponseTime([{ createdAt: 0, messages }], { unit: "hours" }).median).toBe(3);
  });

  it("without openedBy the timeline rule stays: agent first, no customer message -> noCustomerMessage", () => {
    const r = firstResponseTime([{ createdAt: 0, messages: [{ at: 2 * H, author: "agent" }] }]);
    expect([r.n, r.noCustomerMessage]).toEqual([0, 1]);
  });

  it("an unknown openedBy is invalid, naming the field", () => {
    expect(() => firstResponseTime([{ createdAt: 0, openedBy: "robot" }])).toThrow(InvalidRecordError);
    expect(() => firstResponseTime([{ createdAt: 0, openedBy: "robot" }])).toThrow(/openedBy/);
  });
});
