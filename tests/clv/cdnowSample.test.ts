import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cdnowSample } from "../../src/datasets/cdnowSample.ts";
import { datasets } from "../../src/datasets/datasets.ts";
import { CDNOW_DIR } from "./cdnowFiles.ts";

describe("cdnowSample: the bundled CDNOW sample", () => {
  it("equals CDNOW_sample.txt row for row (master id, sample id, date, CDs, dollars)", () => {
    const file = readFileSync(resolve(CDNOW_DIR, "CDNOW_sample.txt"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "").map((l) => l.trim().split(/\s+/));
    const decoded = cdnowSample();
    expect(decoded).toHaveLength(file.length);
    decoded.forEach((p, i) => {
      const [master, sample, date, cds, dollars] = file[i]!;
      expect(p).toEqual({ customerId: Number(sample), masterId: Number(master), at: `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6)}`, cds: Number(cds), amount: Number(dollars) });
    });
  });

  it("datasets.cdnow is cdnowSample, and each call returns a new array", () => {
    expect(datasets.cdnow).toBe(cdnowSample);
    expect(cdnowSample()).not.toBe(cdnowSample());
  });
});

describe("cdnowSample tree-shakes", () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const bundle = async (contents: string): Promise<string> => {
    // Bundled from src/ (no build needed); the package's sideEffects: false is what lets esbuild drop modules.
    const r = await build({ stdin: { contents, resolveDir: root, loader: "ts" }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
    return r.outputFiles[0]!.text;
  };

  it("a bundle of the core entry that does not use it carries none of the data", async () => {
    const code = await bundle('import { simpleClv } from "./src/index.ts"; console.log(simpleClv({ method: "churn", arpu: 1, grossMargin: 1, churnRate: 0.5 }).clv);');
    expect(code).not.toContain("004040002029h0h0");
    expect(code.length).toBeLessThan(8 * 1024);
  });

  it("a bundle that calls datasets.cdnow() carries the data and decodes it", async () => {
    const code = await bundle('import { datasets } from "./src/index.ts"; console.log(datasets.cdnow().length);');
    expect(code).toContain("004040002029h0h0");
    expect(execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }).trim()).toBe("6919");
  });
});
