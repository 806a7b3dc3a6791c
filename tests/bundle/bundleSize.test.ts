/**
 * Bundle-size budget (issue 3 point 11; the zod-style "a small import stays small" test):
 * a browser bundle of `import { nps } from "cx-metrics"`, built by esbuild from the package as a user would get it
 * (resolved through package.json `exports`, minified, ESM), is at most 8 KB, holds no zod and imports no `node:*`.
 *
 * Measures the build in dist/; when dist/ is missing or older than a file in src/, it runs `npm run build` first, so
 * `npm test` alone works on a fresh clone (.ci/run builds before it tests, so there it measures that build).
 */
import { build, type Metafile } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BUDGET_BYTES = 8 * 1024;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const entry = 'import { nps } from "cx-metrics";\nconsole.log(nps([9, 10]));\n';

let consumer = "";
let code = "";
let metafile: Metafile = { inputs: {}, outputs: {} };

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
  const result = await build({
    stdin: { contents: entry, resolveDir: consumer, sourcefile: "consumer.js", loader: "js" },
    absWorkingDir: consumer,
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    external: ["node:*"],
    logLevel: "silent",
  });
  code = result.outputFiles[0]!.text;
  metafile = result.metafile;
  const bytes = result.outputFiles[0]!.contents.byteLength;
  const inputs = Object.entries(metafile.outputs)
    .flatMap(([, out]) => Object.entries(out.inputs))
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .map(([path, { bytesInOutput }]) => `  ${String(bytesInOutput).padStart(6)}  ${path}${sourcesOf(path)}`);
  console.log(`bundle of \`import { nps } from "cx-metrics"\`: ${bytes} bytes minified, ${gzipSync(code).byteLength} gzipped (budget ${BUDGET_BYTES})\n${inputs.join("\n")}`);
}, 180_000); // hook timeout only for the build on a fresh clone; no timing is asserted

/** The src/ modules a dist chunk was built from (tsup keeps a `// src/...` comment above each), to name what is big. */
function sourcesOf(path: string): string {
  if (!/dist[\\/]/.test(path)) return "";
  const sources = [...readFileSync(resolve(consumer, path), "utf8").matchAll(/^\/\/ (src\/\S+)$/gm)].map((m) => m[1]);
  return sources.length > 0 ? `  (${sources.join(", ")})` : "";
}

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe("bundle of import { nps } from \"cx-metrics\"", () => {
  it(`is at most ${BUDGET_BYTES} bytes minified`, () => {
    expect(Buffer.byteLength(code), "minified bundle size in bytes (the largest inputs are printed above)").toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("holds no zod", () => {
    expect(Object.keys(metafile.inputs).filter((path) => path.includes("zod"))).toEqual([]);
  });

  it("imports no node:* module", () => {
    const nodeImports = Object.entries(metafile.inputs).flatMap(([path, input]) =>
      input.imports.filter((i) => i.path.startsWith("node:")).map((i) => `${path} imports ${i.path}`),
    );
    expect(nodeImports).toEqual([]);
    expect(code).not.toMatch(/["']node:/);
  });

  it("runs and computes NPS (the measured bundle is the real thing)", () => {
    const printed = execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    expect(printed).toMatch(/score: 100\b/);
    expect(printed).toMatch(/n: 2\b/);
  });
});
