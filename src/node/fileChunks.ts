import { open } from "node:fs/promises";

/** Options of {@link fileChunks}. */
export interface FileChunksOptions {
  /** First byte to read (default 0). */
  start?: number;
  /** Byte after the last one to read (default: the end of the file). */
  end?: number;
  /** Bytes per chunk (default 1 MiB). */
  chunkSize?: number;
}

/**
 * The bytes of a file, or of standard input for `"-"`, as an async iterable of Uint8Array chunks: what the CSV and
 * NDJSON decoders of `cx-metrics` read. A byte range [start, end) reads a slice (worker threads use that). Each
 * chunk is a new buffer (a decoder may keep a reference to it), so memory stays one chunk per reader plus what the
 * consumer holds. O(bytes) time.
 *
 * @param path a file path, or "-" for standard input
 * @param options byte range and chunk size
 * @returns the chunks, in file order
 * @example
 * // answers.csv holds "at,nps\n2025-01-02T10:00:00Z,9\n"
 * let bytes = 0;
 * for await (const chunk of fileChunks("answers.csv")) bytes += chunk.length;
 * bytes // => 30
 * @see https://nodejs.org/api/fs.html#filehandlereadbuffer-offset-length-position
 */
export async function* fileChunks(path: string, options: FileChunksOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const size = options.chunkSize ?? 1 << 20;
  if (path === "-") {
    for await (const chunk of process.stdin) yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return;
  }
  const handle = await open(path, "r");
  try {
    let position = options.start ?? 0;
    const end = options.end ?? (await handle.stat()).size;
    while (position < end) {
      const buffer = new Uint8Array(Math.min(size, end - position));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break; // the file shrank while being read
      position += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
