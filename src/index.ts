/**
 * cx-metrics core entry: browser-, Deno- and Node-safe (no Node-only imports anywhere under it).
 * Every export is pure and tree-shakeable.
 */
export { CxError, InvalidRecordError, InvalidOptionError, InvalidStateError, IncompatibleStatesError, type CxErrorCode, type InvalidRecordInfo } from "./errors.ts";
export type { Aggregator, AggregatorState, OnInvalid, AggregatorInput, AggregatorStateOf, AggregatorResult } from "./aggregate/aggregator.ts";
export type { InvalidLog, InvalidSummary } from "./_lib/invalidLog.ts";
export { runAggregator, type RecordSource, type RunOptions } from "./aggregate/runAggregator.ts";
export {
  breakdown,
  breakdownAggregator,
  type BreakdownAggregator,
  type BreakdownOptions,
  type BreakdownResult,
  type BreakdownRow,
  type BreakdownState,
  type BreakdownGroup,
  type ColumnTable,
  type KeyValue,
} from "./aggregate/breakdown.ts";
export { nps, npsAggregator, type NpsOptions, type NpsResult, type NpsState, type NpsBands } from "./survey/nps.ts";
export { npsInterval, type NpsIntervalMethod, type NpsShares } from "./survey/npsInterval.ts";
export { parseInstant } from "./time/parseInstant.ts";
export { periodOf, type Period, type PeriodSpec, type PeriodUnit, type WeekStartsOn } from "./time/periodIndexer.ts";
export { normalCdf } from "./stats/normalCdf.ts";
export { normalDensity } from "./stats/normalDensity.ts";
export { normalQuantile } from "./stats/normalQuantile.ts";
export { normalUpperTail } from "./stats/normalUpperTail.ts";
export { zForLevel } from "./stats/zForLevel.ts";
export { studentTQuantile } from "./stats/studentTQuantile.ts";
export { studentTUpperTail } from "./stats/studentTUpperTail.ts";
export { tForLevel } from "./stats/tForLevel.ts";
export { wilsonInterval, type ConfidenceInterval } from "./stats/wilsonInterval.ts";
export { seededRandom, type SeededRandom } from "./sample/seededRandom.ts";
export { generateSurveySample, type SurveyAnswer } from "./sample/generateSurveySample.ts";
export {
  generateSurveyColumns,
  SAMPLE_CHANNELS,
  SAMPLE_TOUCHPOINTS,
  SAMPLE_REGIONS,
  type SurveyColumns,
  type SurveySampleOptions,
} from "./sample/generateSurveyColumns.ts";
export { csat, csatAggregator, type CsatOptions, type CsatResult, type CsatState, type CsatStateOptions } from "./survey/csat.ts";
export { ces, cesAggregator, type CesOptions, type CesResult, type CesState, type CesStateOptions, type PointRange, type ShareWithInterval } from "./survey/ces.ts";
export type { ScaleCountsState } from "./survey/scaleCounts.ts";
export { compareNps, type CompareNpsOptions, type NpsComparison, type NpsSummary } from "./survey/compareNps.ts";
export { npsSampleSize, type NpsSampleSizeOptions, type NpsSampleSize } from "./survey/npsSampleSize.ts";
export { comparePeriods, type PeriodChange, type ComparedRow, type ComparedBreakdown, type ComparableResult } from "./survey/comparePeriods.ts";
export { pValueOf, type Alternative } from "./stats/pValue.ts";
export { twoProportionTest, type TwoProportionTest } from "./stats/twoProportionTest.ts";
export { welchTTest, type WelchTTest, type SampleSummary } from "./stats/welchTTest.ts";
export { kaplanMeier } from "./stats/kaplanMeier.ts";
export { kaplanMeierTable, type KaplanMeierOptions, type KaplanMeierResult, type KaplanMeierInterval } from "./stats/kaplanMeierTable.ts";
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./stats/nelderMead.ts";
export { numericalHessian, type NumericalHessianOptions } from "./stats/numericalHessian.ts";
export { invertMatrix } from "./stats/invertMatrix.ts";
// churn and retention
export type { SubscriptionAccessors, Subscription } from "./churn/subscriptionRecord.ts";
export {
  churnCountsAggregator,
  MAX_CHURN_PERIODS,
  type ChurnCountsAggregator,
  type ChurnCountsOptions,
  type ChurnCountsResult,
  type ChurnCountsState,
  type ChurnCountsStateOptions,
  type ChurnMethod,
  type ChurnRateRow,
} from "./churn/churnCounts.ts";
export { churnRate, type ChurnRateOptions, type ChurnRateResult } from "./churn/churnRate.ts";
export { churnRateSeries, type ChurnRateSeriesOptions } from "./churn/churnRateSeries.ts";
export { convertChurnRate, type ChurnRateUnit } from "./churn/convertChurnRate.ts";
export { poissonInterval } from "./stats/poissonInterval.ts";
export {
  churnByReason,
  churnByReasonAggregator,
  type ChurnByReasonAggregator,
  type ChurnByReasonOptions,
  type ChurnByReasonResult,
  type ChurnByReasonState,
  type ChurnByReasonStateOptions,
  type ChurnReasonRow,
} from "./churn/churnByReason.ts";
export {
  revenueChurn,
  mrrMovementsAggregator,
  type CustomerMrr,
  type MrrMovementRow,
  type MrrMovementsAggregator,
  type MrrMovementsState,
  type MrrMovementsStateOptions,
  type RevenueChurnOptions,
  type RevenueChurnResult,
} from "./churn/revenueChurn.ts";
export {
  cohortRetention,
  cohortCountsAggregator,
  type CohortCell,
  type CohortCountsAggregator,
  type CohortCountsState,
  type CohortCountsStateOptions,
  type CohortRetentionOptions,
  type CohortRetentionResult,
} from "./churn/cohortRetention.ts";
export { survivalCurve, type SurvivalCurveOptions, type SurvivalCurveResult, type TenureUnit } from "./churn/survivalCurve.ts";
export type { SbgParams } from "./churn/sbgParams.ts";
export { fitSbg, type FitSbgOptions, type FitSbgResult } from "./churn/fitSbg.ts";
export { sbgSurvival } from "./churn/sbgSurvival.ts";
export { sbgRetention } from "./churn/sbgRetention.ts";
export { sbgProjection, type SbgProjectionRow } from "./churn/sbgProjection.ts";
export { sbgDerl } from "./churn/sbgDerl.ts";
export {
  generateSubscriptions,
  SAMPLE_PLANS,
  SAMPLE_CHURN_REASONS,
  type SampleMrrEvent,
  type SampleSubscription,
  type SubscriptionSampleOptions,
} from "./sample/generateSubscriptions.ts";
