/**
 * Builds the Node entry, its worker and the CLI from src/ into a temporary folder with esbuild, the way tsup lays
 * them out next to each other, so tests can start worker threads and child processes on JavaScript (Node 20 does
 * not run .ts files).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";

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

/** What a finished child process left: its exit code (0 on success) and its output. */
export interface ProcessResult {
  code: number;
  out: string;
  err: string;
}

/** Run a program in `cwd` with CI=true (no progress bar) and collect its exit code, stdout and stderr. */
export function runProcess(file: string, args: readonly string[], cwd: string): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd, maxBuffer: 1 << 28, env: { ...process.env, CI: "true" } }, (error, out, err) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, out, err });
    });
  });
}

/** Run the built CLI as a child process of this Node. */
export function runBuiltCli(built: BuiltCli, cwd: string, args: readonly string[]): Promise<ProcessResult> {
  return runProcess(process.execPath, [built.cli, ...args], cwd);
}

/**
 * In a test file: build the CLI before its tests into a temporary folder, give the file a working folder `dir`, and
 * remove both after its tests. `cli(...args)` runs the built CLI in `dir`; `built()` is the build (after beforeAll).
 */
export function useBuiltCli(prefix: string): { dir: string; built: () => BuiltCli; cli: (...args: string[]) => Promise<ProcessResult> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let current: BuiltCli | undefined;
  beforeAll(async () => {
    current = await buildCli();
  });
  afterAll(() => {
    current?.remove();
    rmSync(dir, { recursive: true, force: true });
  });
  const built = (): BuiltCli => {
    if (current === undefined) throw new Error("useBuiltCli: the CLI is built in beforeAll; call built() inside a hook or a test");
    return current;
  };
  return { dir, built, cli: (...args: string[]) => runBuiltCli(built(), dir, args) };
}
