/**
 * cx-metrics/schemas: zod 4 schemas of every record type, option object (without accessors) and aggregator state,
 * their JSON Schemas, and {@link validateRecords} for any Standard Schema v1 validator. The only part of cx-metrics
 * that imports zod; every schema is built on first use and cached, so importing this entry builds none.
 *
 * @example
 * import { npsStateSchema, validateRecords, surveyRecordSchema, toJsonSchema } from "cx-metrics/schemas";
 * npsStateSchema().parse(JSON.parse(stored)); // a typed NpsState, or a ZodError naming the damaged field
 * @see https://standardschema.dev
 * @see https://zod.dev/json-schema
 * @module cx-metrics/schemas
 */
export { surveyAnswerSchema, surveyRecordSchema, type SurveyRecord } from "./records.ts";
export {
  breakdownOptionsSchema,
  cesOptionsSchema,
  csatOptionsSchema,
  npsOptionsSchema,
  type BreakdownOptionsData,
  type CesOptionsData,
  type CsatOptionsData,
  type NpsOptionsData,
  type PeriodOptionsData,
} from "./options.ts";
export { breakdownStateSchema, cesStateSchema, csatStateSchema, npsStateSchema, periodSpecSchema, type SurveyState } from "./states.ts";
export { jsonSchemas, schemaNames, toJsonSchema, type JsonSchema, type SchemaName } from "./jsonSchemas.ts";
export { validateRecords, validateRecordsAsync, type ValidateRecordsOptions, type ValidatedRecords } from "./validateRecords.ts";
export type { StandardSchemaV1 } from "./standardSchema.ts";
// clv
export { rfmStateSchema } from "./rfmState.ts";
// churn and retention
export { subscriptionRecordSchema, mrrEventSchema, type SubscriptionRecord, type MrrEventRecord } from "./churnRecords.ts";
