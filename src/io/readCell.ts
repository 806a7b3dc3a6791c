/**
 * Reading one CSV field from UTF-8 bytes without building a string where the type allows: decimal numbers,
 * booleans and ISO 8601 instants are parsed from the bytes; text is decoded once. Internal to src/io.
 */
import { parseInstant } from "../time/parseInstant.ts";
import { isInstant } from "../time/instantRange.ts";
import { FIELD_ESCAPED, type CsvScanner } from "./csvScanner.ts";

// 10^0 .. 10^22 are exact doubles (5^22 < 2^53); Number("1e22") reads them correctly rounded, i.e. exactly
const POW10: Float64Array = new Float64Array(23).map((_, i) => Number(`1e${i}`));
// ignoreBOM: each call decodes one field, and a field may start with U+FEFF (the file's BOM is skipped by the scanner)
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The text of buf[s, e): ASCII by hand for short fields (cheaper than a TextDecoder call), UTF-8 otherwise
 * (invalid sequences become U+FFFD); doubled quotes of a quoted field with FIELD_ESCAPED are undoubled.
 */
export function fieldText(buf: Uint8Array, s: number, e: number, flags: number): string {
  let text: string;
  if (e - s <= 24) {
    text = "";
    let i = s;
    for (; i < e; i++) {
      const c = buf[i]!;
      if (c >= 0x80) break;
      text += String.fromCharCode(c);
    }
    if (i < e) text = decoder.decode(buf.subarray(s, e));
  } else text = decoder.decode(buf.subarray(s, e));
  return (flags & FIELD_ESCAPED) !== 0 ? text.replaceAll('""', '"') : text;
}

/**
 * Field texts of a scanner's buffer, cheaper than one TextDecoder call per field: the buffer is decoded once (per
 * scan) as one-byte text, and an ASCII field is a slice of it; a field with other bytes is decoded as UTF-8.
 */
export class FieldTexts {
  private scans = -1;
  private text = "";

  /** The text of field buf[s, e) of the scanner's current buffer. */
  read(sc: CsvScanner, s: number, e: number, flags: number): string {
    const buf = sc.buf;
    for (let i = s; i < e; i++) if (buf[i]! >= 0x80) return fieldText(buf, s, e, flags);
    if (this.scans !== sc.scans) {
      this.scans = sc.scans;
      this.text = latin1.decode(buf); // bytes below 0x80 read as themselves
    }
    const t = this.text.slice(s, e);
    return (flags & FIELD_ESCAPED) !== 0 ? t.replaceAll('""', '"') : t;
  }
}

const latin1 = new TextDecoder("latin1");

/**
 * A decimal number from bytes: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, or NaN when the bytes
 * are not one (nothing else is accepted: no spaces, `NaN`, `Infinity`, hex or `_`).
 *
 * Exact: with at most 15 significant digits and a combined power of ten |k| <= 22, m and 10^k are exact doubles and
 * m * 10^k or m / 10^k is one correctly rounded operation (Clinger 1990); anything else is read by Number() on the
 * validated ASCII text. -0 stays -0.
 *
 * @see Clinger, W. D. (1990). How to read floating point numbers accurately. PLDI '90.
 */
export function parseNumberBytes(buf: Uint8Array, s: number, e: number): number {
  // one or two digits (scores, ratings): the value itself, exact
  const n = e - s;
  if (n <= 2 && n > 0) {
    const a = buf[s]! - 48;
    if (a >= 0 && a <= 9) {
      if (n === 1) return a;
      const b = buf[s + 1]! - 48;
      if (b >= 0 && b <= 9) return a * 10 + b;
    }
  }
  let i = s;
  let neg = false;
  if (i < e) {
    const c = buf[i]!;
    if (c === 45) {
      neg = true;
      i++;
    } else if (c === 43) i++;
  }
  let m = 0;
  let sig = 0;
  let scale = 0;
  let digits = 0;
  for (; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    if (m !== 0 || d !== 0) sig++;
    m = m * 10 + d;
    digits++;
  }
  if (i < e && buf[i] === 46) {
    i++;
    for (; i < e; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      if (m !== 0 || d !== 0) sig++;
      m = m * 10 + d;
      scale++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  let exp = 0;
  if (i < e && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let eneg = false;
    if (i < e && (buf[i] === 45 || buf[i] === 43)) {
      eneg = buf[i] === 45;
      i++;
    }
    const from = i;
    for (; i < e; i++) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      if (exp < 1e8) exp = exp * 10 + d;
    }
    if (i === from) return NaN;
    if (eneg) exp = -exp;
  }
  if (i !== e) return NaN;
  let v: number;
  const k = exp - scale;
  if (m === 0) v = 0;
  else if (sig <= 15 && k >= -22 && k <= 22) v = k >= 0 ? m * POW10[k]! : m / POW10[-k]!;
  else {
    let text = "";
    for (let j = s; j < e; j++) text += String.fromCharCode(buf[j]!);
    return Number(text); // validated above: only the decimal grammar reaches Number()
  }
  return neg ? -v : v;
}

/** `true`/`false` in any case, or `1`/`0`: 1, 0, or -1 when the bytes are none of them. */
export function parseBooleanBytes(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n === 1) {
    const c = buf[s];
    return c === 49 ? 1 : c === 48 ? 0 : -1;
  }
  if (n === 4 && (buf[s]! | 32) === 116 && (buf[s + 1]! | 32) === 114 && (buf[s + 2]! | 32) === 117 && (buf[s + 3]! | 32) === 101) return 1;
  if (n === 5 && (buf[s]! | 32) === 102 && (buf[s + 1]! | 32) === 97 && (buf[s + 2]! | 32) === 108 && (buf[s + 3]! | 32) === 115 && (buf[s + 4]! | 32) === 101) return 0;
  return -1;
}

