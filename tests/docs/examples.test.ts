/**
 * Issue 8 point 6 / house rules: every public function of the three entries (the API reference TypeDoc builds from
 * docs/typedoc.json) carries an `@example` that shows its result (`// => ...`) and a `@see` naming the source it
 * follows. The functions are found with the TypeScript compiler API (exportedFunctions.ts), so a new export
 * without them fails here, listed by entry, name and file. The docs pages' links into the generated reference
 * (docs/api/functions/<module>.<name>.html, TypeDoc's default "kind" router) must name functions that exist.
 */
import { readdirSync, readFileSync } from "node:fs";
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

// TypeDoc names a function's page after its module (the entry's `@module` tag, "/" written "_") and the function.
const pageModule: Record<string, string> = { "src/index.ts": "cx-metrics", "src/schemas/index.ts": "cx-metrics_schemas", "src/node/index.ts": "cx-metrics_node" };
const pages = new Set(functions.map((f) => `${pageModule[f.entry]}.${f.name}.html`));
const docsDir = new URL("../../docs/", import.meta.url);
const linksIn = (text: string): string[] => [...text.matchAll(/api\/functions\/([\w.-]+\.html)/g)].map((m) => m[1]!);

describe("links from the docs pages to the API reference", () => {
  const metricPages = [
    ...readdirSync(new URL("metrics/", docsDir)).filter((f) => f.endsWith(".md")).map((f) => `metrics/${f}`),
    ...readdirSync(new URL("stats/", docsDir)).filter((f) => f.endsWith(".md")).map((f) => `stats/${f}`),
    "io.md",
  ];

  test("every metric, statistics and IO page ends with a line linking its functions' reference pages, and each link has a page", () => {
    expect(metricPages.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const page of metricPages) {
      const lines = readFileSync(new URL(page, docsDir), "utf8").trimEnd().split("\n");
      const last = lines[lines.length - 1] ?? "";
      if (!last.startsWith("API reference: ")) problems.push(`${page}: last line is not "API reference: ..."`);
      const hrefs = [...last.matchAll(/\]\(([^)]*api\/functions\/[^)]*)\)/g)].map((m) => m[1]!);
      if (hrefs.length === 0) problems.push(`${page}: no link to docs/api/functions/`);
      for (const href of hrefs) {
        const target = new URL(href, new URL(page, docsDir)).href;
        const name = target.slice(new URL("api/functions/", docsDir).href.length);
        if (!target.startsWith(new URL("api/functions/", docsDir).href) || !pages.has(name)) problems.push(`${page}: ${href} is not an exported function's page under docs/api/functions/`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("getting-started's API reference section links pages that exist", () => {
    const text = readFileSync(new URL("getting-started.md", docsDir), "utf8");
    expect(text).toContain("## API reference");
    const links = linksIn(text).filter((l) => !l.includes("<"));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !pages.has(l))).toEqual([]);
  });
});
