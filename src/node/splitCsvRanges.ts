import { open } from "node:fs/promises";

const QUOTE = 34;
const LF = 10;

/**
 * What a scan of one raw byte range tells about its quotes: how many `"` bytes it holds, and the first line feed
 * seen after an even and after an odd number of them (counted from the range's start), as file offsets or -1.
 */
export interface QuoteScan {
  quotes: number;
  newline: [even: number, odd: number];
}

/**
 * Scan [start, end) of a file for its quote count and first line feed at each local quote parity.
 * Uses indexOf (memchr) to jump between quotes, so a file with few quotes costs little more than reading it.
 */
export async function scanQuotes(path: string, start: number, end: number, chunkSize: number = 1 << 20): Promise<QuoteScan> {
  const handle = await open(path, "r");
  const newline: [number, number] = [-1, -1];
  let quotes = 0;
  let parity = 0;
  try {
    const buf = Buffer.allocUnsafe(chunkSize);
    for (let pos = start; pos < end; ) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(chunkSize, end - pos), pos);
      if (bytesRead === 0) break;
      const view = bytesRead === chunkSize ? buf : buf.subarray(0, bytesRead);
      let p = 0;
      while (p < bytesRead && (newline[0] < 0 || newline[1] < 0)) {
        const q = view.indexOf(QUOTE, p);
        if (newline[parity]! < 0) {
          const nl = view.indexOf(LF, p);
          if (nl >= 0 && (q < 0 || nl < q)) {
            newline[parity] = pos + nl;
            p = nl + 1;
            continue;
          }
        }
        // a line feed at the other parity can only come after the next quote
        if (q < 0) p = bytesRead;
        else {
          quotes += 1;
          parity ^= 1;
          p = q + 1;
        }
      }
      for (let q = view.indexOf(QUOTE, p); q >= 0; q = view.indexOf(QUOTE, q + 1)) quotes += 1;
      pos += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { quotes, newline };
}

/**
 * Split points of a CSV file from the scans of its raw ranges (range i starts at `starts[i]`), for byte ranges
 * that each start at a record: 0, then for each later range the byte after its first line feed preceded by an even
 * number of quotes in the whole file, when it has one. Returns the ascending offsets [0, s1, ..., size].
 *
 * Why an even count marks a record boundary: in RFC 4180 CSV a `"` appears only as the opening or closing quote of
 * a quoted field or doubled inside one, so the quotes before any byte number 2 per closed field plus 1 if the byte
 * is inside an open field; a line feed after an even count is outside every field, i.e. ends a record. The parity
 * at range i's start is the sum of the earlier ranges' counts, mod 2. A file with a stray quote breaks the premise;
 * runParallel checks each split with the decoder and falls back to one thread then.
 * With `anyLineFeed` (NDJSON, whose strings cannot hold a raw line feed) every line feed is a boundary.
 */
export function chooseSplits(size: number, starts: readonly number[], scans: readonly QuoteScan[], anyLineFeed: boolean = false): number[] {
  const splits = [0];
  let before = 0;
  for (let i = 0; i < scans.length; i++) {
    if (i > 0) {
      const [even, odd] = scans[i]!.newline;
      const nl = anyLineFeed ? (even < 0 ? odd : odd < 0 ? even : Math.min(even, odd)) : [even, odd][before % 2]!;
      if (nl >= 0 && nl + 1 < size && nl + 1 > splits[splits.length - 1]! && nl >= starts[i]!) splits.push(nl + 1);
    }
    before += scans[i]!.quotes;
  }
  splits.push(size);
  return splits;
}
