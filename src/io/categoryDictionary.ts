import { fieldText } from "./readCell.ts";
import { FIELD_ESCAPED } from "./csvScanner.ts";

/**
 * Codes for the labels of a category column, looked up from a field's bytes: a hash table over the bytes, so a
 * label's string is built once, when its bytes are first seen. Codes count from 0 in order of first appearance and
 * never change, so every batch of a decode uses the same codes. Internal to src/io.
 */
export class CategoryDictionary {
  /** Labels by code; `null` is the missing value. */
  readonly labels: (string | null)[] = [];
  private readonly byText = new Map<string | null, number>();
  /** Open addressing: entry + 1 in each slot, 0 = empty. */
  private table = new Int32Array(64);
  /** Per entry (one per distinct byte sequence): its hash, bytes and label code. */
  private hashes: number[] = [];
  private bytes: Uint8Array[] = [];
  private codes: number[] = [];

  /** The code of a label given as text (or null). */
  codeOfText(text: string | null): number {
    let code = this.byText.get(text);
    if (code === undefined) {
      code = this.labels.length;
      this.labels.push(text);
      this.byText.set(text, code);
    }
    return code;
  }

  /** The code of the label in buf[s, e) (a field's bytes with its flags). */
  codeOf(buf: Uint8Array, s: number, e: number, flags: number): number {
    if ((flags & FIELD_ESCAPED) !== 0) return this.codeOfText(fieldText(buf, s, e, flags));
    let h = 0x811c9dc5 | 0; // FNV-1a
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const table = this.table;
    const mask = table.length - 1;
    let slot = h & mask;
    for (;;) {
      const v = table[slot]!;
      if (v === 0) break;
      if (this.hashes[v - 1] === h && same(this.bytes[v - 1]!, buf, s, e)) return this.codes[v - 1]!;
      slot = (slot + 1) & mask;
    }
    // new bytes; their text may still be known (other bytes that decode to it, e.g. U+FFFD for invalid UTF-8)
    const code = this.codeOfText(fieldText(buf, s, e, flags));
    this.hashes.push(h);
    this.bytes.push(buf.slice(s, e));
    this.codes.push(code);
    table[slot] = this.codes.length;
    if (this.codes.length * 2 > table.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let entry = 0; entry < this.codes.length; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry + 1;
    }
    this.table = table;
  }
}

function same(a: Uint8Array, buf: Uint8Array, s: number, e: number): boolean {
  if (a.length !== e - s) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[s + i]) return false;
  return true;
}
