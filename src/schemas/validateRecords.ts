import type { OnInvalid } from "../aggregate/aggregator.ts";
import { checkOnInvalid } from "../_lib/checkOptions.ts";
import { emptyInvalidLog, rejectRecord, type InvalidLog } from "../_lib/invalidLog.ts";
import { InvalidOptionError, jsonSafeValue } from "../errors.ts";
import type { StandardSchemaV1 } from "./standardSchema.ts";

/**
 * Options of {@link validateRecords} and {@link validateRecordsAsync}.
 * @example
 * validateRecords(schema, rows, { onInvalid: "count" });
 * @see https://standardschema.dev
 */
export interface ValidateRecordsOptions {
  /** `"throw"` (default) stops at the first invalid record with InvalidRecordError; `"count"` counts it and goes on. */
  onInvalid?: OnInvalid;
}

/**
 * What {@link validateRecords} returns: the validator's outputs of the valid records, and the invalid ones counted.
 * @example
 * validateRecords(surveyRecordSchema(), [{ score: 9, answeredAt: 0 }]) // => { valid: [{ score: 9, answeredAt: 0 }], invalid: { count: 0, examples: [] } }
 * @see https://standardschema.dev
 */
export interface ValidatedRecords<T> {
  /** The validator's output for each valid record, in input order. */
  valid: T[];
  /** How many records were invalid, and the first 10 with index, field (issue path joined with "."), value and reason. */
  invalid: InvalidLog;
}

const NAME = "validateRecords";

/**
 * Validate records at a boundary (a file, a queue, an API) with any Standard Schema v1 validator: zod 4, valibot,
 * arktype, or your own object with `~standard.validate`. Only the Standard Schema interface is used, never a
 * vendor's API.
 *
 * Each record is validated on its own; a valid record contributes the validator's output value, an invalid one its
 * first issue: `field` is the issue path joined with "." (`""` when the record itself is wrong), `value` the input at
 * that path (made JSON-safe), `reason` the issue message. With `onInvalid: "throw"` (default) the first invalid record
 * throws InvalidRecordError; with `"count"` it is counted and the first 10 are kept as examples.
 * O(n) validator calls, O(valid) memory.
 *
 * Synchronous only: a validator whose `validate` returns a Promise makes it throw InvalidOptionError; use
 * {@link validateRecordsAsync} for those (and for async iterables).
 *
 * @param schema a Standard Schema v1 validator
 * @param records any iterable of records
 * @param options see {@link ValidateRecordsOptions}
 * @returns the valid outputs and the invalid log
 * @example
 * validateRecords(surveyRecordSchema(), [{ score: 9, answeredAt: 0 }, { score: "x", answeredAt: 0 }], { onInvalid: "count" }).invalid
 * // => { count: 1, examples: [{ index: 1, field: "score", value: "x", reason: "Invalid input: expected number, received string" }] }
 * @see https://standardschema.dev
 */
export function validateRecords<S extends StandardSchemaV1>(
  schema: S,
  records: Iterable<unknown>,
  options: ValidateRecordsOptions = {},
): ValidatedRecords<StandardSchemaV1.InferOutput<S>> {
  const props = standardProps(schema);
  const onInvalid = checkOnInvalid(NAME, options.onInvalid);
  const out: ValidatedRecords<StandardSchemaV1.InferOutput<S>> = { valid: [], invalid: emptyInvalidLog() };
  let index = 0;
  for (const record of records) {
    const result = props.validate(record);
    if (typeof (result as Partial<PromiseLike<unknown>>).then === "function") {
      throw new InvalidOptionError(NAME, "schema", `validates asynchronously (vendor ${JSON.stringify(props.vendor)}: ~standard.validate returned a Promise); use validateRecordsAsync`);
    }
    keep(out, result as StandardSchemaV1.Result<unknown>, record, index++, onInvalid);
  }
  return out;
}

/**
 * The asynchronous form of {@link validateRecords}: awaits validators whose `validate` returns a Promise (sync ones
 * work too) and reads arrays, iterables and async iterables. Records are validated one after another, in order.
 *
 * @param schema a Standard Schema v1 validator, sync or async
 * @param records any iterable or async iterable of records
 * @param options see {@link ValidateRecordsOptions}
 * @returns a promise of the valid outputs and the invalid log; it rejects with InvalidRecordError under `"throw"`
 * @example
 * (await validateRecordsAsync(surveyRecordSchema(), [{ score: 9, answeredAt: 0 }])).valid.length // => 1
 * @see https://standardschema.dev
 */
export async function validateRecordsAsync<S extends StandardSchemaV1>(
  schema: S,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  options: ValidateRecordsOptions = {},
): Promise<ValidatedRecords<StandardSchemaV1.InferOutput<S>>> {
  const props = standardProps(schema);
  const onInvalid = checkOnInvalid(NAME, options.onInvalid);
  const out: ValidatedRecords<StandardSchemaV1.InferOutput<S>> = { valid: [], invalid: emptyInvalidLog() };
  let index = 0;
  for await (const record of records) keep(out, await props.validate(record), record, index++, onInvalid);
  return out;
}

function standardProps(schema: StandardSchemaV1): StandardSchemaV1.Props {
  const props = (schema as Partial<StandardSchemaV1> | null)?.["~standard"];
  if (typeof props !== "object" || props === null || props.version !== 1 || typeof props.validate !== "function") {
    throw new InvalidOptionError(NAME, "schema", "is not a Standard Schema v1 validator (an object with ~standard: { version: 1, vendor, validate })");
  }
  return props;
}

function keep<T>(out: ValidatedRecords<T>, result: StandardSchemaV1.Result<unknown>, record: unknown, index: number, onInvalid: OnInvalid): void {
  if (result.issues === undefined) {
    out.valid.push(result.value as T);
    return;
  }
  const issue = result.issues[0];
  const path = (issue?.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment));
  rejectRecord(out.invalid, onInvalid, NAME, {
    index,
    field: path.map(String).join("."),
    value: jsonSafeValue(valueAt(record, path)),
    reason: issue?.message ?? "was rejected by the schema",
  });
}

/** The value at `path` inside `record`, reading own properties only; undefined where the path leaves the record. */
function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let v = record;
  for (const key of path) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
