import { checkLevel } from "../_lib/checkOptions.ts";
import { compareNps } from "./compareNps.ts";
import type { NpsResult } from "./nps.ts";
import type { CsatResult } from "./csat.ts";
import type { CesResult } from "./ces.ts";
import { twoProportionTest } from "../stats/twoProportionTest.ts";
import { welchTTest } from "../stats/welchTTest.ts";
import type { ConfidenceInterval } from "../stats/wilsonInterval.ts";
import type { BreakdownResult, BreakdownRow } from "../aggregate/breakdown.ts";

/** A row's change against the previous period of the same key. */
export interface PeriodChange {
  /** The period compared against (the latest earlier period with a row for the same key). */
  previousPeriod: string;
  /** The previous score. */
  previous: number;
  /** score - previous, in the metric's units (points for NPS and CSAT, scale units for CES). */
  difference: number;
  /** Interval of the difference. */
  ci: ConfidenceInterval | null;
  /** Two-sided p-value; `null` when no test is possible (e.g. no variance). */
  pValue: number | null;
  /** pValue < 1 - level; `null` when no test is possible (pValue null), as in compareNps. */
  significant: boolean | null;
  /** The test used: `"z"` for NPS, `"two-proportion-z"` for CSAT, `"welch-t"` for CES means. */
  test: "z" | "two-proportion-z" | "welch-t";
}

/** A breakdown row with its change; `change` is null for a key's first period or when either score is null. */
export type ComparedRow<Out> = BreakdownRow<Out> & { change: PeriodChange | null };

/** A breakdown result whose rows carry their period-over-period change. */
export type ComparedBreakdown<Out> = Omit<BreakdownResult<Out>, "rows"> & { rows: ComparedRow<Out>[] };

/** The results comparePeriods knows how to test. */
export type ComparableResult = NpsResult | CsatResult | CesResult;

/**
 * Add to each breakdown row its change against the previous period of the same key, and whether it is significant.
 *
 *   NPS:  z-test on the difference of scores, SE = sqrt(SE_1^2 + SE_2^2)            (see compareNps)
 *   CSAT: two-proportion z-test on satisfied / n (pooled), Wald interval of the difference
 *   CES:  Welch's t-test on the means
 * Rows are compared within a key in period order; the previous period is the latest earlier one that has a row
 * (use `complete: true` in the breakdown to compare strictly consecutive periods: a period after an empty one then
 * gets no change). A row without a score, or whose previous row has none, gets `change: null`. O(rows log rows).
 *
 * @param result a breakdown of NPS, CSAT or CES results with a period
 * @param options `level` for intervals and significance (default 0.95)
 * @returns the same result with `change` on every row
 * @example
 * comparePeriods(breakdown(npsAggregator({ value: (r) => r.nps }), answers, { by, period })).rows[1].change
 * // => { previousPeriod: "2025-01", previous: 31.2, difference: 4.5, ci: {...}, pValue: 0.04, significant: true, test: "z" }
 * @see Welch (1947); Agresti (2013), Categorical Data Analysis, section 3.1
 */
export function comparePeriods<Out extends ComparableResult>(result: BreakdownResult<Out>, options: { level?: number } = {}): ComparedBreakdown<Out> {
  const level = checkLevel("comparePeriods", options.level);
  const last = new Map<string, BreakdownRow<Out>>();
  const ordered = [...result.rows].sort((x, y) => (x.periodStart ?? "").localeCompare(y.periodStart ?? ""));
  const changes = new Map<BreakdownRow<Out>, PeriodChange | null>();
  for (const row of ordered) {
    const id = JSON.stringify(result.by.map((k) => row.key[k] ?? null));
    const prev = last.get(id);
    changes.set(row, prev && row.period !== null && prev.period !== null ? changeOf(prev.period, prev.result, row.result, level) : null);
    // every row counts as the key's latest period: with `complete: true` an empty period breaks the chain
    // (its successor gets change null) instead of being skipped
    last.set(id, row);
  }
  return { ...result, rows: result.rows.map((r) => ({ ...r, change: changes.get(r) ?? null })) };
}

function changeOf(previousPeriod: string, prev: ComparableResult, cur: ComparableResult, level: number): PeriodChange | null {
  if (prev.score === null || cur.score === null) return null;
  const difference = cur.score - prev.score;
  const alpha = 1 - level;
  if (cur.metric === "nps" && prev.metric === "nps") {
    const c = compareNps(cur, prev, { level });
    return { previousPeriod, previous: prev.score, difference, ci: c.ci, pValue: c.pValue, significant: c.significant, test: "z" };
  }
  if (cur.metric === "csat" && prev.metric === "csat") {
    const t = twoProportionTest(cur.satisfied, cur.n, prev.satisfied, prev.n, level);
    const ci = { lower: 100 * t.ci.lower, upper: 100 * t.ci.upper, level, method: "wald" };
    return { previousPeriod, previous: prev.score, difference, ci, pValue: t.pValue, significant: t.pValue === null ? null : t.pValue < alpha, test: "two-proportion-z" };
  }
  if (cur.metric === "ces" && prev.metric === "ces") {
    if (cur.standardDeviation === null || prev.standardDeviation === null) {
      return { previousPeriod, previous: prev.score, difference, ci: null, pValue: null, significant: null, test: "welch-t" };
    }
    const t = welchTTest({ mean: cur.score, standardDeviation: cur.standardDeviation, n: cur.n }, { mean: prev.score, standardDeviation: prev.standardDeviation, n: prev.n }, level);
    return { previousPeriod, previous: prev.score, difference, ci: t.ci, pValue: t.pValue, significant: t.pValue === null ? null : t.pValue < alpha, test: "welch-t" };
  }
  return null;
}
