/**
 * The CSV byte scanner (RFC 4180): it finds the fields of each record in UTF-8 bytes without building strings,
 * and hands each record to a callback as offsets into its buffer. Internal to src/io.
 *
 * - Fields are separated by a one-byte delimiter; records end at LF, CRLF or a lone CR (RFC 4180 section 2.1
 *   says CRLF; LF and CR files are common and read the same way).
 * - A field that starts with `"` is quoted: it ends at the next `"` not doubled (`""` is one quote, section 2.7)
 *   and may hold delimiters and line breaks (section 2.6). After its closing quote only a delimiter, a line break
 *   or the end may follow; anything else is an error, and so is a `"` inside an unquoted field (section 2.5).
 * - A UTF-8 byte order mark at the very start is skipped. A record with no bytes (an empty line) is blank:
 *   counted and skipped. The last record needs no line break (section 2.2).
 *
 * Chunks may split the input anywhere: a record cut by a chunk end is kept and completed by the next chunk, and
 * the scan resumes where it stopped (a long quoted field is not scanned again for every chunk).
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The record is well formed. */
export const SCAN_OK = 0;
/** A quoted field has no closing quote before the end of the input. */
export const SCAN_UNTERMINATED = 1;
/** A `"` inside an unquoted field. */
export const SCAN_STRAY_QUOTE = 2;
/** Something other than a delimiter or a line break after a closing quote. */
export const SCAN_AFTER_QUOTE = 3;

/** Field flag: the field was quoted. */
export const FIELD_QUOTED = 1;
/** Field flag: the quoted field holds doubled quotes (its text needs unescaping). */
export const FIELD_ESCAPED = 2;

const M_START = 0;
const M_QUOTED = 1;
const M_UNQUOTED = 2;
const M_SKIP = 3;

const EMPTY = new Uint8Array(0);

/**
 * The scanner: `feed` chunks, then `finish`; each complete record goes to the callback as field offsets into `buf`
 * (valid during the callback only). O(bytes) time; memory: the incomplete record at a chunk's end.
 */
export class CsvScanner {
  /** The buffer the current record's offsets point into. */
  buf: Uint8Array = EMPTY;
  /** Field i of the current record is buf[starts[i], ends[i]) (inside the quotes for a quoted field). */
  starts: Int32Array = new Int32Array(32);
  ends: Int32Array = new Int32Array(32);
  flags: Uint8Array = new Uint8Array(32);
  /** Fields of the current record (for an erroneous record: those read before the fault). */
  count: number = 0;
  /** The current record's bytes (without its line break): buf[recordStart, recordEnd). */
  recordStart: number = 0;
  recordEnd: number = 0;
  /** Physical line of the current record's first byte. */
  line: number;
  /** SCAN_OK or the fault of the current record, and the 0-based field where it is. */
  error: number = SCAN_OK;
  errorField: number = 0;
  /** Blank lines skipped so far. */
  blank: number = 0;
  /** Line breaks inside quoted fields so far. */
  continuation: number = 0;
  /** Scans so far: `buf` holds the same bytes while this stays the same. */
  scans: number = 0;
  /** Bytes fed so far. */
  bytes: number = 0;
  /** The line number the next record will start on. */
  nextLine: number;

  private readonly delim: number;
  private readonly startLine: number;
  private readonly onRecord: (s: CsvScanner) => void;
  private pend: Uint8Array = new Uint8Array(0);
  private pendLen = 0;
  private skipLF = false;
  private bomChecked = false;
  // where an incomplete record's scan stopped (offsets relative to the record's start)
  private rMode = -1;
  private rNf = 0;
  private rP = 0;
  private rQ = 0;
  private rEsc = 0;
  private rExtra = 0;
  private rErr = 0;
  private rErrField = 0;

