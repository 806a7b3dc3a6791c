/**
 * runParallel (issue 7, point 3): a file cut into byte ranges at record boundaries, one worker per range, states
 * merged, must give exactly the single-thread result, including rows whose quoted fields hold line breaks, invalid
 * rows and their line numbers. The worker runs from a JavaScript build of src/ (see buildCli.ts).
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { useBuiltCli } from "./buildCli.ts";
import type * as NodeEntry from "../../src/node/index.ts";
import { seededRandom } from "../../src/sample/seededRandom.ts";

// the built Node entry (worker threads need JavaScript files); useBuiltCli's build runs before the beforeAll below
const { dir, built } = useBuiltCli("cx-parallel-");
let lib: typeof NodeEntry;

beforeAll(async () => {
  lib = (await import(built().index)) as typeof NodeEntry;
});

const SEGMENTS = ["a", "b", "c, with a comma", 'd "quoted"'];

/**
 * A CSV whose rows often hold quoted line breaks (so many line feeds in the file are inside fields), with missing,
 * out-of-range, unparseable and malformed rows mixed in. Returns the text and the physical line of each bad row.
 */
function messyCsv(seed: number, rows: number, multiline: number): { text: string; bad: number[] } {
  const rng = seededRandom(seed);
  const lines = ["id,at,segment,comment,nps"];
  let line = 2;
  const bad: number[] = [];
  const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  for (let i = 0; i < rows; i++) {
    const day = 1 + rng.int(60);
    const at = new Date(Date.UTC(2025, 0, day, rng.int(24), rng.int(60))).toISOString();
    const segment = SEGMENTS[rng.int(SEGMENTS.length)]!;
    const breaks = rng.next() < multiline ? 1 + rng.int(3) : 0;
    const comment = breaks > 0 ? q(Array.from({ length: breaks + 1 }, (_, k) => `part ${k} "of" ${i}`).join(rng.next() < 0.5 ? "\n" : "\r\n")) : `plain ${i}`;
    const r = rng.next();
    let nps = String(rng.int(11));
    let row: string | null = null;
    if (r < 0.03) nps = "";
    else if (r < 0.05) (nps = "11"), bad.push(line);
    else if (r < 0.06) (nps = "7.5"), bad.push(line);
    else if (r < 0.07) (nps = "x"), bad.push(line);
    else if (r < 0.075) (row = `${i + 1},${at},a`), bad.push(line); // too few fields
    else if (r < 0.08) (row = `${i + 1},not a date,${q(segment)},${comment},${nps}`), bad.push(line);
    else if (r < 0.085) (row = `${i + 1},,${q(segment)},${comment},${nps}`), bad.push(line); // no instant: no period
    lines.push(row ?? `${i + 1},${at},${q(segment)},${comment},${nps}`);
    line += 1 + (row === null || row.includes(comment) ? breaks : 0);
    if (rng.next() < 0.01) (lines.push(""), line++); // a blank line
  }
  return { text: `${lines.join("\n")}\n`, bad };
}

const spec = (onInvalid: "throw" | "count") => ({ metric: "nps", by: ["segment"], period: "isoWeek" as const, timeZone: "Europe/Berlin", onInvalid });

async function both(path: string, workers: number, onInvalid: "throw" | "count") {
  const single: NodeEntry.RejectRecord[] = [];
  const multi: NodeEntry.RejectRecord[] = [];
  const one = await lib.runParallel(spec(onInvalid), path, { workers: 1, rejected: (r) => single.push(r) });
  const many = await lib.runParallel(spec(onInvalid), path, { workers, rejected: (r) => multi.push(r) });
  return { one, many, single, multi };
}

