/**
 * decodeCsv against the rules of RFC 4180 section 2 (cited per case), written out by hand, plus the choices the RFC
 * leaves open (LF and CR line ends, a BOM, other delimiters, empty = missing, blank lines).
 */
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../../src/io/decodeCsv.ts";
import { decodeCsvColumns } from "../../src/io/decodeCsvColumns.ts";
import type { CsvOptions } from "../../src/io/csvRows.ts";
import type { ColumnTypes } from "../../src/io/decodeTypes.ts";

async function records<C extends ColumnTypes>(text: string, options: CsvOptions<C> = {}): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of decodeCsv(text, options)) out.push({ ...r });
  return out;
}

describe("RFC 4180 section 2", () => {
  it("2.1: records end at CRLF; 2.2: the last record needs no line break", async () => {
    expect(await records("a,b\r\n1,2\r\n3,4")).toEqual([{ a: "1", b: "2" }, { a: "3", b: "4" }]);
    expect(await records("a,b\r\n1,2\r\n3,4\r\n")).toEqual([{ a: "1", b: "2" }, { a: "3", b: "4" }]);
  });

  it("2.3: the header line names the fields; given names make line 1 data", async () => {
    expect(await records("x,y\n1,2\n")).toEqual([{ x: "1", y: "2" }]);
    expect(await records("x,y\n1,2\n", { header: ["p", "q"] })).toEqual([{ p: "x", q: "y" }, { p: "1", q: "2" }]);
  });

  it("2.4: spaces are part of a field", async () => {
    expect(await records("a,b\n 1 ,x y\n")).toEqual([{ a: " 1 ", b: "x y" }]);
  });

  it("2.5: fields may be quoted; 2.6: quoted fields hold commas, CR, LF and CRLF", async () => {
    expect(await records('a,b\n"1","x,y"\n"p\r\nq","r\ns\rt"\n')).toEqual([
      { a: "1", b: "x,y" },
      { a: "p\r\nq", b: "r\ns\rt" },
    ]);
  });

  it('2.7: a quote inside a quoted field is doubled: "a""b" is a"b', async () => {
    expect(await records('a\n"x""y"\n""""\n')).toEqual([{ a: 'x"y' }, { a: '"' }]);
  });

  it("LF and lone CR line ends read like CRLF", async () => {
    expect(await records("a,b\n1,2\n")).toEqual(await records("a,b\r1,2\r"));
    expect(await records("a,b\r\n1,2\r\n")).toEqual([{ a: "1", b: "2" }]);
  });

  it("a UTF-8 byte order mark at the start is skipped (only there)", async () => {
    expect(await records("\uFEFFa,b\n1,\uFEFF\n")).toEqual([{ a: "1", b: "\uFEFF" }]);
  });

  it.each([";", "\t", "|"])("delimiter %j", async (d) => {
    expect(await records(`a${d}b\n"1${d}"${d}2\n`, { delimiter: d })).toEqual([{ a: `1${d}`, b: "2" }]);
  });

  it('an empty field is missing (null); an empty quoted field "" is the empty string', async () => {
    expect(await records('a,b,c\n,"",x\n')).toEqual([{ a: null, b: "", c: "x" }]);
    expect(await records('a,b\n"",\n', { columns: { a: "number", b: "integer" } })).toEqual([{ a: null, b: null }]);
  });

  it("blank lines are skipped and counted; a line of spaces is not blank", async () => {
    const rows = decodeCsv("a,b\n\n1,2\r\n\r\n\n3,4\n");
    const got: unknown[] = [];
    for await (const r of rows) got.push(r);
    expect(got).toEqual([{ a: "1", b: "2" }, { a: "3", b: "4" }]);
    expect(rows.stats).toMatchObject({ lines: 6, header: 1, blank: 3, rows: 2, complete: 2 });
    await expect(records("a\n \n")).resolves.toEqual([{ a: " " }]);
  });

  it("typed columns: integer, number, boolean, instant (DESIGN 5), string, category", async () => {
    const text = "i,n,b,t,s,c\n-7,2.5e3,TRUE,2024-03-31T02:30,x,y\n7.0,-0,0,2024-01-01T00:00:00+01:00,,\n";
    const got = await records(text, { columns: { i: "integer", n: "number", b: "boolean", t: "instant", c: "category" }, timeZone: "Europe/Berlin" });
    // 02:30 on 2024-03-31 does not exist in Berlin: moved forward to 03:30 CEST = 01:30Z (parseInstant's documented example)
    expect(got).toEqual([
      { i: -7, n: 2500, b: true, t: 1711848600000, s: "x", c: "y" },
      { i: 7, n: -0, b: false, t: Date.UTC(2023, 11, 31, 23), s: null, c: null },
    ]);
    expect(Object.is((got[1] as { n: number }).n, -0)).toBe(true);
  });

  it("columnar batches hold the same values as records, in typed arrays", async () => {
    const text = "score,channel,at\n9,chat,2024-01-01\n,email,\n10,chat,2024-01-02T12:00:00Z\n";
    const batches = [];
    for await (const b of decodeCsvColumns(text, { columns: { score: "integer", channel: "category", at: "instant" }, batchSize: 2 })) batches.push(b);
    expect(batches.map((b) => [b.length, b.firstLine, [...b.lines]])).toEqual([[2, 2, [2, 3]], [1, 4, [4]]]);
    expect([...batches[0]!.columns.score]).toEqual([9, NaN]);
    expect(batches[0]!.columns.channel.labels).toEqual(["chat", "email"]);
    expect([...batches[1]!.columns.channel.codes]).toEqual([0]);
    expect([...batches[1]!.columns.at]).toEqual([Date.UTC(2024, 0, 2, 12)]);
  });
});
