import { describe, expect, it } from "vitest";
import { timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { InvalidStateError } from "../../src/errors.ts";

// Review of issue 4, finding F1: a duration state's sum and histogram must agree with its sketch.
const H = 3_600_000;
const json = (x: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;
const tickets = [1, 2, 3, 4, 6].map((h) => ({ createdAt: 0, resolvedAt: h * H })).concat([{ createdAt: 0 } as never, { createdAt: H } as never]);

describe("time-to-resolution fromJSON refuses a sum or histogram that contradicts the durations (found in review)", () => {
  const agg = timeToResolutionAggregator({ asOf: 10 * H });
  let s = agg.empty();
  for (const t of tickets) s = agg.add(s, t);
  const good = json(s);

  it("accepts the state it wrote", () => {
    expect(() => agg.fromJSON(good)).not.toThrow();
  });

  it("refuses a sum far above or below the durations", () => {
    expect(() => agg.fromJSON({ ...good, sum: [1e300, 0] })).toThrow(InvalidStateError);
    expect(() => agg.fromJSON({ ...good, sum: [1e300, 0] })).toThrow(/^time-to-resolution state: field "sum"/);
    expect(() => agg.fromJSON({ ...good, sum: [1, 0] })).toThrow(/^time-to-resolution state: field "sum"/);
  });

  it("refuses a histogram that does not match the durations kept", () => {
    const h = (good["histogram"] as number[]).slice().reverse();
    expect(h).not.toEqual(good["histogram"]);
    expect(() => agg.fromJSON({ ...good, histogram: h })).toThrow(/^time-to-resolution state: field "histogram"/);
  });

  it("a merged state past the exact limit is still accepted", () => {
    const small = timeToResolutionAggregator({ asOf: 10 * H, exactLimit: 2 });
    const parts = tickets.map((t) => small.add(small.empty(), t));
    const m = parts.reduce((a, b) => small.merge(a, b));
    expect(() => small.fromJSON(json(m))).not.toThrow();
  });
});