describe("runParallel equals the single-thread run", () => {
  it("on a file where a third of the rows hold quoted line breaks, with invalid rows (2, 3, 4 and 7 workers)", async () => {
    const { text, bad } = messyCsv(11, 6000, 0.35);
    const path = join(dir, "messy.csv");
    writeFileSync(path, text);
    for (const workers of [2, 3, 4, 7]) {
      const { one, many, single, multi } = await both(path, workers, "count");
      expect(many.workers).toBe(workers); // the split points held: no fallback to one thread
      expect(many.result).toEqual(one.result);
      expect(many.counts).toEqual(one.counts);
      expect(multi).toEqual(single);
    }
    const { one, single } = await both(path, 2, "count");
    // every bad row is rejected with its own physical line, and nothing else
    expect(single.map((r) => r.line)).toEqual(bad);
    expect(one.counts.accepted + one.counts.missing + one.counts.rejected).toBe(one.counts.rows);
    expect(one.counts.rows).toBe(6000);
  });

  it("for any seed, share of multi-line rows and worker count (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 400 }), async (seed, multiline, workers, rows) => {
        const path = join(dir, `p${seed}.csv`);
        writeFileSync(path, messyCsv(seed, rows, multiline).text);
        const { one, many, single, multi } = await both(path, workers, "count");
        expect(many.result).toEqual(one.result);
        expect(many.counts).toEqual(one.counts);
        expect(multi).toEqual(single);
        rmSync(path);
      }),
      { seed: 7, numRuns: 25 },
    );
  });

  it("under onInvalid throw, reports the file's first bad row, with its line", async () => {
    const { text, bad } = messyCsv(5, 3000, 0.3);
    const path = join(dir, "throw.csv");
    writeFileSync(path, text);
    const first = bad[0]!;
    for (const workers of [1, 2, 5]) {
      await expect(lib.runParallel(spec("throw"), path, { workers })).rejects.toThrow(new RegExp(`^line ${first}: `));
    }
  });

  it("a stray quote breaks the parity premise: the split is checked and the result still equals one thread", async () => {
    const rows = ["at,segment,nps", ...Array.from({ length: 400 }, (_, i) => `2025-01-0${1 + (i % 9)}T00:00:00Z,${i === 3 ? 'b"ad' : i % 7 === 0 ? '"x\ny"' : "s"},${i % 11}`)];
    const path = join(dir, "stray.csv");
    writeFileSync(path, `${rows.join("\n")}\n`);
    const { one, many, single, multi } = await both(path, 3, "count");
    expect(many.workers).toBe(1); // a split fell inside a quoted field: detected, the file was read again in one thread
    expect(many.result).toEqual(one.result);
    expect(many.counts).toEqual(one.counts);
    expect(multi).toEqual(single);
    expect(single[0]!.line).toBe(6); // row 0 holds a line break
  });

  it("NDJSON files split at any line feed (strings cannot hold one), with bad lines", async () => {
    const rng = seededRandom(3);
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const r = rng.next();
      const row = { at: new Date(Date.UTC(2025, 0, 1 + rng.int(40))).toISOString(), segment: SEGMENTS[rng.int(4)], note: 'a "quoted" \\ \n note', nps: r < 0.03 ? 11 : r < 0.06 ? null : rng.int(11) };
      lines.push(r > 0.99 ? "{not json" : r > 0.98 ? "" : JSON.stringify(row));
    }
    const path = join(dir, "rows.ndjson");
    writeFileSync(path, `${lines.join("\n")}\n`);
    for (const workers of [2, 3]) {
      const { one, many, single, multi } = await both(path, workers, "count");
      expect(many.workers).toBe(workers);
      expect(many.result).toEqual(one.result);
      expect(many.counts).toEqual(one.counts);
      expect(multi).toEqual(single);
      expect(single.length).toBeGreaterThan(100);
    }
  });

  it("empty and header-only files", async () => {
    for (const [name, text] of [["empty.csv", ""], ["header.csv", "at,segment,nps\n"]] as const) {
      const path = join(dir, name);
      writeFileSync(path, text);
      const r = await lib.runParallel(spec("count"), path, { workers: 3 });
      expect(r.result.rows).toEqual([]);
      expect(r.result.total.score).toBeNull();
      expect(r.counts.rows).toBe(0);
    }
  });
});
