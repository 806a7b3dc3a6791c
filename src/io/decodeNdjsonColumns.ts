import { InvalidOptionError } from "../errors.ts";
import { CategoryDictionary } from "./categoryDictionary.ts";
import { checkBatchSize, T_BOOLEAN, T_CATEGORY, T_INSTANT, T_INTEGER, T_NUMBER } from "./csvRows.ts";
import { feedNdjson, ndjsonSettings, NdjsonRowReader, ownValue, typedValue, type NdjsonSettings } from "./ndjsonRows.ts";
import { MISSING_BOOLEAN, type AnyColumnArray, type BatchOptions, type ColumnBatch, type ColumnTypes, type DecodeOptions, type DecodeSource, type DecodeStream } from "./decodeTypes.ts";

const METRIC = "ndjson";

/** Options of {@link decodeNdjsonColumns}: `columns` is required (it names the columns to extract). */
export interface NdjsonColumnsOptions<C extends ColumnTypes> extends DecodeOptions<C>, BatchOptions {
  columns: C;
}

/**
 * Decode NDJSON into columnar batches of the typed columns named in `columns`, in the same shapes as
 * decodeCsvColumns (Float64Array with NaN for missing numbers and instants, Uint8Array for booleans,
 * `{ codes, labels }` for categories, string arrays), with the same checks, errors and `stats` as decodeNdjson.
 *
 *   batch.columns[name][i] = read(JSON.parse(line_i)[name], columns[name])
 *
 * O(bytes) time; memory: one batch plus one chunk.
 *
 * @param source a string, a Uint8Array, a ReadableStream, or an (async) iterable of Uint8Array or string chunks
 * @param options columns (required), batchSize (default 65,536), timeZone, onInvalid, rejected, startLine, startIndex
 * @returns an async iterable of batches with live `stats`
 * @example
 * for await (const b of decodeNdjsonColumns('{"score":9}\n{"score":null}\n', { columns: { score: "integer" } })) b.columns.score; // => Float64Array [9, NaN]
 * @see decodeNdjson
 */
export function decodeNdjsonColumns<C extends ColumnTypes>(source: DecodeSource, options: NdjsonColumnsOptions<C>): DecodeStream<ColumnBatch<C>> {
  if (options === undefined || options.columns === undefined) throw new InvalidOptionError(METRIC, "columns", 'is required: name the columns to extract and their types, e.g. { score: "integer" }');
  const size = checkBatchSize(METRIC, options.batchSize);
  const reader = new ColumnReader(ndjsonSettings(METRIC, options), size);
  const take = (final: boolean): ColumnBatch<C>[] => {
    if (final) reader.flush(true);
    return reader.batches.splice(0, reader.batches.length) as ColumnBatch<C>[];
  };
  return Object.assign(feedNdjson(METRIC, source, reader, take), { stats: reader.stats });
}

class ColumnReader extends NdjsonRowReader {
  readonly batches: ColumnBatch[] = [];
  private readonly size: number;
  private n = 0;
  private lines: Int32Array = new Int32Array(0);
  private arrays: (Float64Array | Uint8Array | Int32Array | (string | null)[])[] = [];
  private readonly dicts: (CategoryDictionary | null)[];

  constructor(settings: NdjsonSettings, size: number) {
    super(METRIC, settings);
    this.size = size;
    this.dicts = settings.types.map((t) => (t === T_CATEGORY ? new CategoryDictionary() : null));
    this.allocate();
  }

  private allocate(): void {
    const size = this.size;
    this.lines = new Int32Array(size);
    this.arrays = this.settings.types.map((t) =>
      t === T_INTEGER || t === T_NUMBER || t === T_INSTANT ? new Float64Array(size) : t === T_BOOLEAN ? new Uint8Array(size) : t === T_CATEGORY ? new Int32Array(size) : [],
    );
  }

  protected accept(obj: Record<string, unknown>, index: number, line: number, raw: string): boolean {
    const { names, types, timeZone } = this.settings;
    const n = this.n;
    let missing = false;
    for (let j = 0; j < names.length; j++) {
      const raw0 = ownValue(obj, names[j]!);
      const v = typedValue(types[j]!, raw0, timeZone);
      if (v === undefined) return this.rejectValue(index, line, raw, j, raw0);
      if (v === null) missing = true;
      const t = types[j]!;
      const a = this.arrays[j]!;
      if (t === T_INTEGER || t === T_NUMBER || t === T_INSTANT) a[n] = v === null ? NaN : (v as number);
      else if (t === T_BOOLEAN) a[n] = v === null ? MISSING_BOOLEAN : v ? 1 : 0;
      else if (t === T_CATEGORY) a[n] = this.dicts[j]!.codeOfText(v as string | null);
      else a[n] = v as string | null;
    }
    if (missing) this.stats.withMissing++;
    else this.stats.complete++;
    this.lines[n] = line;
    if (++this.n === this.size) this.flush();
    return true;
  }

  /** Close the current batch (if it has rows) and, unless the input has ended, start a new one. */
  flush(last = false): void {
    const n = this.n;
    if (n === 0) return;
    const full = n === this.size;
    const columns: Record<string, AnyColumnArray> = {};
    this.settings.names.forEach((name, j) => {
      const a = this.arrays[j]!;
      const cut = Array.isArray(a) ? ((a.length = n), a) : full ? a : a.slice(0, n);
      const v: AnyColumnArray = this.settings.types[j] === T_CATEGORY ? { codes: cut as Int32Array, labels: this.dicts[j]!.labels.slice() } : (cut as AnyColumnArray);
      Object.defineProperty(columns, name, { value: v, enumerable: true, writable: true, configurable: true });
    });
    const lines = full ? this.lines : this.lines.slice(0, n);
    this.batches.push({ length: n, firstLine: lines[0]!, lines, columns });
    this.n = 0;
    if (!last) this.allocate();
  }
}
