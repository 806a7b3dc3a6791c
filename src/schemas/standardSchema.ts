/**
 * The Standard Schema v1 interface, copied from the spec as it recommends (types only, no dependency), so that
 * {@link validateRecords} takes any validator that implements it: zod 4, valibot, arktype, or a hand-written one.
 *
 * @see https://standardschema.dev
 * @see https://github.com/standard-schema/standard-schema (packages/spec)
 */

/**
 * A Standard Schema v1 validator: an object with a `~standard` property holding `version: 1`, the `vendor` name and
 * `validate`, which returns (or resolves to) `{ value }` or `{ issues }`.
 *
 * @example
 * const positive: StandardSchemaV1<unknown, number> = {
 *   "~standard": { version: 1, vendor: "mine", validate: (v) => (typeof v === "number" && v > 0 ? { value: v } : { issues: [{ message: "expected a positive number" }] }) },
 * };
 * @see https://standardschema.dev
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

/** The types of the Standard Schema v1 interface. @see https://standardschema.dev */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates an unknown value. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** The result of `validate`. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;
  /** A successful validation: the typed output value. */
  export interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  /** Options a caller may pass to `validate`. */
  export interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** A failed validation: its issues. */
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  /** One issue: a message and the path to the offending value. */
  export interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** A path segment given as an object. */
  export interface PathSegment {
    readonly key: PropertyKey;
  }
  /** The input and output types of a schema. */
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
  /** The input type of a schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  /** The output type of a schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}
