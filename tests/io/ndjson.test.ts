/** decodeNdjson and decodeNdjsonColumns: typed columns, line-numbered errors, blank lines, prototype keys. */
import { describe, expect, it } from "vitest";
import { decodeNdjson } from "../../src/io/decodeNdjson.ts";
import { decodeNdjsonColumns } from "../../src/io/decodeNdjsonColumns.ts";
import { InvalidRecordError } from "../../src/errors.ts";
import type { RejectedRow } from "../../src/io/decodeTypes.ts";

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("decodeNdjson", () => {
  it("reads one object per line, LF or CRLF, skipping and counting blank lines", async () => {
    const rows = decodeNdjson('{"a":1}\r\n\n  \t\n{"a":"x","b":[1]}\n{"a":null}');
    expect(await all(rows)).toEqual([{ a: 1 }, { a: "x", b: [1] }, { a: null }]);
    expect(rows.stats).toMatchObject({ lines: 5, blank: 2, rows: 3, complete: 3, rejected: 0 });
  });

  it("typed columns: instants as epoch ms, null or absent = missing, other types refused with the line", async () => {
    const rows = decodeNdjson('{"s":9,"at":"2024-01-01"}\n{"s":null}\n', { columns: { s: "integer", at: "instant" }, timeZone: "America/New_York" });
    expect(await all(rows)).toEqual([{ s: 9, at: 1704085200000 }, { s: null, at: null }]);
    expect(rows.stats).toMatchObject({ complete: 1, withMissing: 1 });
    await expect(all(decodeNdjson('{"s":9}\n\n{"s":"9"}\n', { columns: { s: "integer" } }))).rejects.toMatchObject({
      name: "InvalidRecordError",
      line: 3,
      field: "s",
      value: "9",
      index: 1,
    });
  });

  it("JSON errors and non-objects: thrown with their line, or counted and sent to the sink", async () => {
    const err = await all(decodeNdjson('{"a":1}\n{"a":}\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRecordError);
    expect((err as InvalidRecordError).line).toBe(2);
    expect((err as InvalidRecordError).field).toBe("(line)");
    expect((err as InvalidRecordError).message).toMatch(/^ndjson: record 1 \(line 2(, column \d+)?\) field "\(line\)" is "\{\\"a\\":\}", is not valid JSON/);
    const sink: RejectedRow[] = [];
    const rows = decodeNdjson('{"a":1}\n[1]\nnull\n{"a":}\n7\n', { onInvalid: "count", rejected: (r) => sink.push(r) });
    expect(await all(rows)).toEqual([{ a: 1 }]);
    expect(sink.map((r) => [r.line, r.code, r.raw])).toEqual([
      [2, "not-object", "[1]"],
      [3, "not-object", "null"],
      [4, "json", '{"a":}'],
      [5, "not-object", "7"],
    ]);
    expect(rows.stats.rejectedBy).toMatchObject({ json: 1, "not-object": 3 });
    expect(rows.stats.blank + rows.stats.complete + rows.stats.withMissing + rows.stats.rejected).toBe(rows.stats.lines);
  });

  it("__proto__, constructor and prototype keys stay own data properties", async () => {
    const [r] = await all(decodeNdjson('{"__proto__":{"polluted":1},"constructor":2,"prototype":3}\n', { columns: { __proto__: "string" } as never, onInvalid: "count" }));
    // the columns literal above sets its prototype, so __proto__ is not a typed column: the parsed value stays
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(r)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const typed = { ["__proto__"]: "integer" } as const;
    const [s] = await all(decodeNdjson('{"a":1}\n', { columns: typed }));
    expect(Object.getOwnPropertyDescriptor(s, "__proto__")).toEqual({ value: null, enumerable: true, writable: true, configurable: true });
    expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  });

  it("columns: batches of typed arrays with line numbers", async () => {
    const batches = await all(
      decodeNdjsonColumns('{"s":9,"c":"x","ok":true}\n\n{"s":null,"c":null,"ok":null}\n{"s":1,"c":"x","ok":false}\n', { columns: { s: "number", c: "category", ok: "boolean" }, batchSize: 2 }),
    );
    expect(batches.map((b) => [b.length, [...b.lines]])).toEqual([[2, [1, 3]], [1, [4]]]);
    expect([...batches[0]!.columns.s]).toEqual([9, NaN]);
    expect(batches[0]!.columns.c.labels).toEqual(["x", null]);
    expect([...batches[1]!.columns.c.codes]).toEqual([0]);
    expect([...batches[0]!.columns.ok, ...batches[1]!.columns.ok]).toEqual([1, 255, 0]);
  });
});
