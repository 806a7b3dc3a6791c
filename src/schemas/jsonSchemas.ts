import * as z from "zod";
import { breakdownOptionsSchema, cesOptionsSchema, csatOptionsSchema, npsOptionsSchema } from "./options.ts";
import { surveyAnswerSchema, surveyRecordSchema } from "./records.ts";
import { rfmStateSchema } from "./rfmState.ts";
import { breakdownStateSchema, cesStateSchema, csatStateSchema, npsStateSchema, periodSpecSchema } from "./states.ts";
import { mrrEventSchema, subscriptionRecordSchema } from "./churnRecords.ts";

/**
 * The names of the schemas that {@link toJsonSchema} and {@link jsonSchemas} describe.
 * @example
 * const name: SchemaName = "BreakdownState";
 * @see https://standardschema.dev
 */
export type SchemaName =
  | "SurveyRecord"
  | "SurveyAnswer"
  | "NpsOptions"
  | "CsatOptions"
  | "CesOptions"
  | "BreakdownOptions"
  | "PeriodSpec"
  | "NpsState"
  | "CsatState"
  | "CesState"
  | "BreakdownState"
  | "SubscriptionRecord"
  | "MrrEventRecord"
  | "RfmState";

/**
 * A JSON Schema document (draft 2020-12): plain JSON, safe to store, send and `JSON.stringify`.
 * @example
 * const s: JsonSchema = toJsonSchema("NpsState");
 * @see https://json-schema.org/draft/2020-12
 */
export type JsonSchema = { [keyword: string]: unknown };

const SCHEMAS: Record<SchemaName, { schema: () => z.ZodType; description: string }> = {
  SurveyRecord: { schema: surveyRecordSchema, description: "A survey answer: score (null when skipped), answeredAt instant, segment fields, optional weight." },
  SurveyAnswer: { schema: surveyAnswerSchema, description: "One answer of the cx-metrics seeded survey sample." },
  NpsOptions: { schema: npsOptionsSchema, description: "NPS options as data: bands, level, interval, onInvalid." },
  CsatOptions: { schema: csatOptionsSchema, description: "CSAT options as data: scale, satisfiedMin, level, onInvalid." },
  CesOptions: { schema: cesOptionsSchema, description: "CES options as data: scale, direction, easy, difficult, level, onInvalid." },
  BreakdownOptions: { schema: breakdownOptionsSchema, description: "Breakdown options as data: period (unit, timeZone, weekStartsOn), complete, onInvalid." },
  PeriodSpec: { schema: periodSpecSchema, description: "A breakdown period as states and results carry it: unit, timeZone, weekStartsOn." },
  NpsState: { schema: npsStateSchema, description: "A serialized NPS aggregator state (version 1)." },
  CsatState: { schema: csatStateSchema, description: "A serialized CSAT aggregator state (version 1)." },
  CesState: { schema: cesStateSchema, description: "A serialized CES aggregator state (version 1)." },
  BreakdownState: { schema: breakdownStateSchema, description: "A serialized breakdown state (version 1) over NPS, CSAT or CES states." },
  SubscriptionRecord: { schema: subscriptionRecordSchema, description: "A subscription: customerId, start, optional end (null while active) and cancellation reason." },
  MrrEventRecord: { schema: mrrEventSchema, description: "An MRR change event: customerId, at, the customer's MRR from then on (0 = no longer paying)." },
  RfmState: { schema: rfmStateSchema, description: "A serialized rfmSummary aggregator state (version 1): options and, per customer, the purchase days and their amounts." },
};

/**
 * Every name {@link toJsonSchema} accepts, in a stable order.
 * @example
 * schemaNames.includes("NpsState") // => true
 * @see https://standardschema.dev
 */
export const schemaNames: readonly SchemaName[] = Object.keys(SCHEMAS) as SchemaName[];

/**
 * The JSON Schema (draft 2020-12) of one of the cx-metrics schemas, for dashboards, warehouses and API specs,
 * made by zod 4's `z.toJSONSchema` from the schema's input side (what it accepts; unknown fields that the schema
 * strips are allowed). A `Date` instant is described as the ISO 8601 string `JSON.stringify` writes for it.
 * Rules that JSON Schema cannot say (a group id that must match its key, counts per scale point, a known time zone)
 * are checked by the zod schema only. Returns a fresh plain object each call.
 *
 * @param name one of {@link schemaNames}
 * @returns a JSON Schema document with `$schema`, `title` and `description`
 * @example
 * toJsonSchema("NpsState").$schema // => "https://json-schema.org/draft/2020-12/schema"
 * @see https://json-schema.org/draft/2020-12 and https://zod.dev/json-schema
 * @see https://standardschema.dev
 */
export function toJsonSchema(name: SchemaName): JsonSchema {
  const entry = SCHEMAS[name];
  if (entry === undefined) throw new TypeError(`toJsonSchema: unknown schema ${JSON.stringify(name)}, expected one of ${schemaNames.join(", ")}`);
  const json = z.toJSONSchema(entry.schema(), {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: ({ zodSchema }) => (zodSchema._zod.def.type === "date" ? { type: "string", format: "date-time" } : undefined),
  });
  // A plain copy: the zod payload carries a non-enumerable `~standard` property.
  const { $schema, ...rest } = JSON.parse(JSON.stringify(json)) as JsonSchema;
  return { $schema, title: name, description: entry.description, ...rest };
}

/**
 * The JSON Schemas of every cx-metrics schema by name (see {@link toJsonSchema}).
 *
 * @returns `{ SurveyRecord: {...}, NpsState: {...}, ... }`
 * @example
 * Object.keys(jsonSchemas()).includes("BreakdownState") // => true
 * @see https://standardschema.dev
 */
export function jsonSchemas(): Record<SchemaName, JsonSchema> {
  return Object.fromEntries(schemaNames.map((name) => [name, toJsonSchema(name)])) as Record<SchemaName, JsonSchema>;
}
