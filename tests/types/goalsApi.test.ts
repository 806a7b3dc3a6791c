/**
 * Type tests of goalProgress (issue 8, point 3): it takes breakdowns of score results (NPS, CSAT, CES), compared
 * breakdowns and point arrays, and refuses a breakdown whose results have no `score` (e.g. ticket durations).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  comparePeriods,
  goalProgress,
  type BreakdownResult,
  type ConfidenceInterval,
  type CsatResult,
  type GoalPoint,
  type GoalProgress,
  type GoalProgressInput,
  type NpsResult,
  type TimeToResolutionResult,
} from "../../src/index.ts";

declare const byMonth: BreakdownResult<NpsResult>;
declare const csatByMonth: BreakdownResult<CsatResult>;
declare const durations: BreakdownResult<TimeToResolutionResult>;
declare const points: readonly GoalPoint[];

describe("goalProgress types", () => {
  it("accepts score series and returns a plain GoalProgress", () => {
    if (false as boolean) {
      expectTypeOf(goalProgress({ series: byMonth, baseline: 30, target: 40, deadline: "2025-12-31" })).toEqualTypeOf<GoalProgress>();
      goalProgress({ series: comparePeriods(csatByMonth), baseline: 60, target: 70, deadline: new Date(), key: { channel: "chat" }, level: 0.9 });
      goalProgress({ series: points, baseline: 5, target: 4, deadline: 1767225600000, timeZone: "Europe/Berlin" });
      // @ts-expect-error: ticket durations have no score to set a goal on
      goalProgress({ series: durations, baseline: 10, target: 8, deadline: "2025-12-31" });
    }
    expectTypeOf<GoalProgress["status"]>().toEqualTypeOf<"achieved" | "on-track" | "off-track" | "uncertain" | "insufficient-data">();
    expectTypeOf<NonNullable<GoalProgress["projection"]>["ci"]>().toEqualTypeOf<ConfidenceInterval | null>();
    expectTypeOf<GoalProgressInput["level"]>().toEqualTypeOf<number | undefined>();
    expect(typeof goalProgress).toBe("function");
  });
});
