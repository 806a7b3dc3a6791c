/**
 * Bundle-size budgets (issue 3 point 11, issue 8 point 7; the zod-style "a small import stays small" test):
 * browser bundles of three consumer entries, built by esbuild from the package as a user would get it (resolved
 * through package.json `exports`, minified, ESM), each within its budget, with no zod and no `node:*` import:
 *
 *   entry                                      budget   measured 2026-12-01 (main after the issue 8 render merge)
 *   import { nps }                              8 KB    6,497 B minified (2,861 gzipped)
 *   import { breakdown, nps, npsAggregator }   32 KB   28,965 B (10,766 gzipped): breakdown needs nps's aggregator
 *                                                      (same module); periods bring @date-fns/tz and date-fns
 *   import { display }                         88 KB   78,615 B (28,263 gzipped): toTable's table model (22.8 KB),
 *                                                      the seven charts and the SVG primitives; no metric code
 *
 * Budgets are the measured size plus about 10-25 %; a change that needs more says why in docs/performance.md.
 * The display bundle must also leave out the bundled data set (src/datasets) and the CSV/NDJSON decoders (src/io):
 * checked on a second build of the same entry from src/ (which names every module that put bytes in the output),
 * and on the dist bundle by a piece of the data set's encoded text.
 *
 * Measures the build in dist/; when dist/ is missing or older than a file in src/, it runs `npm run build` first, so
 * `npm test` alone works on a fresh clone (.ci/run builds before it tests, so there it measures that build).
 */
import { build, type Metafile } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nps } from "../../src/index.ts";
import { CDNOW_SAMPLE_DATA } from "../../src/datasets/cdnowSampleData.ts";

const KB = 1024;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface Entry {
  name: string;
  code: string;
  budget: number;
  /** What running the bundle must print (the measured bundle is the real thing). */
  prints: RegExp[];
  /** src/ folders that must put no byte into the bundle. */
  excludes: string[];
}

const ENTRIES: Entry[] = [
  {
    name: "import { nps }",
    code: 'import { nps } from "cx-metrics";\nconsole.log(nps([9, 10]));\n',
    budget: 8 * KB,
    prints: [/score: 100\b/, /n: 2\b/],
    excludes: ["src/datasets/", "src/io/", "src/aggregate/", "src/time/", "src/render/"],
  },
  {
    name: "import { breakdown, nps, npsAggregator }",
    code:
      'import { breakdown, nps, npsAggregator } from "cx-metrics";\n' +
      'const rows = [{ c: "chat", s: 10 }, { c: "chat", s: 0 }, { c: "email", s: 9 }];\n' +
      "const b = breakdown(npsAggregator({ value: (r) => r.s }), rows, { by: { c: (r) => r.c } });\n" +
      'console.log(JSON.stringify(b.rows.map((r) => [r.key.c, r.result.score])), nps([9, 10]).score);\n',
    budget: 32 * KB,
    prints: [/^\[\["chat",0\],\["email",100\]\] 100$/m],
    excludes: ["src/datasets/", "src/io/"],
  },
  {
    name: "import { display }",
    // a result as a dashboard gets it from a server: plain JSON, no metric code in the bundle
    code: `import { display } from "cx-metrics";\nconst html = display(${JSON.stringify(nps([10, 9, 9, 7, 3]))}).html();\nconsole.log(html.includes("<svg"), html.includes('<table class="cx-table"'));\n`,
    budget: 88 * KB,
    prints: [/^true true$/m],
    excludes: ["src/datasets/", "src/io/", "src/schemas/", "src/node/", "src/sample/"],
  },
];

interface Bundle {
  code: string;
  metafile: Metafile;
  /** src/ modules that put bytes into the same entry's bundle built from src/index.ts. */
  sourceModules: string[];
}

let consumer = "";
const bundles = new Map<string, Bundle>();

async function bundle(entry: Entry, alias?: Record<string, string>): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: consumer, sourcefile: "consumer.js", loader: "js" },
    absWorkingDir: consumer,
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    external: ["node:*"],
    logLevel: "silent",
    ...(alias && { alias }),
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