/**
 * Wall times (no offset written) read in one IANA zone, exactly as parseInstant reads them, without a date-fns call
 * per value: for each wall-clock day, parseInstant reads its first and last millisecond; when both give the same
 * offset the day holds no clock change (zones change at most once a day) and every wall time in it is
 * `wall - offset`. A day whose ends differ is looked at the same way hour by hour (a spring-forward gap, which
 * parseInstant moves forward by the gap, gives one offset across its hour too); an hour whose ends differ (a change
 * inside it, e.g. on Lord Howe's half-hour shifts) is left to parseInstant, value by value.
 */
export class WallClock {
  readonly timeZone: string;
  readonly utc: boolean;
  private readonly offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.utc = timeZone === "UTC";
  }

  /** The instant of a wall time given as epoch ms of the same UTC wall time, or NaN to ask parseInstant. */
  instant(wall: number): number {
    if (this.utc) return wall;
    // a day without a clock change has one offset; a day with one is looked at hour by hour
    const day = Math.floor(wall / 86_400_000);
    let offset = this.offsetOf(-1 - day, day * 86_400_000, 86_400_000);
    if (offset !== offset) offset = this.offsetOf(Math.floor(wall / 3_600_000), Math.floor(wall / 3_600_000) * 3_600_000, 3_600_000);
    return wall - offset;
  }

  /** The one offset of the wall times [from, from + span), or NaN when its first and last millisecond differ. */
  private offsetOf(key: number, from: number, span: number): number {
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      const a = parseInstant(new Date(from).toISOString().slice(0, 23), this.timeZone);
      const b = parseInstant(new Date(from + span - 1).toISOString().slice(0, 23), this.timeZone);
      offset = a !== null && b !== null && from - a === from + span - 1 - b ? from - a : NaN;
      this.offsets.set(key, offset);
    }
    return offset;
  }
}

/**
 * An instant as epoch milliseconds, exactly as parseInstant reads the field's text in `clock.timeZone`, or null when
 * it cannot be read. The common forms (`YYYY-MM-DD`, then `[T ]HH:mm[:ss[.fff]]`, then `Z`, an offset, or nothing)
 * are computed from the bytes (wall times through `clock`); every other text (spaces, errors, an hour with a clock
 * change) goes to parseInstant.
 */
export function parseInstantBytes(buf: Uint8Array, s: number, e: number, flags: number, clock: WallClock): number | null {
  const t = isoFast(buf, s, e, clock);
  return t === t ? t : parseInstant(fieldText(buf, s, e, flags), clock.timeZone);
}

function two(buf: Uint8Array, i: number): number {
  const a = buf[i]! - 48;
  const b = buf[i + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The fast ISO path: NaN when the bytes are not one of its forms (the caller then asks parseInstant). */
function isoFast(buf: Uint8Array, s: number, e: number, clock: WallClock): number {
  const n = e - s;
  if (n < 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return NaN;
  const y1 = two(buf, s);
  const y2 = two(buf, s + 2);
  const month = two(buf, s + 5);
  const day = two(buf, s + 8);
  if (y1 < 10 || y2 < 0 || month < 1 || month > 12 || day < 1) return NaN; // y1 < 10: years below 1000
  const year = y1 * 100 + y2;
  if (day > daysIn(year, month)) return NaN;
  let i = s + 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  if (i < e && (buf[i] === 84 || buf[i] === 32)) {
    if (e - i < 6 || buf[i + 3] !== 58) return NaN;
    hour = two(buf, i + 1);
    minute = two(buf, i + 4);
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59) return NaN;
    i += 6;
    if (i < e && buf[i] === 58) {
      if (e - i < 3) return NaN;
      second = two(buf, i + 1);
      if (second < 0 || second > 59) return NaN;
      i += 3;
      if (i < e && (buf[i] === 46 || buf[i] === 44)) {
        i++;
        const from = i;
        for (; i < e && i - from < 9; i++) {
          const d = buf[i]! - 48;
          if (d < 0 || d > 9) break;
          if (i - from < 3) ms = ms * 10 + d;
        }
        const len = i - from;
        if (len === 0) return NaN;
        if (len === 1) ms *= 100;
        else if (len === 2) ms *= 10;
      }
    }
    if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return NaN;
  }
  let t = daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  if (i === e) {
    t = clock.instant(t);
    if (t !== t) return NaN;
  } else {
    const c = buf[i];
    if (c === 90 || c === 122) {
      if (i + 1 !== e) return NaN;
    } else if (c === 43 || c === 45) {
      const rest = e - i - 1;
      let oh = -1;
      let om = 0;
      if (rest === 2) oh = two(buf, i + 1);
      else if (rest === 4) {
        oh = two(buf, i + 1);
        om = two(buf, i + 3);
      } else if (rest === 5 && buf[i + 3] === 58) {
        oh = two(buf, i + 1);
        om = two(buf, i + 4);
      }
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
      t -= (c === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
    } else return NaN;
  }
  return isInstant(t) ? t : NaN;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date.
 * @see Hinnant, H. "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
