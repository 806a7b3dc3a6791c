/**
 * The fuzz: any table written out as CSV by the reference writer (tests/io/csvTestKit.ts) and read back is the
 * same table, through records and through columnar batches, from a string and from bytes cut into random chunks.
 * Tables hold arbitrary Unicode (astral characters included), quotes, every delimiter, CR, LF, empty strings and
 * missing values, numbers with -0, 1e300, 5e-324 and the extremes, safe integers, booleans and instants.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_INSTANT, MAX_INSTANT } from "../../src/time/instantRange.ts";
import { MISSING_BOOLEAN, type ColumnType } from "../../src/io/decodeTypes.ts";
import { asyncChunks, columnsOf, cut, recordsOf, streamOf, writeCsv, type Cell } from "./csvTestKit.ts";

const fcOptions = { seed: 20261201, numRuns: 250 };

const tricky = fc.constantFrom('"', ",", ";", "\t", "|", "\r", "\n", "\r\n", "a", " ", "\uFEFF", "é", "😀", '""', "");
const text = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: tricky, maxLength: 8 }));
const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0, 1e300, -1e300, 5e-324, -5e-324, Number.MAX_VALUE, Number.MIN_VALUE, 0.1, 0.3, 123456789012345.6, 1e21, 1e-7),
  fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 1000),
);
const integer = fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100, max: 100 }), fc.constantFrom(-0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER));
const instant = fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT });
const TYPES: ColumnType[] = ["string", "category", "number", "integer", "boolean", "instant"];

function valueOf(t: ColumnType): fc.Arbitrary<Cell> {
  const v = t === "string" || t === "category" ? text : t === "number" ? number : t === "integer" ? integer : t === "boolean" ? fc.boolean() : instant;
  return fc.option(v as fc.Arbitrary<Cell>, { freq: 5 });
}

const table = fc
  .uniqueArray(text, { minLength: 2, maxLength: 5 })
  .chain((names) =>
    fc.tuple(fc.constant(names), fc.array(fc.constantFrom(...TYPES), { minLength: names.length, maxLength: names.length })).chain(([ns, types]) =>
      fc.record({
        names: fc.constant(ns),
        types: fc.constant(types),
        rows: fc.array(fc.tuple(...types.map(valueOf)), { maxLength: 12 }),
        delimiter: fc.constantFrom(",", ";", "\t", "|"),
        eol: fc.constantFrom("\n", "\r\n"),
        trailing: fc.boolean(),
        cuts: fc.array(fc.nat(), { maxLength: 6 }),
      }),
    ),
  );

/** Instants are written as ISO strings (toISOString), read back as epoch ms. */
function written(types: ColumnType[], rows: Cell[][]): Cell[][] {
  return rows.map((r) => r.map((v, k) => (types[k] === "instant" && v !== null ? new Date(v as number).toISOString() : v)));
}

function columnsSpec(names: string[], types: ColumnType[]): Record<string, ColumnType> {
  const spec: Record<string, ColumnType> = {};
  names.forEach((n, k) => Object.defineProperty(spec, n, { value: types[k], enumerable: true }));
  return spec;
}

describe("CSV round trip: write with the reference writer, read back the same table", () => {
  it("records, from a string and from random byte chunks", async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ names, types, rows, delimiter, eol, trailing, cuts }) => {
        const csv = writeCsv(names, written(types, rows), delimiter, eol, trailing);
        const columns = columnsSpec(names, types);
        const expected = rows.map((r) => {
          const o: Record<string, unknown> = {};
          names.forEach((n, k) => Object.defineProperty(o, n, { value: r[k], enumerable: true, writable: true, configurable: true }));
          return o;
        });
        const whole = await recordsOf(csv, { delimiter, columns });
        expect(whole.error).toBeNull();
        expect(whole.records).toEqual(expected);
        const bytes = new TextEncoder().encode(csv);
        const chunked = await recordsOf(asyncChunks(cut(bytes, cuts.map((c) => c % (bytes.length + 1)))), { delimiter, columns });
        expect(chunked).toEqual(whole);
        const s = whole.stats!;
        expect(s.complete + s.withMissing).toBe(rows.length);
        expect(s.header + s.blank + s.complete + s.withMissing + s.rejected + s.continuationLines).toBe(s.lines);
      }),
      fcOptions,
    );
  });

  it("columnar batches, from bytes in a ReadableStream, batch size 3", async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ names, types, rows, delimiter, eol, trailing, cuts }) => {
        const csv = writeCsv(names, written(types, rows), delimiter, eol, trailing);
        const bytes = new TextEncoder().encode(csv);
        const got = await columnsOf(streamOf(cut(bytes, cuts.map((c) => c % (bytes.length + 1)))), { delimiter, columns: columnsSpec(names, types), batchSize: 3 });
        const expected: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
        names.forEach((n, k) => {
          const t = types[k]!;
          expected[n] = rows.map((r) => {
            const v = r[k]!;
            if (t === "boolean") return v === null ? MISSING_BOOLEAN : v ? 1 : 0;
            if (t === "number" || t === "integer" || t === "instant") return v === null ? NaN : v;
            return v;
          });
        });
        if (rows.length > 0) expect(got.columns).toEqual(expected);
        else expect(got.batches).toBe(0);
        expect(got.batches).toBe(Math.ceil(rows.length / 3));
      }),
      fcOptions,
    );
  });

  it("one column without missing values (a missing value alone on a line would be a blank line)", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(text, { maxLength: 10 }), async (name, values) => {
        const csv = writeCsv([name], values.map((v) => [v]));
        const got = await recordsOf(csv);
        expect(got.records).toEqual(values.map((v) => ({ [name]: v })).map((o) => Object.fromEntries(Object.entries(o))));
      }),
      { ...fcOptions, numRuns: 100 },
    );
  });
});
