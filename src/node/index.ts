/**
 * cx-metrics/node: the Node-only parts (files, the CLI). Import the metrics themselves from "cx-metrics".
 */
export { runCli, type CliIo } from "./runCli.ts";
export { readRecordsFile } from "./readRecordsFile.ts";
export { surveyReport, type SurveyReport, type SurveyReportOptions, type SurveyReportFields, type MetricReport } from "./surveyReport.ts";
export { formatSurveyReport } from "./formatSurveyReport.ts";
export { textTable, type TextColumn } from "./textTable.ts";
// churn and retention
export { churnReport, type ChurnReport, type ChurnReportOptions } from "./churnReport.ts";
export { formatChurnReport } from "./formatChurnReport.ts";
