import type { CsvScanner } from "./csvScanner.ts";
import { CategoryDictionary } from "./categoryDictionary.ts";
import { checkBatchSize, CsvRowReader, csvSettings, feedCsv, T_BOOLEAN, T_CATEGORY, T_INSTANT, T_INTEGER, T_NUMBER, T_STRING, typeCodeOf, type CsvOptions, type CsvSettings } from "./csvRows.ts";
import { FieldTexts, parseBooleanBytes, parseInstantBytes, parseNumberBytes, WallClock } from "./readCell.ts";
import { MISSING_BOOLEAN, type AnyColumnArray, type BatchOptions, type ColumnBatch, type ColumnTypes, type DecodeSource, type DecodeStream } from "./decodeTypes.ts";

const METRIC = "csv";

/** Options of {@link decodeCsvColumns}. */
export interface CsvColumnsOptions<C extends ColumnTypes = ColumnTypes> extends CsvOptions<C>, BatchOptions {}


/**
 * Decode CSV (RFC 4180) into columnar batches of typed arrays, the fast path: a byte scanner that parses numbers,
 * booleans and ISO instants from the bytes and codes categories through a byte-keyed dictionary, so numeric and
 * category columns build no strings.
 *
 *   batch.columns[name][i] = read(field of row i, columns[name]);  integer, number, instant -> Float64Array (NaN = missing)
 *   boolean -> Uint8Array (1, 0, MISSING_BOOLEAN);  string -> (string | null)[];  category -> { codes: Int32Array, labels }
 *
 * Only the columns named in `columns` are produced (all columns, as strings, when it is not given). The batches fit
 * the typed-array paths: `nps(batch.columns.score)` (Float64Array, NaN counted as missing) and
 * `breakdownAggregator(...).addColumns(state, { values, keys: { channel: batch.columns.channel }, at })`.
 * Rows are read, and errors reported, exactly as {@link decodeCsv} does (same InvalidRecordError, same `rejected`
 * rows, same `stats`); rejected rows are left out of the batches, and `batch.lines` keeps each row's line.
 * Numbers are exact: with up to 15 significant digits and |power of ten| <= 22 one correctly rounded operation,
 * otherwise Number() of the validated text. O(bytes) time; memory: one batch plus one chunk.
 *
 * @param source a string, a Uint8Array, a ReadableStream, or an (async) iterable of Uint8Array or string chunks
 * @param options as decodeCsv, plus batchSize (default 65,536)
 * @returns an async iterable of batches with live `stats`
 * @example
 * const batches = decodeCsvColumns("score,channel\n9,chat\n3,email\n", { columns: { score: "integer", channel: "category" } });
 * for await (const b of batches) b.columns.score; // => Float64Array [9, 3]; b.columns.channel => { codes: Int32Array [0, 1], labels: ["chat", "email"] }
 * @see RFC 4180; Clinger, W. D. (1990). How to read floating point numbers accurately. PLDI '90.
 */
export function decodeCsvColumns<C extends ColumnTypes = Record<string, "string">>(source: DecodeSource, options: CsvColumnsOptions<C> = {}): DecodeStream<ColumnBatch<C>> {
  const size = checkBatchSize(METRIC, options.batchSize);
  const reader = new ColumnReader(csvSettings(METRIC, options), size);
  const take = (final: boolean): ColumnBatch<C>[] => {
    if (final) reader.flush(true);
    return reader.batches.splice(0, reader.batches.length) as ColumnBatch<C>[];
  };
  const it = feedCsv(METRIC, source, reader, take);
  return Object.assign(it, { stats: reader.stats });
}

interface Column {
  name: string;
  /** Field position in a record. */
  k: number;
  t: number;
  num: Float64Array;
  bool: Uint8Array;
  codes: Int32Array;
  dict: CategoryDictionary | null;
  text: (string | null)[];
}

const NO_F64 = new Float64Array(0);
const NO_U8 = new Uint8Array(0);
const NO_I32 = new Int32Array(0);

class ColumnReader extends CsvRowReader {
  readonly batches: ColumnBatch[] = [];
  private cols: Column[] = [];
  private n = 0;
  private lines: Int32Array;
  private readonly size: number;
  private readonly texts = new FieldTexts();
  private readonly clock: WallClock;

