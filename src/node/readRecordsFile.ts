import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { CxError } from "../errors.ts";

/**
 * Read the records of a JSON or NDJSON file: a `.json` file holds one array of objects; a `.ndjson` or `.jsonl`
 * file holds one object per line (blank lines are skipped). A line or element that is not a JSON object is an error
 * naming the file and its 1-based line (NDJSON) or 0-based element index (JSON): nothing is skipped silently.
 * Keys named `__proto__` are kept as plain data (JSON.parse never touches the prototype).
 * O(file size) time and memory; for files larger than memory, stream them (the ingestion issue adds that).
 *
 * @param path the file
 * @returns the records in file order
 * @example
 * await readRecordsFile("answers.ndjson") // => [{ at: "2025-01-02T10:00:00Z", nps: 9, channel: "chat" }, ...]
 * @see https://github.com/ndjson/ndjson-spec
 */
export async function readRecordsFile(path: string): Promise<Record<string, unknown>[]> {
  const text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  const ext = extname(path).toLowerCase();
  if (ext === ".ndjson" || ext === ".jsonl") return parseLines(path, text);
  if (ext !== ".json") throw new CxError("INVALID_OPTION", `${path}: expected a .json, .ndjson or .jsonl file (CSV arrives with the ingestion issue)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CxError("INVALID_RECORD", `${path}: not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new CxError("INVALID_RECORD", `${path}: expected a JSON array of records, got ${typeOf(parsed)}`);
  parsed.forEach((r, i) => {
    if (typeOf(r) !== "an object") throw new CxError("INVALID_RECORD", `${path}: element ${i} is ${typeOf(r)}, expected an object`);
  });
  return parsed as Record<string, unknown>[];
}

function parseLines(path: string, text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new CxError("INVALID_RECORD", `${path}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    if (typeOf(r) !== "an object") throw new CxError("INVALID_RECORD", `${path}:${i + 1}: the line is ${typeOf(r)}, expected a JSON object`);
    out.push(r as Record<string, unknown>);
  }
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
