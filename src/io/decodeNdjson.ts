import { feedNdjson, ndjsonSettings, NdjsonRowReader, ownValue, typedValue, type NdjsonSettings } from "./ndjsonRows.ts";
import type { CellValue } from "./decodeCsv.ts";
import type { ColumnType, ColumnTypes, DecodeOptions, DecodeSource, DecodeStream } from "./decodeTypes.ts";

/** A decoded NDJSON record: the parsed object, with its typed columns checked and read (instants as epoch ms). */
export type NdjsonRecord<C extends ColumnTypes> = { [K in keyof C]: CellValue<C[K]> } & Record<string, unknown>;

const METRIC = "ndjson";

/**
 * Decode NDJSON (one JSON object per line) into records.
 *
 *   record = JSON.parse(line);   record[name] = read(record[name], columns[name]) for each typed column
 *
 * Lines end at LF (a CR before it is dropped); blank lines (spaces and tabs only) are skipped and counted. Typed
 * columns (see {@link ColumnType}): `integer` and `number` take JSON numbers, `boolean` true/false, `instant` an ISO
 * 8601 string or epoch milliseconds (read as parseInstant does in `timeZone`, given as epoch ms), `string` and
 * `category` strings; `null` or an absent key is missing (set to null). Untyped keys stay as parsed. Keys such as
 * `__proto__` stay own data properties: JSON.parse defines them, and typed values are defined, never assigned.
 *
 * A line that is not JSON, not an object, or holds a typed value of another type throws InvalidRecordError with its
 * line (and for a JSON error the column where parsing failed); with `onInvalid: "count"` it is counted in
 * `stats.rejectedBy` and handed to `rejected`. At the end `stats`: blank + complete + withMissing + rejected = lines.
 * O(bytes) time; memory: one chunk plus the line it ends in.
 *
 * @param source a string, a Uint8Array, a ReadableStream, or an (async) iterable of Uint8Array or string chunks
 * @param options columns, timeZone, onInvalid, rejected, startLine, startIndex
 * @returns an async iterable of records with live `stats`
 * @example
 * for await (const r of decodeNdjson('{"score":9,"at":"2024-01-01"}\n', { columns: { at: "instant" } })) r; // => { score: 9, at: 1704067200000 }
 * @see https://github.com/ndjson/ndjson-spec (NDJSON 1.0); RFC 8259 (JSON)
 */
export function decodeNdjson<C extends ColumnTypes = Record<never, ColumnType>>(source: DecodeSource, options: DecodeOptions<C> = {}): DecodeStream<NdjsonRecord<C>> {
  const reader = new RecordReader(ndjsonSettings(METRIC, options));
  const take = (): NdjsonRecord<C>[] => reader.out.splice(0, reader.out.length) as NdjsonRecord<C>[];
  return Object.assign(feedNdjson(METRIC, source, reader, take), { stats: reader.stats });
}

class RecordReader extends NdjsonRowReader {
  readonly out: Record<string, unknown>[] = [];

  constructor(settings: NdjsonSettings) {
    super(METRIC, settings);
  }

  protected accept(obj: Record<string, unknown>, index: number, line: number, raw: string): boolean {
    const { names, types, timeZone } = this.settings;
    let missing = false;
    for (let j = 0; j < names.length; j++) {
      const raw0 = ownValue(obj, names[j]!);
      const v = typedValue(types[j]!, raw0, timeZone);
      if (v === undefined) return this.rejectValue(index, line, raw, j, raw0);
      if (v === null) missing = true;
      if (v !== raw0) Object.defineProperty(obj, names[j]!, { value: v, enumerable: true, writable: true, configurable: true });
    }
    if (missing) this.stats.withMissing++;
    else this.stats.complete++;
    this.out.push(obj);
    return true;
  }
}