  constructor(settings: CsvSettings, size: number) {
    super(METRIC, settings);
    this.size = size;
    this.lines = new Int32Array(size);
    this.clock = new WallClock(settings.timeZone);
  }

  protected start(names: string[]): void {
    const wanted = this.settings.columns ? Object.keys(this.settings.columns) : names;
    this.cols = wanted.map((name) => {
      const t = typeCodeOf(this.settings.columns, name);
      return { name, k: names.indexOf(name), t, num: NO_F64, bool: NO_U8, codes: NO_I32, dict: t === T_CATEGORY ? new CategoryDictionary() : null, text: [] };
    });
    this.allocate();
  }

  private allocate(): void {
    const size = this.size;
    this.lines = new Int32Array(size);
    for (const c of this.cols) {
      if (c.t === T_INTEGER || c.t === T_NUMBER || c.t === T_INSTANT) c.num = new Float64Array(size);
      else if (c.t === T_BOOLEAN) c.bool = new Uint8Array(size);
      else if (c.t === T_CATEGORY) c.codes = new Int32Array(size);
      else c.text = [];
    }
  }

  protected accept(sc: CsvScanner, index: number): boolean {
    const { buf, starts, ends, flags } = sc;
    const n = this.n;
    const cols = this.cols;
    let missing = false;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j]!;
      const k = c.k;
      const s = starts[k]!;
      const e = ends[k]!;
      const f = flags[k]!;
      const t = c.t;
      if (t === T_NUMBER || t === T_INTEGER) {
        if (s === e) {
          c.num[n] = NaN;
          missing = true;
          continue;
        }
        const x = parseNumberBytes(buf, s, e);
        if (t === T_INTEGER ? !Number.isSafeInteger(x) : !Number.isFinite(x)) return this.rejected(sc, index, k, t);
        c.num[n] = x;
      } else if (t === T_CATEGORY) {
        if (s === e && f === 0) {
          c.codes[n] = c.dict!.codeOfText(null);
          missing = true;
        } else c.codes[n] = c.dict!.codeOf(buf, s, e, f);
      } else if (t === T_INSTANT) {
        if (s === e) {
          c.num[n] = NaN;
          missing = true;
          continue;
        }
        const x = parseInstantBytes(buf, s, e, f, this.clock);
        if (x === null) return this.rejected(sc, index, k, t);
        c.num[n] = x;
      } else if (t === T_STRING) {
        if (s === e && f === 0) {
          c.text[n] = null;
          missing = true;
        } else c.text[n] = this.texts.read(sc, s, e, f);
      } else {
        if (s === e) {
          c.bool[n] = MISSING_BOOLEAN;
          missing = true;
          continue;
        }
        const b = parseBooleanBytes(buf, s, e);
        if (b < 0) return this.rejected(sc, index, k, T_BOOLEAN);
        c.bool[n] = b;
      }
    }
    if (missing) this.stats.withMissing++;
    else this.stats.complete++;
    this.lines[n] = sc.line;
    if (++this.n === this.size) this.flush();
    return true;
  }

  private rejected(sc: CsvScanner, index: number, k: number, t: number): false {
    this.rejectValue(sc, index, k, t);
    return false;
  }

  /** Close the current batch (if it has rows) and, unless the input has ended, start a new one. */
  flush(last = false): void {
    const n = this.n;
    if (n === 0) return;
    const columns: Record<string, AnyColumnArray> = {};
    for (const c of this.cols) {
      let v: AnyColumnArray;
      if (c.t === T_INTEGER || c.t === T_NUMBER || c.t === T_INSTANT) v = n === this.size ? c.num : c.num.slice(0, n);
      else if (c.t === T_BOOLEAN) v = n === this.size ? c.bool : c.bool.slice(0, n);
      else if (c.t === T_CATEGORY) v = { codes: n === this.size ? c.codes : c.codes.slice(0, n), labels: c.dict!.labels.slice() };
      else {
        c.text.length = n;
        v = c.text;
      }
      Object.defineProperty(columns, c.name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    const lines = n === this.size ? this.lines : this.lines.slice(0, n);
    this.batches.push({ length: n, firstLine: lines[0]!, lines, columns });
    this.n = 0;
    if (!last) this.allocate();
  }
}
