/**
 * cx-metrics/node: the Node-only parts (files, the CLI). Import the metrics themselves from "cx-metrics".
 *
 * @module cx-metrics/node
 */
export { runCli, type CliIo } from "./runCli.ts";
export { readRecordsFile } from "./readRecordsFile.ts";
export { surveyReport, type SurveyReport, type SurveyReportOptions, type SurveyReportFields, type MetricReport } from "./surveyReport.ts";
export { formatSurveyReport } from "./formatSurveyReport.ts";
export { textTable, type TextColumn } from "../render/_textGrid.ts";
// clv
export { clvReport, type ClvReport, type ClvReportOptions, type Spread } from "./clvReport.ts";
export { formatClvReport } from "./formatClvReport.ts";

// io: files, runParallel
export { fileChunks, type FileChunksOptions } from "./fileChunks.ts";
export { runParallel, type ParallelOptions } from "./runParallel.ts";
export { runCsv, type RunCsvOptions, type RunCounts, type CsvReport } from "./runCsv.ts";
export { RowError, type RejectRecord } from "./aggregateCsv.ts";
export type { MetricSpec } from "./metricSpec.ts";
export { METRICS, type MetricEntry, type ShownResult } from "./metricRegistry.ts";
export { formatBreakdown, type BreakdownFormat, type FormatContext } from "./formatBreakdown.ts";
// churn and retention
export { churnReport, type ChurnReport, type ChurnReportOptions } from "./churnReport.ts";
export { formatChurnReport } from "./formatChurnReport.ts";
// goals: the report's CSAT goal
export { surveyGoal, type SurveyGoal, type SurveyGoalOptions } from "./surveyGoal.ts";
export { formatGoalProgress, type GoalStyle } from "./formatGoalProgress.ts";
export { htmlReport, type HtmlReportInput } from "./htmlReport.ts";
