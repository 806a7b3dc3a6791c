/**
 * validateRecords / validateRecordsAsync take any Standard Schema v1 validator (https://standardschema.dev):
 * tested with zod 4 schemas and with hand-written validators that use no zod, sync and async.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";
import type { NpsState } from "../../src/survey/nps.ts";
import {
  npsStateSchema,
  surveyRecordSchema,
  validateRecords,
  validateRecordsAsync,
  type StandardSchemaV1,
  type SurveyRecord,
} from "../../src/schemas/index.ts";

/** A validator written by hand, no zod: `{ score }` with an integer score 0-10, issue paths as PathSegment objects. */
const handWritten: StandardSchemaV1<unknown, { score: number }> = {
  "~standard": {
    version: 1,
    vendor: "hand-written",
    validate(value) {
      if (typeof value !== "object" || value === null) return { issues: [{ message: "expected an object" }] };
      const score = (value as { score?: unknown }).score;
      if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > 10) {
        return { issues: [{ message: "expected an integer from 0 to 10", path: [{ key: "score" }] }] };
      }
      return { value: { score } };
    },
  },
};

/** The same, answering through a Promise. */
const asyncHandWritten: StandardSchemaV1<unknown, { score: number }> = {
  "~standard": { version: 1, vendor: "hand-written-async", validate: async (value) => handWritten["~standard"].validate(value) },
};

const good = { score: 9, answeredAt: "2024-01-05T10:00Z", channel: "chat" };

describe("validateRecords with a zod schema", () => {
  it("returns the schema's outputs of the valid records and counts the invalid ones", () => {
    const records = [good, { ...good, score: "9" }, { ...good, answeredAt: "yesterday" }, { ...good, channel: null, extra: 1 }, 42];
    const r = validateRecords(surveyRecordSchema(), records, { onInvalid: "count" });
    expect(r.valid).toEqual([good, { ...good, channel: null, extra: 1 }]);
    expect(r.invalid.count).toBe(3);
    expect(r.invalid.examples.map(({ index, field, value }) => ({ index, field, value }))).toEqual([
      { index: 1, field: "score", value: "9" },
      { index: 2, field: "answeredAt", value: "yesterday" },
      { index: 4, field: "", value: 42 },
    ]);
    expect(r.invalid.examples[1]!.reason).toMatch(/ISO 8601/);
    expectTypeOf(r.valid).toEqualTypeOf<SurveyRecord[]>();
  });

  it("joins nested issue paths with '.' and keeps the first 10 examples", () => {
    const damaged = Array.from({ length: 15 }, (_, i) => ({ v: 1, kind: "nps", options: { detractorMax: 6, promoterMin: 9, weighted: false }, counts: new Array(11).fill(i === 0 ? -1 : 0), weights: null, missing: 0, invalid: { count: 0, examples: [] } }));
    const r = validateRecords(npsStateSchema(), damaged, { onInvalid: "count" });
    expect(r.valid).toHaveLength(14);
    expectTypeOf(r.valid).toEqualTypeOf<NpsState[]>();
    expect(r.invalid.examples[0]).toMatchObject({ index: 0, field: "counts.0", value: -1 });
    const many = validateRecords(surveyRecordSchema(), Array.from({ length: 15 }, () => ({ score: "x", answeredAt: 0 })), { onInvalid: "count" });
    expect(many.invalid.count).toBe(15);
    expect(many.invalid.examples.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("throws InvalidRecordError with index, field, value and reason by default", () => {
    const records = function* () {
      yield good;
      yield { ...good, weight: -2 };
    };
    let error: unknown;
    try {
      validateRecords(surveyRecordSchema(), records());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect(error).toMatchObject({ code: "INVALID_RECORD", index: 1, field: "weight", value: -2 });
    expect((error as InvalidRecordError).message).toMatch(/^validateRecords: record 1 field "weight" is -2, /);
  });
});

describe("validateRecords is vendor-neutral", () => {
  it("works with a hand-written Standard Schema validator", () => {
    const r = validateRecords(handWritten, [{ score: 3 }, { score: 11 }, "x", { score: 10, other: true }], { onInvalid: "count" });
    expect(r.valid).toEqual([{ score: 3 }, { score: 10 }]);
    expect(r.invalid.examples).toEqual([
      { index: 1, field: "score", value: 11, reason: "expected an integer from 0 to 10" },
      { index: 2, field: "", value: "x", reason: "expected an object" },
    ]);
    expectTypeOf(r.valid).toEqualTypeOf<{ score: number }[]>();
  });

  it("reads the offending value through symbol and numeric path keys, own properties only", () => {
    const sym = Symbol("s");
    const deep: StandardSchemaV1<unknown, unknown> = {
      "~standard": { version: 1, vendor: "deep", validate: () => ({ issues: [{ message: "bad", path: ["rows", 1, { key: sym }] }, { message: "second issue ignored" }] }) },
    };
    const r = validateRecords(deep, [{ rows: [{}, { [sym]: 5 }] }, { rows: [] }, Object.create({ rows: [0, { [sym]: 1 }] })], { onInvalid: "count" });
    expect(r.invalid.examples.map((e) => [e.field, e.value, e.reason])).toEqual([
      ["rows.1.Symbol(s)", 5, "bad"],
      ["rows.1.Symbol(s)", "undefined", "bad"],
      ["rows.1.Symbol(s)", "undefined", "bad"],
    ]);
  });

  it("refuses an async validator synchronously and points to validateRecordsAsync", () => {
    expect(() => validateRecords(asyncHandWritten, [{ score: 1 }])).toThrow(InvalidOptionError);
    expect(() => validateRecords(asyncHandWritten, [{ score: 1 }])).toThrow(/validateRecordsAsync/);
    expect(validateRecords(asyncHandWritten, []).valid).toEqual([]); // nothing validated, nothing to refuse
  });

  it("refuses what is not a Standard Schema v1 validator, and bad options", () => {
    for (const bad of [null, {}, { "~standard": { version: 2, vendor: "x", validate: () => ({ value: 1 }) } }, { "~standard": { version: 1, vendor: "x" } }]) {
      expect(() => validateRecords(bad as unknown as StandardSchemaV1, [])).toThrow(InvalidOptionError);
    }
    expect(() => validateRecords(handWritten, [], { onInvalid: "skip" as "count" })).toThrow(InvalidOptionError);
  });
});

describe("validateRecordsAsync", () => {
  async function* stream(): AsyncGenerator<unknown> {
    yield { score: 1 };
    yield { score: -1 };
    yield { score: 7 };
  }

  it("awaits async validators over async iterables", async () => {
    const r = await validateRecordsAsync(asyncHandWritten, stream(), { onInvalid: "count" });
    expect(r.valid).toEqual([{ score: 1 }, { score: 7 }]);
    expect(r.invalid).toEqual({ count: 1, examples: [{ index: 1, field: "score", value: -1, reason: "expected an integer from 0 to 10" }] });
  });

  it("takes sync validators (zod) and arrays too, and rejects with InvalidRecordError by default", async () => {
    expect((await validateRecordsAsync(surveyRecordSchema(), [good])).valid).toEqual([good]);
    await expect(validateRecordsAsync(asyncHandWritten, stream())).rejects.toMatchObject({ name: "InvalidRecordError", index: 1, field: "score", value: -1 });
  });
});
