/**
 * The NDJSON fuzz: any table written one JSON.stringify object per line and read back is the same table, through
 * records and columnar batches, from random byte chunks. JSON has no -0 (JSON.stringify writes 0), so the table read
 * back is the table after a JSON round trip of each value; instants are written as ISO strings or epoch ms.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeNdjson } from "../../src/io/decodeNdjson.ts";
import { decodeNdjsonColumns } from "../../src/io/decodeNdjsonColumns.ts";
import { MISSING_BOOLEAN, type ColumnType } from "../../src/io/decodeTypes.ts";
import { asyncChunks, cut } from "./csvTestKit.ts";

const text = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: fc.constantFrom('"', "\\", "\n", "\r", "\u2028", "😀", "a", ""), maxLength: 6 }));
const TYPES: ColumnType[] = ["string", "category", "number", "integer", "boolean", "instant"];
const valueOf = (t: ColumnType): fc.Arbitrary<unknown> =>
  t === "string" || t === "category"
    ? text
    : t === "number"
      ? fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e300, 5e-324, -0))
      : t === "integer"
        ? fc.maxSafeInteger()
        : t === "boolean"
          ? fc.boolean()
          : fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(10000, 0, 1) - 1 });

const table = fc.uniqueArray(text, { minLength: 1, maxLength: 4 }).chain((names) =>
  fc.array(fc.constantFrom(...TYPES), { minLength: names.length, maxLength: names.length }).chain((types) =>
    fc.record({
      names: fc.constant(names),
      types: fc.constant(types),
      rows: fc.array(fc.tuple(...types.map((t) => fc.option(valueOf(t), { freq: 5 }))), { maxLength: 10 }),
      iso: fc.boolean(),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    }),
  ),
);

describe("NDJSON round trip: JSON.stringify per line, read back the same table", () => {
  it("records and batches from random byte chunks", async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ names, types, rows, iso, cuts }) => {
        const spec: Record<string, ColumnType> = {};
        names.forEach((n, k) => Object.defineProperty(spec, n, { value: types[k], enumerable: true }));
        const objects = rows.map((r) => {
          const o: Record<string, unknown> = {};
          names.forEach((n, k) => {
            const v = r[k];
            Object.defineProperty(o, n, { value: types[k] === "instant" && v !== null && iso ? new Date(v as number).toISOString() : v, enumerable: true });
          });
          return o;
        });
        const ndjson = objects.map((o) => JSON.stringify(o)).join("\n");
        const bytes = new TextEncoder().encode(ndjson);
        const chunks = cut(bytes, cuts.map((c) => c % (bytes.length + 1)));
        // expected: each value after a JSON round trip (-0 -> 0), instants as epoch ms
        const expected = rows.map((r) => {
          const o: Record<string, unknown> = {};
          names.forEach((n, k) => Object.defineProperty(o, n, { value: r[k] === -0 ? 0 : r[k], enumerable: true, writable: true, configurable: true }));
          return o;
        });
        const got: unknown[] = [];
        const it = decodeNdjson(asyncChunks(chunks), { columns: spec });
        for await (const rec of it) got.push(rec);
        expect(got).toEqual(expected);
        expect(it.stats).toMatchObject({ lines: rows.length, rows: rows.length, rejected: 0 });
        const flat: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
        for await (const b of decodeNdjsonColumns(asyncChunks(chunks), { columns: spec, batchSize: 3 })) {
          for (const n of names) {
            const col = (b.columns as Record<string, unknown>)[n] as Float64Array | Uint8Array | (string | null)[] | { codes: Int32Array; labels: (string | null)[] };
            const list = (flat[n] ??= []);
            if ("codes" in col) for (const c of col.codes) list.push(col.labels[c]);
            else list.push(...col);
          }
        }
        names.forEach((n, k) => {
          const t = types[k]!;
          const want = rows.map((r) => {
            const v = r[k] === -0 ? 0 : r[k];
            if (t === "boolean") return v === null ? MISSING_BOOLEAN : v ? 1 : 0;
            if (t === "number" || t === "integer" || t === "instant") return v === null ? NaN : v;
            return v;
          });
          expect(flat[n] ?? []).toEqual(want);
        });
      }),
      { seed: 20261201, numRuns: 250 },
    );
  });
});
