import { InvalidStateError } from "../errors.ts";

/** Plain checks used by every `fromJSON` (the core carries no zod). Each throws InvalidStateError naming the field. */

export function fail(kind: string, field: string, problem: string): never {
  throw new InvalidStateError(kind, `field "${field}" ${problem}`);
}

/** What a value is, for a message: `null`, `an array`, or its typeof. */
function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

export function expectObject(kind: string, field: string, v: unknown): Record<string, unknown> {
  if (typeName(v) !== "object") fail(kind, field, `is ${typeName(v)}, expected an object`);
  return v as Record<string, unknown>;
}

export function expectArray(kind: string, field: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) fail(kind, field, `is ${typeName(v)}, expected an array`);
  return v;
}

/** A non-negative integer. */
export function expectCount(kind: string, field: string, v: unknown): number {
  if (!(Number.isSafeInteger(v) && (v as number) >= 0)) fail(kind, field, `is ${JSON.stringify(v)}, expected a non-negative integer below 2^53`);
  return v as number;
}

/** A finite number. */
export function expectFinite(kind: string, field: string, v: unknown): number {
  if (!Number.isFinite(v)) fail(kind, field, `is ${JSON.stringify(v)}, expected a finite number`);
  return v as number;
}

/** An array of exactly `length` entries, each read by `item` (which gets the entry's field name, e.g. `counts[3]`). */
export function expectList<T>(kind: string, field: string, v: unknown, length: number, item: (kind: string, field: string, v: unknown) => T): T[] {
  const a = expectArray(kind, field, v);
  if (a.length !== length) fail(kind, field, `has ${a.length} entries, expected ${length}`);
  return a.map((x, i) => item(kind, `${field}[${i}]`, x));
}

/** An array of `length` non-negative integers. */
export function expectCounts(kind: string, field: string, v: unknown, length: number): number[] {
  return expectList(kind, field, v, length, expectCount);
}

/** Check the header of a state: an object of this kind and version 1. */
export function expectHeader(kind: string, json: unknown): Record<string, unknown> {
  const o = json as Record<string, unknown>;
  if (typeName(json) !== "object") throw new InvalidStateError(kind, `expected an object, got ${typeName(json)}`);
  if (o["kind"] !== kind) throw new InvalidStateError(kind, `expected kind "${kind}", got ${JSON.stringify(o["kind"])}`);
  if (o["v"] !== 1) throw new InvalidStateError(kind, `unsupported version ${JSON.stringify(o["v"])}, expected 1`);
  return o;
}