  constructor(delimiter: number, firstLine: number, onRecord: (s: CsvScanner) => void) {
    this.delim = delimiter;
    this.line = firstLine;
    this.startLine = firstLine;
    this.nextLine = firstLine;
    this.onRecord = onRecord;
  }

  /** Scan a chunk; complete records go to the callback, an incomplete tail is kept for the next chunk. */
  feed(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.pendLen === 0) {
      const used = this.scan(chunk, chunk.length, false);
      this.keep(chunk, used, chunk.length);
      return;
    }
    const need = this.pendLen + chunk.length;
    if (need > this.pend.length) {
      const grown = new Uint8Array(Math.max(need, this.pend.length * 2, 1 << 16));
      grown.set(this.pend.subarray(0, this.pendLen));
      this.pend = grown;
    }
    this.pend.set(chunk, this.pendLen);
    this.pendLen = need;
    const used = this.scan(this.pend, need, false);
    if (used > 0) {
      this.pend.copyWithin(0, used, need);
      this.pendLen = need - used;
    }
  }

  /** The end of the input: the kept tail is the last record (or an unterminated quoted field). */
  finish(): void {
    this.scan(this.pend, this.pendLen, true);
    this.pendLen = 0;
  }

  /** Physical lines read so far (all of them after finish). */
  get lines(): number {
    return this.nextLine - this.startLine;
  }

  private keep(buf: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n > this.pend.length) this.pend = new Uint8Array(Math.max(n * 2, 1 << 16));
    this.pend.set(buf.subarray(from, to));
    this.pendLen = n;
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(n);
    e.set(this.ends);
    this.ends = e;
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }

  /** Scan buf[0, len); returns how many bytes were used (the rest is an incomplete record). */
  private scan(buf: Uint8Array, len: number, final: boolean): number {
    const D = this.delim;
    this.buf = buf.length === len ? buf : buf.subarray(0, len);
    this.scans++;
    let pos = 0;
    if (!this.bomChecked) {
      if (len < 3 && !final) return 0;
      this.bomChecked = true;
      if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    if (this.skipLF && len > 0) {
      this.skipLF = false;
      if (buf[0] === LF) pos = 1;
    }
    for (;;) {
      const recStart = pos;
      let nf = 0;
      let p = pos;
      let q = pos;
      let esc = 0;
      let extra = 0;
      let err = SCAN_OK;
      let errField = 0;
      let mode = M_START;
      if (this.rMode >= 0) {
        mode = this.rMode;
        nf = this.rNf;
        p = recStart + this.rP;
        q = recStart + this.rQ;
        esc = this.rEsc;
        extra = this.rExtra;
        err = this.rErr;
        errField = this.rErrField;
        this.rMode = -1;
      } else if (pos >= len) return pos;
      let starts = this.starts;
      let ends = this.ends;
      let flags = this.flags;
      let recEnd = len;
      let next = len; // where the next record starts
      let incomplete = false;
      record: for (;;) {
        if (mode === M_START) {
          if (p >= len) {
            if (!final) {
              incomplete = true;
              break record;
            }
            // the input ends right after a delimiter: an empty last field
            if (nf === starts.length) ({ starts, ends, flags } = this.grown());
            starts[nf] = p;
            ends[nf] = p;
            flags[nf] = 0;
            nf++;
            break record;
          }
          if (buf[p] === QUOTE) {
            mode = M_QUOTED;
            q = p + 1;
            esc = 0;
          } else {
            mode = M_UNQUOTED;
            q = p;
          }
        }
        if (mode === M_QUOTED) {
          for (;;) {
            while (q < len) {
              const c = buf[q]!;
              if (c === QUOTE) break;
              if (c === LF) extra++;
              else if (c === CR) {
                if (q + 1 < len) {
                  if (buf[q + 1] !== LF) extra++;
                } else if (final) extra++;
                else break; // a CR at the end: is it CRLF? wait for the next chunk
              }
              q++;
            }
            if (q >= len || buf[q] !== QUOTE) {
              if (!final) {
                incomplete = true;
                break record;
              }
              err = SCAN_UNTERMINATED;
              errField = nf;
              nf++;
              break record;
            }
            if (q + 1 < len) {
              if (buf[q + 1] === QUOTE) {
                esc = FIELD_ESCAPED;
                q += 2;
                continue;
              }
            } else if (!final) {
              incomplete = true; // a quote at the end: doubled or closing?
              break record;
            }
            break;
          }
          if (nf === starts.length) ({ starts, ends, flags } = this.grown());
          starts[nf] = p + 1;
          ends[nf] = q;
          flags[nf] = FIELD_QUOTED | esc;
          nf++;
          const r = q + 1;
          if (r >= len) break record; // final: the input ends after the closing quote
          const c = buf[r]!;
          if (c === D) {
            p = r + 1;
            mode = M_START;
            continue;
          }
          if (c === LF || c === CR) {
            recEnd = r;
            next = this.afterBreak(buf, r, len, final);
            break record;
          }
          err = SCAN_AFTER_QUOTE;
          errField = nf - 1;
          mode = M_SKIP;
          q = r;
        }
        if (mode === M_UNQUOTED) {
          let c = 0;
          while (q < len) {
            c = buf[q]!;
            if (c === D || c === LF || c === CR) break;
            if (c === QUOTE) break;
            q++;
          }
          if (q < len && c === QUOTE) {
            err = SCAN_STRAY_QUOTE;
            errField = nf;
            mode = M_SKIP;
          } else {
            if (q >= len && !final) {
              incomplete = true;
              break record;
            }
            if (nf === starts.length) ({ starts, ends, flags } = this.grown());
            starts[nf] = p;
            ends[nf] = q;
            flags[nf] = 0;
            nf++;
            if (q >= len) break record;
            if (c === D) {
              p = q + 1;
              mode = M_START;
              continue;
            }
            recEnd = q;
            next = this.afterBreak(buf, q, len, final);
            break record;
          }
        }
        // M_SKIP: an error; the record runs to the end of its line
        while (q < len && buf[q] !== LF && buf[q] !== CR) q++;
        if (q >= len) {
          if (!final) {
            incomplete = true;
            break record;
          }
          break record;
        }
        recEnd = q;
        next = this.afterBreak(buf, q, len, final);
        break record;
      }
      if (incomplete) {
        this.rMode = mode;
        this.rNf = nf;
        this.rP = p - recStart;
        this.rQ = q - recStart;
        this.rEsc = esc;
        this.rExtra = extra;
        this.rErr = err;
        this.rErrField = errField;
        for (let i = 0; i < nf; i++) {
          starts[i]! -= recStart;
          ends[i]! -= recStart;
        }
        return recStart;
      }
      const line = this.nextLine;
      this.nextLine += 1 + extra;
      this.continuation += extra;
      if (err === SCAN_OK && nf === 1 && flags[0] === 0 && recEnd === recStart) {
        this.blank++;
      } else {
        this.line = line;
        this.count = nf;
        this.recordStart = recStart;
        this.recordEnd = recEnd;
        this.error = err;
        this.errorField = errField;
        this.onRecord(this);
      }
      pos = next;
      if (pos >= len) return len;
    }
  }

  /** Where the next record starts after the line break at `at` (LF, CRLF or CR). */
  private afterBreak(buf: Uint8Array, at: number, len: number, final: boolean): number {
    if (buf[at] === LF) return at + 1;
    if (at + 1 < len) return buf[at + 1] === LF ? at + 2 : at + 1;
    if (!final) this.skipLF = true; // a CR ends the chunk: an LF that starts the next one belongs to it
    return at + 1;
  }

  private grown(): { starts: Int32Array; ends: Int32Array; flags: Uint8Array } {
    this.grow();
    return { starts: this.starts, ends: this.ends, flags: this.flags };
  }
}
