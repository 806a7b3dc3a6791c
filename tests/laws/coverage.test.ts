/**
 * Every aggregator the package exports goes through the shared law suite: this test reads the core entry's
 * exports and fails when a function named `...Aggregator` is not made in some tests/laws/*.laws.test.ts file.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "../../src/index.ts";

const lawsDir = new URL("./", import.meta.url);
const lawFiles = readdirSync(lawsDir).filter((f) => f.endsWith(".laws.test.ts"));
const lawText = lawFiles.map((f) => readFileSync(new URL(f, lawsDir), "utf8")).join("\n");

describe("law suite coverage", () => {
  const aggregators = Object.entries(core)
    .filter(([name, value]) => typeof value === "function" && /Aggregator$/.test(name) && name !== "runAggregator")
    .map(([name]) => name);

  it("finds the exported aggregators", () => {
    expect(aggregators).toEqual(expect.arrayContaining(["npsAggregator", "csatAggregator", "cesAggregator", "breakdownAggregator"]));
  });

  for (const name of aggregators) {
    it(`${name} is checked by checkAggregatorLaws`, () => {
      expect(lawText, `no tests/laws/*.laws.test.ts calls ${name}()`).toMatch(new RegExp(`\\b${name}\\s*(<[^>]*>)?\\s*\\(`));
    });
  }
});
