import { goalProgress, type GoalProgress } from "../goals/goalProgress.ts";
import { periodOf } from "../time/periodIndexer.ts";
import { parseInstant } from "../time/parseInstant.ts";
import type { SurveyReport } from "./surveyReport.ts";

/** Options of {@link surveyGoal}: the goal's target and deadline, when not the report's defaults. */
export interface SurveyGoalOptions {
  /** The CSAT to reach, in percent. Default: the baseline + 3 points. */
  target?: number;
  /** The deadline (Date, epoch ms or ISO 8601; no offset: the report's zone). Default: the end of the next quarter. */
  deadline?: unknown;
}

/** The report's CSAT goal and the sentence that says how it was chosen. */
export interface SurveyGoal {
  /** The goal's progress; null when no period has a CSAT score (no baseline). */
  progress: GoalProgress | null;
  /** How baseline, target and deadline were chosen, for the reader of the report. */
  description: string;
}

/** Points above the baseline of the default target. */
const DEFAULT_RISE = 3;

/**
 * The CSAT goal of a survey report: baseline = the CSAT of the report's first period with answers, target = the
 * baseline + 3 points, at most 100% (or `options.target`; none by default when the baseline is already 100%), deadline = the end of the quarter after the one holding the report's
 * last answer (or `options.deadline`), tracked with {@link goalProgress} over the report's CSAT by period.
 * O(periods).
 *
 * @param report the data from surveyReport
 * @param options target and deadline
 * @returns the goal and a sentence describing it
 * @example
 * surveyGoal(surveyReport(generateSurveySample())).progress.deadline // => "2026-04-01T00:00:00.000Z" (end of 2026-Q1)
 * @see goalProgress
 */
export function surveyGoal(report: SurveyReport, options: SurveyGoalOptions = {}): SurveyGoal {
  const rows = [...report.csat.byPeriod.rows].sort((a, b) => (a.periodStart ?? "").localeCompare(b.periodStart ?? ""));
  const first = rows.find((r) => r.result.score !== null);
  if (first === undefined || first.result.score === null) return { progress: null, description: "No period has a CSAT score: no baseline for a goal." };
  const baseline = first.result.score;
  // the default target stays on the CSAT scale: + 3 points, at most 100%
  if (options.target === undefined && baseline >= 100) {
    return { progress: null, description: `The CSAT of ${first.period} is already 100%: no higher default target (give one with --goal-target).` };
  }
  const target = options.target ?? Math.min(100, baseline + DEFAULT_RISE);
  let deadline = options.deadline;
  let by: string;
  if (deadline === undefined) {
    const spec = { unit: "quarter" as const, timeZone: report.timeZone, weekStartsOn: 1 as const };
    const lastAt = parseInstant(report.to, "UTC") ?? parseInstant(rows[rows.length - 1]!.periodStart, "UTC")!;
    const next = periodOf(periodOf(lastAt, spec).end, spec);
    deadline = next.end;
    by = `the end of ${next.label}, the quarter after the last answer`;
  } else by = "the deadline given";
  const progress = goalProgress({ series: report.csat.byPeriod, baseline, target, deadline, level: report.level, timeZone: report.timeZone });
  const targetHow = options.target !== undefined ? "the target given" : target === 100 ? "100% (the baseline + 3 points would pass it)" : `the baseline + ${DEFAULT_RISE} points`;
  return {
    progress,
    description: `Baseline: CSAT of ${first.period} (the first ${report.period} with answers); target: ${targetHow}; deadline: ${by}.`,
  };
}
