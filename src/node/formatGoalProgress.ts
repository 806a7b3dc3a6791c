import type { GoalProgress } from "../goals/goalProgress.ts";

/** How the goal's metric reads: its name and how a score and a difference are written. */
export interface GoalStyle {
  name: string;
  score(x: number): string;
  difference(x: number): string;
}

/** CSAT: percentages and points. */
const CSAT: GoalStyle = { name: "CSAT", score: (x) => `${x.toFixed(1)}%`, difference: (x) => `${signed(x, 2)} pts` };

const STATUS: Record<GoalProgress["status"], string> = {
  achieved: "achieved: the latest score is through the target",
  "on-track": "on track: the whole interval of the trend at the deadline is through the target",
  "off-track": "off track: none of the trend's interval at the deadline reaches the target",
  uncertain: "uncertain: the trend's interval at the deadline straddles the target",
  "insufficient-data": "insufficient data: fewer than 3 periods with a score, no interval",
};

/**
 * A goal's progress as terminal text: baseline, target and deadline, the current score and the share of the way
 * covered, the least-squares trend, its value at the deadline with the confidence interval of the trend line (not
 * of one period), the probability that the line is through the target there, and the status. Deterministic.
 *
 *   progress = (current - baseline) / (target - baseline);  trend per 30 days = slopePerDay * 30
 *
 * @param goal the result of goalProgress, or null (no baseline)
 * @param description one sentence on how the goal was chosen
 * @param style the metric's name and number format (default CSAT in percent)
 * @returns lines of text, ending with a newline
 * @example
 * process.stdout.write(formatGoalProgress(surveyGoal(report).progress, "Baseline: ..."));
 * @see goalProgress
 */
export function formatGoalProgress(goal: GoalProgress | null, description: string, style: GoalStyle = CSAT): string {
  const lines = [`${style.name} goal`, `  ${description}`];
  if (goal === null) return `${lines.join("\n")}\n`;
  const level = `${Math.round(goal.level * 1000) / 10}%`;
  lines.push(`  ${goal.direction === "increase" ? "Raise" : "Lower"} ${style.name} from ${style.score(goal.baseline)} to ${style.score(goal.target)} by ${goal.deadline}.`);
  const c = goal.current;
  lines.push(
    c === null
      ? "  Current: no data."
      : `  Current: ${style.score(c.score)} (${c.period ?? c.at.slice(0, 10)}), ${style.difference(c.score - goal.baseline)} from the baseline: ${Math.round(100 * goal.progress!)}% of the way.`,
  );
  if (goal.missing > 0) lines.push(`  ${goal.missing} period${goal.missing === 1 ? "" : "s"} without a score (kept as gaps, not in the trend).`);
  const t = goal.trend;
  if (t !== null) {
    const fit = [t.rSquared === null ? null : `R^2 ${t.rSquared.toFixed(3)}`, t.residualStandardError === null ? null : `residual SE ${t.residualStandardError.toFixed(2)}`].filter((x) => x !== null);
    lines.push(`  Trend: ${style.difference(30 * t.slopePerDay)} per 30 days (least squares over ${t.n} periods${fit.length > 0 ? `; ${fit.join(", ")}` : ""}).`);
  }
  const p = goal.projection;
  if (p !== null) {
    const ci = p.ci === null ? "" : ` [${p.ci.lower.toFixed(1)}, ${p.ci.upper.toFixed(1)}] (${level} confidence interval of the trend line, not of one period)`;
    lines.push(`  At the deadline the trend gives ${style.score(p.value)}${ci}.`);
    if (p.probability !== null) lines.push(`  Probability that the trend line is through the target at the deadline: ${p.probability.toFixed(3)}.`);
  }
  lines.push(`  Status: ${STATUS[goal.status]}.`);
  return `${lines.join("\n")}\n`;
}

function signed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return x > 0 && s !== (0).toFixed(digits) ? `+${s}` : s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}
