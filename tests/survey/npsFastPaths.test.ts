/**
 * nps() counts arrays without weights in local typed arrays (bytes through a 256-bin histogram) and sends only what
 * is not an answer 0-10 through the aggregator's add. These tests hold it to the slow path: the same records, one by
 * one through npsAggregator().add with their index, must give a deep-equal result, and under onInvalid "throw" the
 * same error (index, field, value, message).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nps, npsAggregator, type NpsOptions, type NpsResult } from "../../src/survey/nps.ts";
import { InvalidRecordError } from "../../src/errors.ts";

const fcOptions = { seed: 20261201, numRuns: 300 };

/** The slow path: every record through the aggregator's add, with its index. */
function slow<R>(records: ArrayLike<R>, options: NpsOptions<R>): NpsResult {
  const agg = npsAggregator(options);
  let s = agg.empty();
  for (let i = 0; i < records.length; i++) s = agg.add(s, records[i]!, i);
  return agg.result(s);
}

/** The outcome of a call: its result, or the error's class, index, field, value and message. */
function outcome(f: () => NpsResult): unknown {
  try {
    return { result: f() };
  } catch (e) {
    if (!(e instanceof InvalidRecordError)) throw e;
    return { error: [e.name, e.index, e.field, e.value, e.message] };
  }
}

/** Answers with invalid and missing ones mixed in: 11, 255, -1, 7.5, NaN, and (for plain arrays) null, "9", 9n. */
const mostlyValid = (extra: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> =>
  fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: extra }), { maxLength: 60 });
const byte = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom(11, 255, 200) });
const onInvalid = fc.constantFrom<"count" | "throw">("count", "throw");

describe("nps() fast paths give exactly the aggregator's result", () => {
  it("Uint8Array and Uint8ClampedArray: 256-bin histogram, bytes 11-255 through add in index order", () => {
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 80 }), onInvalid, (bytes, mode) => {
        for (const values of [Uint8Array.from(bytes), Uint8ClampedArray.from(bytes)]) {
          const want = outcome(() => slow(Array.from(values), { onInvalid: mode }));
          expect(outcome(() => nps(values, { onInvalid: mode }))).toEqual(want);
        }
      }),
      fcOptions,
    );
  });

  it("a Uint8Array view into a larger buffer counts only its own bytes", () => {
    const buffer = Uint8Array.from([11, 10, 9, 0, 12]).buffer;
    expect(nps(new Uint8Array(buffer, 1, 3), { onInvalid: "count" })).toEqual(slow([10, 9, 0], { onInvalid: "count" }));
    expect(nps(new Uint8ClampedArray(buffer, 1, 3))).toEqual(slow([10, 9, 0], {}));
  });

  it("number[] with 11, 255, -1, 7.5, NaN, -0, Infinity, null, undefined, \"9\", 9n and a symbol", () => {
    const odd = fc.constantFrom<unknown>(11, 255, -1, 7.5, NaN, -0, Infinity, null, undefined, "9", 9n, Symbol.for("nine"), 2 ** 32 + 3);
    fc.assert(
      fc.property(mostlyValid(odd), onInvalid, (values, mode) => {
        const want = outcome(() => slow(values, { onInvalid: mode }));
        expect(outcome(() => nps(values as number[], { onInvalid: mode }))).toEqual(want);
        // the iterable path of nps() is the slow path too
        expect(outcome(() => nps(values.values(), { onInvalid: mode }))).toEqual(want);
      }),
      fcOptions,
    );
  });

  it("Float64Array, Int8Array and Int32Array", () => {
    fc.assert(
      fc.property(mostlyValid(fc.constantFrom(11, 255, -1, 7.5, NaN)), onInvalid, (values, mode) => {
        const nums = values as number[];
        for (const typed of [Float64Array.from(nums), Int8Array.from(nums.map((v) => (Number.isInteger(v) ? v : -1))), Int32Array.from(nums.map((v) => v | 0))]) {
          const want = outcome(() => slow(Array.from(typed), { onInvalid: mode }));
          expect(outcome(() => nps(typed, { onInvalid: mode }))).toEqual(want);
        }
      }),
      fcOptions,
    );
  });

  it("records with a value accessor and no weights: counted inline, the accessor called once per record", () => {
    const odd = fc.constantFrom<unknown>(11, 255, -1, 7.5, NaN, null, undefined, "9", 9n);
    fc.assert(
      fc.property(mostlyValid(odd), onInvalid, fc.constantFrom<"wald" | "adjusted-wald">("wald", "adjusted-wald"), (values, mode, interval) => {
        const records = values.map((s) => ({ s }));
        let calls = 0;
        const value = (r: { s: unknown }): unknown => (calls++, r.s);
        const want = outcome(() => slow(records, { value: (r) => r.s, onInvalid: mode, interval }));
        expect(outcome(() => nps(records, { value, onInvalid: mode, interval }))).toEqual(want);
        if (mode === "count") expect(calls).toBe(records.length);
      }),
      fcOptions,
    );
  });

  it("the first invalid answer is the one reported, at its index", () => {
    const values = Uint8Array.from([9, 10, 255, 3, 11]);
    expect(() => nps(values)).toThrow('nps: record 2 field "score" is 255, expected an integer from 0 to 10');
    const r = nps(values, { onInvalid: "count" });
    expect(r.invalid).toEqual({
      count: 2,
      examples: [
        { index: 2, field: "score", value: 255, reason: "expected an integer from 0 to 10" },
        { index: 4, field: "score", value: 11, reason: "expected an integer from 0 to 10" },
      ],
    });
    expect(r.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1]);
  });
});
