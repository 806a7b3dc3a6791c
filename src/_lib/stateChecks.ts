import { InvalidStateError } from "../errors.ts";

/** Plain checks used by every `fromJSON` (the core carries no zod). Each throws InvalidStateError naming the field. */

export function fail(kind: string, field: string, problem: string): never {
  throw new InvalidStateError(kind, `field "${field}" ${problem}`);
}

export function expectObject(kind: string, field: string, v: unknown): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(kind, field, "is not an object");
  return v as Record<string, unknown>;
}

export function expectArray(kind: string, field: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) fail(kind, field, "is not an array");
  return v;
}

/** A non-negative integer. */
export function expectCount(kind: string, field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) fail(kind, field, `is ${JSON.stringify(v)}, expected a non-negative integer`);
  return v;
}

/** A finite number. */
export function expectFinite(kind: string, field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(kind, field, `is ${JSON.stringify(v)}, expected a finite number`);
  return v;
}

/** An array of `length` non-negative integers. */
export function expectCounts(kind: string, field: string, v: unknown, length: number): number[] {
  const a = expectArray(kind, field, v);
  if (a.length !== length) fail(kind, field, `has ${a.length} entries, expected ${length}`);
  return a.map((x, i) => expectCount(kind, `${field}[${i}]`, x));
}

/** Check the header of a state: an object of this kind and version 1. */
export function expectHeader(kind: string, json: unknown): Record<string, unknown> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new InvalidStateError(kind, `expected an object, got ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}`);
  }
  const o = json as Record<string, unknown>;
  if (o["kind"] !== kind) throw new InvalidStateError(kind, `expected kind "${kind}", got ${JSON.stringify(o["kind"])}`);
  if (o["v"] !== 1) throw new InvalidStateError(kind, `unsupported version ${JSON.stringify(o["v"])}, expected 1`);
  return o;
}
