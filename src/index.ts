/**
 * cx-metrics core entry: browser-, Deno- and Node-safe (no Node-only imports anywhere under it).
 * Every export is pure and tree-shakeable.
 *
 * @module cx-metrics
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
// tickets: business calendar and quantile sketch
export {
  businessCalendar,
  type BusinessCalendar,
  type BusinessCalendarSpec,
  type NormalizedCalendarSpec,
  type HalfDay,
  type OpeningInterval,
  type Weekday,
} from "./time/businessCalendar.ts";
// tickets: metrics
export { readTicket, type Ticket, type TicketAccessors, type TicketMessage, type TicketStatus, type TicketStatusChange, type AuthorKind, type TicketRejection } from "./tickets/readTicket.ts";
export type { CalendarLike, ResolutionKind } from "./tickets/ticketEvents.ts";
export type { DurationUnit } from "./tickets/ticketOptions.ts";
export type { DurationOptions, DurationFigures, DurationBucket, CensoredSummary, DurationState, DurationStateOptions } from "./tickets/durationSummary.ts";
export { timeToResolution, timeToResolutionAggregator, type TimeToResolutionOptions, type TimeToResolutionResult, type TimeToResolutionState } from "./tickets/timeToResolution.ts";
export { firstResponseTime, firstResponseTimeAggregator, type FirstResponseTimeOptions, type FirstResponseTimeResult, type FirstResponseTimeState } from "./tickets/firstResponseTime.ts";
export { averageResponseTime, averageResponseTimeAggregator, type AverageResponseTimeOptions, type AverageResponseTimeResult, type AverageResponseTimeState } from "./tickets/averageResponseTime.ts";
export { ticketReplyTimes, type TicketReplyTimes, type TicketReplyTimesOptions } from "./tickets/ticketReplyTimes.ts";
export { ticketStatusTimes, type TicketStatusTimes, type TicketStatusTimesOptions } from "./tickets/ticketStatusTimes.ts";
export { statusTime, statusTimeAggregator, type StatusMeasure, type StatusTimeOptions, type StatusTimeResult, type StatusTimeState } from "./tickets/statusTime.ts";
export { slaAttainment, slaAttainmentAggregator, type SlaAttainmentOptions, type SlaAttainmentResult, type SlaAttainmentState, type SlaMetric } from "./tickets/slaAttainment.ts";
export type { TicketShareOptions, TicketShareResult, TicketCountsState } from "./tickets/ticketCounts.ts";
export { reopenRate, reopenRateAggregator, type ReopenRateResult, type ReopenRateState } from "./tickets/reopenRate.ts";
export { oneTouchResolution, oneTouchResolutionAggregator, type OneTouchResolutionResult, type OneTouchResolutionState } from "./tickets/oneTouchResolution.ts";
export { firstContactResolution, firstContactResolutionAggregator, type FirstContactResolutionResult, type FirstContactResolutionState } from "./tickets/firstContactResolution.ts";
export { generateTickets, SAMPLE_TEAMS, SAMPLE_TICKET_CHANNELS, SAMPLE_PRIORITIES, type SampleTicket, type SampleInstant, type TicketSampleOptions } from "./sample/generateTickets.ts";
export {
  quantileSketch,
  quantileSketchAggregator,
  type QuantileSketchAggregator,
  type QuantileSketchOptions,
  type QuantileSketchResult,
  type QuantileSketchState,
  type QuantileValue,
  type SketchStore,
} from "./stats/quantileSketch.ts";
export { sketchQuantile } from "./stats/sketchQuantile.ts";
export { sketchQuantiles } from "./stats/sketchQuantiles.ts";
export { kaplanMeier } from "./stats/kaplanMeier.ts";
export { kaplanMeierTable, type KaplanMeierOptions, type KaplanMeierResult, type KaplanMeierInterval } from "./stats/kaplanMeierTable.ts";
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./stats/nelderMead.ts";
export { numericalHessian, type NumericalHessianOptions } from "./stats/numericalHessian.ts";
export { invertMatrix } from "./stats/invertMatrix.ts";
// clv: rfm, gamma-gamma, simple clv, datasets
export { rfmSummary, rfmSummaryAggregator, type RfmSummaryOptions, type RfmTransaction, type RfmState, type RfmStateOptions, type RfmCustomerState } from "./clv/rfmSummary.ts";
export { rfmColumns } from "./clv/rfmColumns.ts";
export { DAYS_PER_UNIT, type RfmTimeUnit, type CustomerId, type RfmRow, type RfmSummary, type RfmColumns, type RfmData } from "./clv/rfmTypes.ts";
export { simpleClv, type SimpleClvInput, type SimpleClvResult } from "./clv/simpleClv.ts";
export { cdnowSample, type CdnowPurchase } from "./datasets/cdnowSample.ts";
export { datasets } from "./datasets/datasets.ts";
export { expectedAverageSpend, type GammaGammaParams } from "./clv/expectedAverageSpend.ts";
export { fitGammaGamma, type GammaGammaOptions, type GammaGammaFit, type GammaGammaFitted, type GammaGammaNoData } from "./clv/fitGammaGamma.ts";
// clv: bg/nbd, mbg/nbd, clv
export { hyp2f1 } from "./stats/hyp2f1.ts";
export { fitBgNbd } from "./clv/fitBgNbd.ts";
export { fitMbgNbd } from "./clv/fitMbgNbd.ts";
export type { BetaGeoFit, BetaGeoFitOptions, BetaGeoConvergence } from "./clv/betaGeoFit.ts";
export type { BetaGeoModel, BetaGeoParams, BetaGeoParamsLike, PurchaseHistory, ModelTimeUnit } from "./clv/betaGeoParams.ts";
export { expectedPurchases } from "./clv/expectedPurchases.ts";
export { conditionalExpectedPurchases } from "./clv/conditionalExpectedPurchases.ts";
export { probabilityAlive } from "./clv/probabilityAlive.ts";
export { probabilityOfPurchases } from "./clv/probabilityOfPurchases.ts";
export { predictPurchases, type PredictPurchasesOptions, type PurchasePredictions, type CustomerPrediction } from "./clv/predictPurchases.ts";
export type { EstimateWithInterval } from "./clv/deltaMethod.ts";
export { clvDeciles, type ClvDecile } from "./clv/clvDeciles.ts";
export { customerLifetimeValue, type CustomerLifetimeValueOptions, type CustomerLifetimeValueResult, type CustomerValue } from "./clv/customerLifetimeValue.ts";
export { evaluateHoldout, type EvaluateHoldoutOptions, type HoldoutEvaluation, type HoldoutGroup, type TrackingPeriod } from "./clv/evaluateHoldout.ts";
export { generateBetaGeoSummary } from "./sample/generateBetaGeoSummary.ts";
export { generateTransactions, type GeneratedTransaction, type GenerateTransactionsOptions } from "./sample/generateTransactions.ts";
export type { BetaGeoSampleOptions } from "./sample/betaGeoCustomer.ts";
// io: csv and ndjson decoding
export { decodeCsv, type CsvOptions, type CsvRecord, type CellValue } from "./io/decodeCsv.ts";
export { decodeCsvColumns, type CsvColumnsOptions } from "./io/decodeCsvColumns.ts";
export { decodeNdjson, type NdjsonRecord } from "./io/decodeNdjson.ts";
export { decodeNdjsonColumns, type NdjsonColumnsOptions } from "./io/decodeNdjsonColumns.ts";
export {
  DEFAULT_BATCH_SIZE,
  MISSING_BOOLEAN,
  type AnyColumnArray,
  type BatchOptions,
  type CategoryColumn,
  type ColumnArray,
  type ColumnBatch,
  type ColumnType,
  type ColumnTypes,
  type DecodeOptions,
  type DecodeSource,
  type DecodeStats,
  type DecodeStream,
  type RejectCode,
  type RejectedRow,
} from "./io/decodeTypes.ts";

// cli: the survey sample as CSV (cx-metrics generate --kind survey)
export { surveyCsvChunks, SAMPLE_SEGMENTS } from "./sample/surveyCsvChunks.ts";
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
// goals
export {
  goalProgress,
  type GoalProgress,
  type GoalPoint,
  type GoalProgressInput,
  type GoalTrend,
  type GoalProjection,
  type ScoredResult,
} from "./goals/goalProgress.ts";
// render: shared chart options
export type { ChartOptions, LegendItem } from "./render/_svg.ts";
// render: tables
export { toTable, type ToTableOptions } from "./render/toTable.ts";

// render: charts (trend, segments, distribution)
export { trendChart, type TrendChartOptions, type TrendGoal, type TrendResult, type TrendRow, type TrendSeries } from "./render/trendChart.ts";
export { npsBarChart, type NpsBarChartOptions, type NpsBarInput, type NpsBarResult } from "./render/npsBarChart.ts";
export { distributionChart, type DistributionChartOptions } from "./render/distributionChart.ts";
// render: charts (histogram, survival, cohort, clv)
export { durationHistogram, type DurationHistogramOptions } from "./render/durationHistogram.ts";
export { survivalChart, type SurvivalChartOptions } from "./render/survivalChart.ts";
export { cohortHeatmap, type CohortHeatmapOptions } from "./render/cohortHeatmap.ts";
export { clvDecileChart, type ClvDecileChartOptions } from "./render/clvDecileChart.ts";
// render: notebook display
export { display, JUPYTER_DISPLAY, type ChartKind, type CxDisplay, type DisplayOptions, type JupyterMimeBundle } from "./render/display.ts";
