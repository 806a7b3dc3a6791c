/**
 * Importing cx-metrics/schemas builds no zod schema: builders run on first use and are cached.
 * zod's constructors are wrapped in spies (vi.mock is hoisted above the import of the entry).
 */
import { describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ n: 0 }));

vi.mock("zod", async (importOriginal) => {
  const z = await importOriginal<typeof import("zod")>();
  const spy = <F extends (...args: never[]) => unknown>(f: F): F => ((...args: Parameters<F>) => ((calls.n += 1), f(...args))) as F;
  return { ...z, object: spy(z.object), strictObject: spy(z.strictObject), looseObject: spy(z.looseObject), union: spy(z.union), int: spy(z.int), number: spy(z.number) };
});

const schemas = await import("../../src/schemas/index.ts");

describe("lazy schemas", () => {
  it("importing the entry builds nothing", () => {
    expect(calls.n).toBe(0);
  });

  it("a schema is built on first use, once", () => {
    const first = schemas.npsStateSchema();
    const built = calls.n;
    expect(built).toBeGreaterThan(0);
    expect(schemas.npsStateSchema()).toBe(first);
    expect(calls.n).toBe(built);
    expect(schemas.csatOptionsSchema()).toBe(schemas.csatOptionsSchema());
  });
});
