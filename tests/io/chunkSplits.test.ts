/**
 * Chunks may split the input anywhere: inside a multi-byte UTF-8 character, inside a quoted field, between a doubled
 * quote's two halves, between CR and LF, inside the BOM. For small inputs, a decode cut at every single position
 * (and at every pair of positions) gives exactly what the uncut decode gives: records, batches, rejected rows,
 * errors and counts; for CSV and NDJSON, bytes and string chunks.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeNdjson } from "../../src/io/decodeNdjson.ts";
import { decodeNdjsonColumns } from "../../src/io/decodeNdjsonColumns.ts";
import type { CsvOptions } from "../../src/io/csvRows.ts";
import type { DecodeSource, DecodeStats, RejectedRow } from "../../src/io/decodeTypes.ts";
import { asyncChunks, columnsOf, cut, recordsOf, type RecordsOutcome } from "./csvTestKit.ts";

const CSV_INPUTS = [
  '\uFEFFa,b\r\n"x""y\r\nz",é😀\r\n\r\n1,"2"\r\n',
  'a;b\r"p;q";\r\r\n;"😀"""',
  'a,b\n1,x"y\n"ok",2\n3,"open\n',
  'a,b\n"1"x,2\n\n5,6,7\n8,9',
  "a,b\n1,2\r",
  'n,t\n1e3,2024-01-01T00:00:00Z\n-0,\nx,2024-13-01\n"7",2024-02-29 12:00+05:30\n',
];
const options = [
  { delimiter: ",", columns: { a: "string", b: "category" } },
  { delimiter: ";", columns: { a: "category", b: "string" } },
  { delimiter: ",", columns: { a: "string", b: "category" } },
  { delimiter: ",", columns: { a: "integer", b: "string" } },
  { delimiter: ",", columns: { a: "number", b: "number" } },
  { delimiter: ",", columns: { n: "number", t: "instant" } },
] as const;

const bytesOf = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Two decodes of the same input agree: the same records, rejected rows, counts and error. When a decode throws, the
 * records yielded before the error depend on where chunks end (records go out chunk by chunk), so they need only be
 * a prefix of what the uncut decode yields with onInvalid "count".
 */
function expectSame(got: RecordsOutcome, whole: RecordsOutcome, counted: RecordsOutcome): void {
  if (whole.error) {
    expect(got.error).toEqual(whole.error);
    expect(got.records).toEqual(counted.records.slice(0, got.records.length));
  } else expect(got).toEqual(whole);
}

describe("CSV: every cut position", () => {
  CSV_INPUTS.forEach((input, x) => {
    it(`input ${x}: one and two cuts, bytes and strings, throw and count`, async () => {
      const bytes = bytesOf(input);
      const counted = await recordsOf(input, { ...options[x]!, onInvalid: "count" } as CsvOptions);
      for (const onInvalid of ["throw", "count"] as const) {
        const opts = { ...options[x]!, onInvalid } as CsvOptions;
        const whole = await recordsOf(input, opts);
        const wholeCols = await columnsOf(input, { ...opts, batchSize: 2 }).catch((e: Error) => e.message);
        for (let i = 0; i <= bytes.length; i++) {
          expectSame(await recordsOf(asyncChunks(cut(bytes, [i])), opts), whole, counted);
          const cols = await columnsOf(asyncChunks(cut(bytes, [i])), { ...opts, batchSize: 2 }).catch((e: Error) => e.message);
          expect(cols).toEqual(wholeCols);
          for (let j = i + 1; j <= bytes.length; j++) expectSame(await recordsOf(cut(bytes, [i, j]), opts), whole, counted);
        }
        for (let i = 0; i <= input.length; i++) {
          // a string cut may fall between the two halves of a surrogate pair (😀)
          expectSame(await recordsOf(cut(input, [i]), opts), whole, counted);
        }
      }
    });
  });

  it("random inputs of CSV-significant characters, random cuts", async () => {
    const unit = fc.constantFrom('"', ",", "\r", "\n", "a", "1", "é", "😀", "\uFEFF");
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom("throw" as const, "count" as const), async (input, cuts, onInvalid) => {
        const bytes = bytesOf(input);
        const at = cuts.map((c) => c % (bytes.length + 1));
        const counted = await recordsOf(input, { onInvalid: "count" });
        const whole = await recordsOf(input, { onInvalid });
        expectSame(await recordsOf(cut(bytes, at), { onInvalid }), whole, counted);
        expectSame(await recordsOf(asyncChunks(cut(input, at.map((c) => c % (input.length + 1)))), { onInvalid }), whole, counted);
        if (whole.stats) {
          const s = whole.stats;
          expect(s.header + s.blank + s.complete + s.withMissing + s.rejected + s.continuationLines).toBe(s.lines);
        }
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });
});

interface NdjsonOutcome {
  records: unknown[];
  rejected: RejectedRow[];
  stats: Omit<DecodeStats, "bytes"> | null;
  error: string | null;
}

async function ndjsonOutcome(source: DecodeSource, onInvalid: "throw" | "count"): Promise<NdjsonOutcome> {
  const rejected: RejectedRow[] = [];
  const it = decodeNdjson(source, { columns: { a: "number", t: "instant" }, onInvalid, rejected: (r) => rejected.push(r) });
  const out: NdjsonOutcome = { records: [], rejected, stats: null, error: null };
  try {
    for await (const r of it) out.records.push(r);
    const { bytes: _bytes, ...stats } = it.stats; // string chunks are not counted in bytes
    out.stats = stats;
  } catch (e) {
    out.error = (e as Error).message;
  }
  return out;
}

async function ndjsonColumns(source: DecodeSource): Promise<unknown> {
  const it = decodeNdjsonColumns(source, { columns: { a: "number", t: "instant" }, onInvalid: "count", batchSize: 2 });
  const out: unknown[] = [];
  for await (const b of it) out.push([[...b.lines], [...b.columns.a], [...b.columns.t]]);
  return [out, it.stats];
}

describe("NDJSON: every cut position", () => {
  const input = '\uFEFF{"a":1,"s":"é😀\\n"}\r\n\n{"a":null,"t":"2024-01-01T00:00:00Z"}\n[1]\n{"a":"x"}\n{bad\n{"a":2e3}';
  it("one cut anywhere, bytes and strings, throw and count", async () => {
    const bytes = bytesOf(input);
    const counted = await ndjsonOutcome(input, "count");
    expect(counted.records).toHaveLength(3);
    expect(counted.rejected.map((r) => r.line)).toEqual([4, 5, 6]);
    const cols = await ndjsonColumns(bytes);
    for (const onInvalid of ["throw", "count"] as const) {
      const whole = await ndjsonOutcome(input, onInvalid);
      for (const chunks of [...Array.from({ length: bytes.length + 1 }, (_, i) => cut(bytes, [i])), ...Array.from({ length: input.length + 1 }, (_, i) => cut(input, [i]))]) {
        const got = await ndjsonOutcome(asyncChunks<Uint8Array | string>(chunks), onInvalid);
        if (whole.error) {
          expect(got.error).toEqual(whole.error);
          expect(got.records).toEqual(counted.records.slice(0, got.records.length));
        } else expect(got).toEqual(whole);
        if (typeof chunks[0] !== "string") expect(await ndjsonColumns(chunks)).toEqual(cols);
      }
    }
  });
});
