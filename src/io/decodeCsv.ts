import type { CsvScanner } from "./csvScanner.ts";
import { CsvRowReader, csvSettings, feedCsv, T_BOOLEAN, T_INSTANT, T_INTEGER, T_NUMBER, T_CATEGORY, T_STRING, typeCodeOf, type CsvOptions, type CsvSettings } from "./csvRows.ts";
import { FieldTexts, parseBooleanBytes, parseInstantBytes, parseNumberBytes, WallClock } from "./readCell.ts";
import type { ColumnType, ColumnTypes, DecodeSource, DecodeStream } from "./decodeTypes.ts";

export type { CsvOptions } from "./csvRows.ts";

/** The value a record holds for a column of type `T` (`null` = missing). */
export type CellValue<T extends ColumnType> = (T extends "integer" | "number" | "instant" ? number : T extends "boolean" ? boolean : string) | null;

/** A decoded CSV record: typed columns by their type, every other column a string (or null when empty). */
export type CsvRecord<C extends ColumnTypes> = { [K in keyof C]: CellValue<C[K]> } & Record<string, string | number | boolean | null>;

const METRIC = "csv";

/**
 * Decode CSV (RFC 4180) into records, one plain object per data row, keyed by the header's names.
 *
 *   record[name_k] = read(field_k, columns[name_k] ?? "string");   empty field -> null (missing)
 *
 * Quoted fields, doubled quotes, delimiters and line breaks inside quotes, LF, CRLF or CR line ends, a UTF-8 BOM,
 * any one-byte delimiter. Types (see {@link ColumnType}): `integer`, `number`, `boolean`, `instant` (epoch ms, read
 * as parseInstant does in `timeZone`), `string`, `category` (a string here). A header named `__proto__`,
 * `constructor` or `prototype` is an ordinary own property: records are plain objects and `__proto__` is defined,
 * never assigned.
 *
 * A malformed row (wrong field count, unterminated quote, stray quote, a value that does not parse as its type)
 * throws InvalidRecordError with its physical line (1-based, the header is line 1), column and field; with
 * `onInvalid: "count"` it is counted in `stats.rejectedBy` and handed to `rejected` ({ line, column, field, code,
 * reason, raw }), and decoding goes on. Blank lines are skipped and counted. At the end
 * `stats`: header + blank + complete + withMissing + rejected + continuationLines = lines.
 * O(bytes) time; memory: one chunk plus the record it ends in.
 *
 * @param source a string, a Uint8Array, a ReadableStream, or an (async) iterable of Uint8Array or string chunks
 * @param options delimiter, header, columns, timeZone, onInvalid, rejected, startLine, startIndex
 * @returns an async iterable of records with live `stats`
 * @example
 * const rows = decodeCsv("score,channel\n9,chat\n,email\n", { columns: { score: "integer" } });
 * for await (const r of rows) console.log(r); // => { score: 9, channel: "chat" }, then { score: null, channel: "email" }
 * rows.stats.withMissing // => 1
 * @see RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV) Files" (2005)
 */
export function decodeCsv<C extends ColumnTypes = Record<never, ColumnType>>(source: DecodeSource, options: CsvOptions<C> = {}): DecodeStream<CsvRecord<C>> {
  const reader = new RecordReader(csvSettings(METRIC, options));
  const out: CsvRecord<C>[] = [];
  const take = (): CsvRecord<C>[] => out.splice(0, out.length);
  reader.out = out as Record<string, unknown>[];
  const it = feedCsv(METRIC, source, reader, take);
  return Object.assign(it, { stats: reader.stats });
}

class RecordReader extends CsvRowReader {
  out: Record<string, unknown>[] = [];
  private keys: string[] = [];
  private types: Int8Array = new Int8Array(0);
  private defined: boolean[] = [];
  private readonly texts = new FieldTexts();
  private readonly clock: WallClock;

  constructor(settings: CsvSettings) {
    super(METRIC, settings);
    this.clock = new WallClock(settings.timeZone);
  }

  protected start(names: string[]): void {
    this.keys = names;
    this.types = Int8Array.from(names, (n) => typeCodeOf(this.settings.columns, n));
    // only __proto__ is special on a plain object: assigning it would set the prototype
    this.defined = names.map((n) => n === "__proto__");
  }

  protected accept(sc: CsvScanner, index: number): boolean {
    const { buf, starts, ends, flags } = sc;
    const rec: Record<string, unknown> = {};
    let missing = false;
    const clock = this.clock;
    for (let k = 0; k < this.keys.length; k++) {
      const s = starts[k]!;
      const e = ends[k]!;
      const f = flags[k]!;
      const t = this.types[k]!;
      let v: unknown;
      if (s === e && (f === 0 || t !== T_STRING && t !== T_CATEGORY)) {
        v = null;
        missing = true;
      } else if (t === T_STRING || t === T_CATEGORY) v = this.texts.read(sc, s, e, f);
      else if (t === T_NUMBER || t === T_INTEGER) {
        const x = parseNumberBytes(buf, s, e);
        if (t === T_INTEGER ? !Number.isSafeInteger(x) : !Number.isFinite(x)) return this.rejected(sc, index, k, t);
        v = x;
      } else if (t === T_INSTANT) {
        const x = parseInstantBytes(buf, s, e, f, clock);
        if (x === null) return this.rejected(sc, index, k, t);
        v = x;
      } else {
        const b = parseBooleanBytes(buf, s, e);
        if (b < 0) return this.rejected(sc, index, k, T_BOOLEAN);
        v = b === 1;
      }
      if (this.defined[k]) Object.defineProperty(rec, this.keys[k]!, { value: v, enumerable: true, writable: true, configurable: true });
      else rec[this.keys[k]!] = v;
    }
    if (missing) this.stats.withMissing++;
    else this.stats.complete++;
    this.out.push(rec);
    return true;
  }

  private rejected(sc: CsvScanner, index: number, k: number, t: number): false {
    this.rejectValue(sc, index, k, t);
    return false;
  }
}
