/**
 * DESIGN 2 and 4: src/schemas/ is the only importer of zod, so `import { nps } from "cx-metrics"` carries none.
 * Scans every source file under src/ outside src/schemas/ for a static import, re-export, dynamic import or require
 * of "zod" or a "zod/..." subpath.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const ZOD = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["']zod(?:\/[^"']*)?["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(?:[cm]?[jt]s|tsx)$/.test(e.name) ? [path] : [];
  });
}

describe("zod isolation", () => {
  const files = sourceFiles(src).map((f) => relative(src, f).split("\\").join("/"));

  it("finds the sources, and the pattern catches every import form", () => {
    expect(files).toContain("index.ts");
    expect(files).toContain("schemas/index.ts");
    for (const line of ['import * as z from "zod";', "import { z } from 'zod/v4';", 'export { z } from "zod";', 'await import("zod")', 'require("zod/mini")', 'import "zod";']) {
      expect(line, line).toMatch(ZOD);
    }
    expect('import { zodiac } from "./zodiac.ts";').not.toMatch(ZOD);
  });

  it("no file in src/ outside src/schemas/ imports zod", () => {
    const offenders = files.filter((f) => !f.startsWith("schemas/") && ZOD.test(readFileSync(join(src, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("src/schemas/ does import zod (the check above is not vacuous)", () => {
    expect(files.filter((f) => f.startsWith("schemas/") && ZOD.test(readFileSync(join(src, f), "utf8"))).length).toBeGreaterThan(0);
  });
});
