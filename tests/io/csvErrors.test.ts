/**
 * decodeCsv and decodeCsvColumns on malformed input: each fault's physical line (1-based, header = line 1) and
 * column, counting with onInvalid "count" (every line in exactly one count), and header names that would reach a
 * prototype if assigned.
 */
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";
import { columnsOf, recordsOf } from "./csvTestKit.ts";
import type { ColumnType } from "../../src/io/decodeTypes.ts";

const typed = { n: "number", i: "integer", b: "boolean", t: "instant" } as const;

describe("errors carry the physical line and column", () => {
  it.each([
    ["a,b,c\n1,2\n", 2, 3, "field-count", "has 2 fields, expected 3"],
    ["a,b\n1,2,3\n", 2, 3, "field-count", "has 3 fields, expected 2"],
    ['a,b\n1,"x\ny"\n3,4,5\n', 4, 3, "field-count", "has 3 fields"], // the quoted line break moves the next record to line 4
    ['a,b\n1,x"y\n', 2, 2, "stray-quote", "a quote inside an unquoted field"],
    ['a,b\n"1"x,2\n', 2, 1, "stray-quote", "text after a closing quote"],
    ['a,b\n1,2\n3,"open\n\nrest,4\n', 3, 2, "unterminated-quote", "never closed"],
  ])("%j -> line %i, column %i (%s)", async (text, line, column, code, reason) => {
    const thrown = await recordsOf(text);
    expect(thrown.error).toMatchObject({ name: "InvalidRecordError", line, column });
    expect(thrown.error!.message).toContain(`(line ${line}, column ${column})`);
    const counted = await recordsOf(text, { onInvalid: "count" });
    expect(counted.error).toBeNull();
    expect(counted.rejected).toHaveLength(1);
    expect(counted.rejected[0]).toMatchObject({ line, column, code });
    expect(counted.rejected[0]!.reason).toContain(reason);
  });

  it.each([
    ["n", "1.5.2"],
    ["n", "NaN"],
    ["n", "Infinity"],
    ["n", "1e999"],
    ["n", "0x10"],
    ["n", " 1"],
    ["n", "1e"],
    ["i", "7.5"],
    ["i", "9007199254740993"],
    ["b", "yes"],
    ["t", "03/04/2024"],
    ["t", "0999-01-01"],
  ])("column %s refuses %j with its line and column", async (col, value) => {
    const names = ["n", "i", "b", "t"];
    const good = ["1", "2", "true", "2024-01-01"];
    const row = good.map((g, k) => (names[k] === col ? value : g));
    const text = `${names.join(",")}\n${good.join(",")}\n\n${row.join(",")}\n`;
    const e = await decodeAll(text);
    expect(e).toBeInstanceOf(InvalidRecordError);
    expect(e).toMatchObject({ line: 4, column: names.indexOf(col) + 1, field: col, value, index: 1 });
  });

  it("the rejected row has its raw text; lines, counts and the sink add up", async () => {
    const text = 'n,i\n1,2\n\n,3\nx,4\n"5",6,7\n8,"a\nb"\n9,9';
    const columns = { n: "number", i: "integer" } as const;
    const r = await recordsOf(text, { columns, onInvalid: "count" });
    expect(r.records).toEqual([{ n: 1, i: 2 }, { n: null, i: 3 }, { n: 9, i: 9 }]);
    expect(r.rejected.map((x) => [x.line, x.column, x.field, x.code, x.raw])).toEqual([
      [5, 1, "n", "type", "x,4"],
      [6, 3, null, "field-count", '"5",6,7'],
      [7, 2, "i", "type", '8,"a\nb"'],
    ]);
    const s = r.stats!;
    expect(s).toMatchObject({ lines: 9, header: 1, blank: 1, rows: 6, complete: 2, withMissing: 1, rejected: 3, continuationLines: 1 });
    expect(s.rejectedBy).toMatchObject({ type: 2, "field-count": 1 });
    expect(s.header + s.blank + s.complete + s.withMissing + s.rejected + s.continuationLines).toBe(s.lines);
    const c = await columnsOf(text, { columns, onInvalid: "count" });
    expect(c.stats).toEqual(s);
    expect(c.lines).toEqual([2, 4, 9]);
  });

  it("a broken header always throws; duplicate names and unknown typed columns too", async () => {
    await expect(decodeAll('a,"b\n1,2\n', "count")).resolves.toBeInstanceOf(InvalidRecordError);
    await expect(decodeAll("a,b,a\n1,2,3\n", "count")).resolves.toMatchObject({ line: 1, column: 3 });
    await expect(decodeAll("a,b\n1,2\n", "count", { zz: "number" })).resolves.toBeInstanceOf(InvalidOptionError);
    expect(() => decodeCsv("", { header: ["a", "a"] })).toThrow(InvalidOptionError);
    expect(() => decodeCsv("", { delimiter: '"' })).toThrow(InvalidOptionError);
    expect(() => decodeCsv("", { columns: { a: "float" as never } })).toThrow(InvalidOptionError);
    expect(() => decodeCsv("", { timeZone: "Mars/Base" })).toThrow(InvalidOptionError);
  });
});

describe("headers that name prototype properties", () => {
  it("__proto__, constructor and prototype are own data properties of a plain object", async () => {
    const text = "__proto__,constructor,prototype,hasOwnProperty\n1,2,3,4\n,,,\n";
    const { records } = await recordsOf(text, { columns: { ["__proto__"]: "integer", constructor: "integer" } as const });
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
      expect(Object.keys(r)).toEqual(["__proto__", "constructor", "prototype", "hasOwnProperty"]);
    }
    expect(Object.getOwnPropertyDescriptor(records[0], "__proto__")).toEqual({ value: 1, enumerable: true, writable: true, configurable: true });
    expect(records[0]!["constructor"]).toBe(2);
    expect(records[0]!["prototype"]).toBe("3");
    expect(Object.getOwnPropertyDescriptor(records[1], "__proto__")!.value).toBeNull(); // assigning null would have dropped the prototype
    expect(({} as Record<string, unknown>)["prototype"]).toBeUndefined();
    const c = await columnsOf(text, { columns: { ["__proto__"]: "integer", prototype: "string" } });
    expect(Object.keys(c.columns)).toEqual(["__proto__", "prototype"]);
    expect(c.columns["__proto__"]).toEqual([1, NaN]);
  });

  it("a column not listed in columns is a string even when its name is on Object.prototype", async () => {
    const { records } = await recordsOf("toString,valueOf\n1,2\n", { columns: { valueOf: "integer" } as never });
    expect(records).toEqual([{ toString: "1", valueOf: 2 }]);
  });
});

async function decodeAll(text: string, onInvalid: "throw" | "count" = "throw", columns: Record<string, ColumnType> = typed): Promise<unknown> {
  try {
    for await (const _ of decodeCsv(text, { columns: columns as never, onInvalid })) void _;
    return null;
  } catch (e) {
    return e;
  }
}
