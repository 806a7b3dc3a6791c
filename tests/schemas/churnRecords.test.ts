import { describe, expect, it } from "vitest";
import { mrrEventSchema, subscriptionRecordSchema } from "../../src/schemas/churnRecords.ts";
import { generateSubscriptions } from "../../src/sample/generateSubscriptions.ts";

describe("churn record schemas", () => {
  it("accept the sample and refuse what the churn functions refuse", () => {
    const { subscriptions, events } = generateSubscriptions({ seed: 2, customers: 50 });
    for (const s of subscriptions) expect(subscriptionRecordSchema().safeParse(s).success).toBe(true);
    for (const e of events) expect(mrrEventSchema().safeParse(e).success).toBe(true);
    expect(subscriptionRecordSchema().safeParse({ customerId: 1, start: "2024-01-05", end: "2024-01-01" }).success).toBe(false);
    expect(subscriptionRecordSchema().safeParse({ customerId: "", start: "2024-01-05" }).success).toBe(false);
    expect(subscriptionRecordSchema().safeParse({ customerId: 1, start: "05/01/2024" }).success).toBe(false);
    expect(subscriptionRecordSchema().safeParse({ customerId: 1, start: "2024-01-05", reason: 7 }).success).toBe(false);
    expect(subscriptionRecordSchema().safeParse({ customerId: 1, start: "2024-01-05", end: null, plan: "pro" }).data).toEqual({ customerId: 1, start: "2024-01-05", end: null, plan: "pro" });
    expect(mrrEventSchema().safeParse({ customerId: 1, at: "2024-01-05", mrr: -3 }).success).toBe(false);
    expect(mrrEventSchema().safeParse({ customerId: 1, at: "2024-01-05", mrr: Number.POSITIVE_INFINITY }).success).toBe(false);
  });
});
