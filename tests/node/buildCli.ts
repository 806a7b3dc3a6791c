/**
 * Builds the Node entry, its worker and the CLI from src/ into a temporary folder with esbuild, the way tsup lays
 * them out next to each other, so tests can start worker threads and child processes on JavaScript (Node 20 does
 * not run .ts files).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

export interface BuiltCli {
  dir: string;
  cli: string;
  index: string;
  remove(): void;
}

export async function buildCli(): Promise<BuiltCli> {
  const dir = mkdtempSync(join(tmpdir(), "cx-built-"));
  await build({
    entryPoints: { cli: "src/node/cli.ts", index: "src/node/index.ts", parallelWorker: "src/node/parallelWorker.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: dir,
    logLevel: "error",
    // cli-progress is CommonJS and requires Node built-ins
    banner: { js: "import { createRequire as __cxRequire } from 'node:module'; const require = __cxRequire(import.meta.url);" },
  });
  return { dir, cli: join(dir, "cli.js"), index: join(dir, "index.js"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
