import { InvalidOptionError } from "../errors.ts";
import type { DecodeSource } from "./decodeTypes.ts";

/** Chunks handed to a scanner at most this long, so a big buffer is decoded (and its batches yielded) in steps. */
export const SLICE_BYTES: number = 1 << 20;
/** Characters of a string source encoded at a time. */
const SLICE_CHARS = 1 << 18;

/** A chunk of a source: bytes, or text not yet encoded. */
export type Chunk = Uint8Array | string;

/**
 * The chunks of any decode source, in order: strings are cut into slices, bytes into {@link SLICE_BYTES} views.
 * A web ReadableStream is read through its reader (Safari's streams are not async iterable) and cancelled when the
 * consumer stops early.
 */
export async function* chunksOf(metric: string, source: DecodeSource): AsyncGenerator<Chunk, void, undefined> {
  if (typeof source === "string") {
    for (let i = 0; i < source.length; i += SLICE_CHARS) yield source.slice(i, i + SLICE_CHARS);
    return;
  }
  if (source instanceof Uint8Array) {
    yield* sliced(source);
    return;
  }
  if (source !== null && typeof source === "object" && typeof (source as ReadableStream).getReader === "function") {
    const reader = (source as ReadableStream<Chunk>).getReader();
    let done = false;
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) {
          done = true;
          return;
        }
        yield* checked(metric, r.value);
      }
    } finally {
      if (!done) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
  if (source !== null && typeof source === "object" && (Symbol.asyncIterator in source || Symbol.iterator in source)) {
    for await (const c of source as AsyncIterable<Chunk>) yield* checked(metric, c);
    return;
  }
  throw new InvalidOptionError(metric, "source", `is ${describe(source)}, expected a string, a Uint8Array, a ReadableStream or an (async) iterable of Uint8Array or string chunks`);
}

function* checked(metric: string, c: unknown): Generator<Chunk, void, undefined> {
  if (typeof c === "string") yield c;
  else if (c instanceof Uint8Array) yield* sliced(c);
  else throw new InvalidOptionError(metric, "source", `yielded ${describe(c)}, expected Uint8Array or string chunks`);
}

function* sliced(bytes: Uint8Array): Generator<Uint8Array, void, undefined> {
  if (bytes.length <= SLICE_BYTES) yield bytes;
  else for (let i = 0; i < bytes.length; i += SLICE_BYTES) yield bytes.subarray(i, i + SLICE_BYTES);
}

function describe(v: unknown): string {
  return v === null ? "null" : typeof v === "object" ? Object.prototype.toString.call(v) : typeof v;
}

/**
 * UTF-8 bytes of string chunks, correct when a chunk ends between the two halves of a surrogate pair
 * (an astral character split across chunks): the high half is held back for the next chunk.
 */
export class Utf8Encoder {
  private readonly encoder = new TextEncoder();
  private held = "";

  /** The bytes of `text` so far; `final` flushes a held half (encoded as U+FFFD, as TextEncoder does). */
  encode(text: string, final: boolean): Uint8Array {
    let s = this.held + text;
    this.held = "";
    if (!final && s.length > 0) {
      const last = s.charCodeAt(s.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.held = s.slice(-1);
        s = s.slice(0, -1);
      }
    }
    return this.encoder.encode(s);
  }
}
