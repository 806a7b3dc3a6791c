import { describe, expect, it } from "vitest";
import { averageResponseTimeAggregator } from "../../src/tickets/averageResponseTime.ts";

// Own review (the same defect as review finding 3 in another state): averageResponseTime's fromJSON accepted a sum
// that contradicts the response times in its sketch, giving a mean outside [min, max].
const M = 60_000;
const json = (x: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;

describe("average-response-time fromJSON refuses a sum that contradicts the sketch (found in review)", () => {
  const agg = averageResponseTimeAggregator();
  const s = json(agg.add(agg.empty(), { createdAt: 0, messages: [{ at: 0, author: "customer" }, { at: 10 * M, author: "agent" }, { at: 15 * M, author: "customer" }, { at: 45 * M, author: "agent" }] }));

  it("accepts its own state and refuses a damaged sum", () => {
    expect(() => agg.fromJSON(s)).not.toThrow();
    expect(() => agg.fromJSON({ ...s, sum: [1e300, 0] })).toThrow(/^average-response-time state: field "sum"/);
    expect(() => agg.fromJSON({ ...s, sum: [1, 0] })).toThrow(/^average-response-time state: field "sum"/);
  });
});
