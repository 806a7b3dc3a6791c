/**
 * The examples in the API reference show real results: every `expression // => result` line of an `@example` of
 * the core and schemas entries, where the result is written as JSON, is run (with the entry's exports in scope)
 * and compared with what the code returns, to the decimals shown. An example that uses a name it does not define
 * (`nps(answers)`, an illustration) stops there and is listed as not self-contained, not failed; any other error,
 * or a result that differs, fails with the example's line. The node entry's examples read files and are not run.
 */
import ts from "typescript";
import { describe, expect, test } from "vitest";
import * as core from "../../src/index.ts";
import * as schemas from "../../src/schemas/index.ts";
import { exampleProgram, showsAs } from "./exampleChecks.ts";
import { exportedFunctions } from "./exportedFunctions.ts";

type Run = (...values: unknown[]) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...parameters: string[]) => Run;
const scope: Record<string, unknown> = { ...core, ...schemas };
const names = Object.keys(scope);
const show = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x));

describe("example results", () => {
  const examples = exportedFunctions()
    .filter((f) => f.entry !== "src/node/index.ts")
    .flatMap((f) => f.examples.map((text) => ({ name: f.name, file: f.file, program: exampleProgram(text) })))
    .filter((e) => e.program.checks > 0);

  test("the examples shown in the reference give the results they show", async () => {
    expect(examples.length).toBeGreaterThan(50);
    const failures: string[] = [];
    const notSelfContained: string[] = [];
    let checked = 0;
    for (const { name, file, program } of examples) {
      const js = ts.transpileModule(program.code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
      const check = (line: string, actual: unknown, expected: unknown): void => {
        checked += 1;
        if (!showsAs(actual, expected)) failures.push(`${name} (${file}): ${line}\n  returns ${show(actual)}`);
      };
      try {
        await new AsyncFunction("__check", ...names, js)(check, ...names.map((n) => scope[n]));
      } catch (e) {
        if (e instanceof ReferenceError) notSelfContained.push(`${name}: ${e.message}`);
        else failures.push(`${name} (${file}): throws ${String(e)}`);
      }
    }
    expect(failures).toEqual([]);
    // Most examples are self-contained: the check above covers them, not a handful.
    expect(checked).toBeGreaterThan(50);
    expect(notSelfContained.length).toBeLessThan(examples.length / 4);
  });

  test("the comparison fails on a wrong result", () => {
    const p = exampleProgram("nps([10, 9, 7, 3]).score // => 26");
    expect(p.checks).toBe(1);
    expect(showsAs(core.nps([10, 9, 7, 3]).score, 26)).toBe(false);
    expect(showsAs(core.nps([10, 9, 7, 3]).score, 25)).toBe(true);
    expect(showsAs(100 / 3, 33.333)).toBe(true);
    expect(showsAs(100 / 3, 33.3)).toBe(true);
    expect(showsAs(100 / 3, 33.4)).toBe(false);
    expect(showsAs({ a: 1, b: 2 }, { a: 1 })).toBe(true);
    expect(showsAs([1, 2], [1])).toBe(false);
  });
});
