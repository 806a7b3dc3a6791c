/** Sources (string, bytes, ReadableStream, async and sync iterables), early stops, and slices of a file. */
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { decodeCsvColumns } from "../../src/io/decodeCsvColumns.ts";
import { decodeNdjson } from "../../src/io/decodeNdjson.ts";
import { InvalidRecordError } from "../../src/errors.ts";
import { asyncChunks, recordsOf } from "./csvTestKit.ts";

const enc = new TextEncoder();

describe("sources", () => {
  it("a string, bytes, a ReadableStream, async and sync iterables of mixed chunks read the same", async () => {
    const text = "a,b\n1,é\n";
    const expected = (await recordsOf(text)).records;
    expect(expected).toEqual([{ a: "1", b: "é" }]);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode("a,b\n1,"));
        c.enqueue(enc.encode("é\n"));
        c.close();
      },
    });
    for (const source of [enc.encode(text), stream, asyncChunks(["a,b\n", enc.encode("1,é\n")]), ["a,b", "\n1,é\n"]]) {
      expect((await recordsOf(source)).records).toEqual(expected);
    }
  });

  it("a source that is not one is an InvalidOptionError when iteration starts", async () => {
    await expect(recordsOf(42 as never)).resolves.toMatchObject({ error: { name: "InvalidOptionError" } });
    await expect(recordsOf([1, 2] as never)).resolves.toMatchObject({ error: { name: "InvalidOptionError" } });
  });

  it("stopping early cancels a ReadableStream", async () => {
    let cancelled = false;
    let i = 0;
    const stream = new ReadableStream<string>({
      pull(c) {
        c.enqueue(i++ === 0 ? "a\n" : `${i}\n`);
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const r of decodeCsv(stream)) if (r["a"] === "3") break;
    expect(cancelled).toBe(true);
  });

  it("a slice of a file: given names, startLine and startIndex number its rows as in the whole file", async () => {
    const err = await (async () => {
      for await (const _ of decodeCsv("7,8\nx,9\n", { header: ["n", "m"], columns: { n: "integer" }, startLine: 1001, startIndex: 999 })) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect(err).toMatchObject({ line: 1002, index: 1000, column: 1 });
    const batches = decodeCsvColumns("7,8\n\n9,9\n", { header: ["n", "m"], columns: { n: "integer" }, startLine: 50 });
    const lines: number[] = [];
    for await (const b of batches) lines.push(...b.lines);
    expect(lines).toEqual([50, 52]);
    expect(batches.stats).toMatchObject({ lines: 3, header: 0, blank: 1, complete: 2 });
    const nd = decodeNdjson('{"a":1}\n{"a":\n', { startLine: 10, onInvalid: "count", rejected: (r) => lines.push(r.line) });
    for await (const _ of nd) void _;
    expect(lines.at(-1)).toBe(11);
  });

  it("empty input: no records, no batches, zero counts", async () => {
    for (const text of ["", "\uFEFF", "a,b\n", "\n\n"]) {
      const r = await recordsOf(text);
      expect(r.records).toEqual([]);
      expect(r.stats!.rows).toBe(0);
    }
    let n = 0;
    for await (const _ of decodeCsvColumns("a,b\n", { columns: { a: "number" } })) n++;
    expect(n).toBe(0);
  });
});
