import { describe, expect, it } from "vitest";
import { businessCalendar } from "../../src/time/businessCalendar.ts";
import { timeToResolutionAggregator } from "../../src/tickets/timeToResolution.ts";
import { InvalidOptionError } from "../../src/errors.ts";

// Review of issue 4, finding 6: a misspelt top-level key (holiday for holidays) silently dropped the holidays, and
// the zone was kept as typed, so two spellings of the same zone made states that refused to merge.
const hours = { mon: [["09:00", "17:00"]] } as const;

describe("businessCalendar spec: unknown keys refused, zone canonicalised (found in review)", () => {
  it("refuses an unknown top-level key, naming it", () => {
    const bad = { timeZone: "UTC", hours, holiday: ["2024-12-25"] } as never;
    expect(() => businessCalendar(bad)).toThrow(InvalidOptionError);
    expect(() => businessCalendar(bad)).toThrow(/holiday/);
  });

  it("stores the zone's canonical name", () => {
    expect(businessCalendar({ timeZone: "europe/berlin", hours }).spec.timeZone).toBe("Europe/Berlin");
    expect(businessCalendar({ timeZone: "utc", hours }).spec.timeZone).toBe("UTC");
  });

  it("states built from two spellings of one zone merge", () => {
    const a = timeToResolutionAggregator({ calendar: businessCalendar({ timeZone: "Europe/Berlin", hours }) });
    const b = timeToResolutionAggregator({ calendar: businessCalendar({ timeZone: "europe/berlin", hours }) });
    expect(() => a.merge(a.empty(), b.empty())).not.toThrow();
  });
});