beforeAll(async () => {
  const built = join(root, "dist/index.js");
  const newestSource = Math.max(...readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }).map((f) => statSync(join(root, "src", f)).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
    console.log("bundle-size test: dist/ is missing or older than src/, running `npm run build` first");
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  }
  // A consumer project whose node_modules/cx-metrics is this package, so esbuild resolves it through `exports`
  // (browser + import conditions) and reads its `sideEffects: false`, exactly as in a user's dashboard build.
  consumer = mkdtempSync(join(tmpdir(), "cx-bundle-"));
  mkdirSync(join(consumer, "node_modules"));
  symlinkSync(root, join(consumer, "node_modules", "cx-metrics"), "junction");
  for (const entry of ENTRIES) {
    const { code, metafile } = await bundle(entry);
    const fromSource = await bundle(entry, { "cx-metrics": join(root, "src/index.ts") });
    const sourceModules = Object.values(fromSource.metafile.outputs)
      .flatMap((out) => Object.entries(out.inputs))
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => relative(root, resolve(consumer, path)).split("\\").join("/"))
      .filter((path) => path.startsWith("src/"));
    bundles.set(entry.name, { code, metafile, sourceModules });
    const bytes = Buffer.byteLength(code);
    const inputs = Object.values(metafile.outputs)
      .flatMap((out) => Object.entries(out.inputs))
      .filter(([, input]) => input.bytesInOutput > 0)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .map(([path, { bytesInOutput }]) => `  ${String(bytesInOutput).padStart(6)}  ${path}${sourcesOf(path)}`);
    console.log(
      `bundle of \`${entry.name} from "cx-metrics"\`: ${bytes} bytes minified (${(bytes / KB).toFixed(1)} KB), ${gzipSync(code).byteLength} gzipped (budget ${entry.budget / KB} KB)\n${inputs.join("\n")}`,
    );
  }
}, 300_000); // hook timeout only for the build on a fresh clone; no timing is asserted

/** The src/ modules a dist chunk was built from (tsup keeps a `// src/...` comment above each), to name what is big. */
function sourcesOf(path: string): string {
  if (!/dist[\\/]/.test(path)) return "";
  const sources = [...readFileSync(resolve(consumer, path), "utf8").matchAll(/^\/\/ (src\/\S+)$/gm)].map((m) => m[1]);
  return sources.length > 0 ? `  (${sources.join(", ")})` : "";
}

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe.each(ENTRIES)("bundle of $name from \"cx-metrics\"", (entry) => {
  const get = (): Bundle => bundles.get(entry.name)!;

  it(`is at most ${entry.budget / KB} KB minified`, () => {
    expect(Buffer.byteLength(get().code), "minified bundle size in bytes (the largest inputs are printed above)").toBeLessThanOrEqual(entry.budget);
  });

  it("holds no zod", () => {
    expect(Object.keys(get().metafile.inputs).filter((path) => path.includes("zod"))).toEqual([]);
    expect(get().sourceModules.filter((path) => path.startsWith("src/schemas/"))).toEqual([]);
  });

  it("imports no node:* module", () => {
    const nodeImports = Object.entries(get().metafile.inputs).flatMap(([path, input]) =>
      input.imports.filter((i) => i.path.startsWith("node:")).map((i) => `${path} imports ${i.path}`),
    );
    expect(nodeImports).toEqual([]);
    expect(get().code).not.toMatch(/["']node:/);
  });

  it(`leaves out ${entry.excludes.join(", ")}`, () => {
    const { sourceModules, code } = get();
    expect(sourceModules.length, "the src/ build names the modules in the bundle").toBeGreaterThan(0);
    expect(sourceModules.filter((path) => entry.excludes.some((folder) => path.startsWith(folder)))).toEqual([]);
    // the data set's encoded text (the bulk of src/datasets) is not in the dist bundle either
    expect(code.includes(CDNOW_SAMPLE_DATA.slice(1000, 1064))).toBe(false);
  });

  it("runs and prints what it computed (the measured bundle is the real thing)", () => {
    const printed = execFileSync(process.execPath, ["--input-type=module", "-e", get().code], { encoding: "utf8" });
    for (const pattern of entry.prints) expect(printed).toMatch(pattern);
  });
});
