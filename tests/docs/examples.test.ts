/**
 * Issue 8 point 6 / house rules: every public function of the three entries (the API reference TypeDoc builds from
 * docs/typedoc.json) carries an `@example` that shows its result (`// => ...`) and a `@see` naming the source it
 * follows. The functions are found with the TypeScript compiler API (exportedFunctions.ts), so a new export
 * without them fails here, listed by entry, name and file.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { ENTRIES, exportedFunctions, type ExportedFunction } from "./exportedFunctions.ts";

const functions: ExportedFunction[] = exportedFunctions();
const where = (f: ExportedFunction): string => `${f.entry}: ${f.name} (${f.file})`;

describe("JSDoc of every exported function", () => {
  test("the walk covers the entries TypeDoc documents and finds their functions", () => {
    const options = JSON.parse(readFileSync(new URL("../../docs/typedoc.json", import.meta.url), "utf8")) as { entryPoints: string[] };
    expect(options.entryPoints.map((p) => p.replace(/^\.\.\//, ""))).toEqual([...ENTRIES]);
    const names = (entry: string): string[] => functions.filter((f) => f.entry === entry).map((f) => f.name);
    // One known function per entry, re-exported through an `export { ... } from` list.
    expect(names("src/index.ts")).toEqual(expect.arrayContaining(["nps", "breakdown", "fitBgNbd", "decodeCsv"]));
    expect(names("src/schemas/index.ts")).toEqual(expect.arrayContaining(["validateRecords", "npsStateSchema"]));
    expect(names("src/node/index.ts")).toEqual(expect.arrayContaining(["runCli", "fileChunks"]));
    // Types and classes are not functions.
    expect(functions.map((f) => f.name)).not.toContain("NpsResult");
    expect(functions.map((f) => f.name)).not.toContain("InvalidRecordError");
  });

  test("every exported function has an @example", () => {
    expect(functions.filter((f) => !f.tags.includes("example")).map(where)).toEqual([]);
  });

  test("every @example shows its result as `// => ...`", () => {
    expect(functions.filter((f) => f.examples.length > 0 && !f.examples.some((e) => e.includes("// =>"))).map(where)).toEqual([]);
  });

  test("every exported function has a @see", () => {
    expect(functions.filter((f) => !f.tags.includes("see")).map(where)).toEqual([]);
  });
});
