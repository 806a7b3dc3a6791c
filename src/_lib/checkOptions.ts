import { InvalidOptionError } from "../errors.ts";
import type { OnInvalid } from "../aggregate/aggregator.ts";

/** A confidence level strictly between 0 and 1 (default 0.95). */
export function checkLevel(metric: string, level: number | undefined): number {
  if (level === undefined) return 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw new InvalidOptionError(metric, "level", `is ${JSON.stringify(level)}, expected a number strictly between 0 and 1 (e.g. 0.95)`);
  }
  return level;
}

/** `"throw"` (default) or `"count"`. */
export function checkOnInvalid(metric: string, onInvalid: OnInvalid | undefined): OnInvalid {
  if (onInvalid === undefined) return "throw";
  if (onInvalid !== "throw" && onInvalid !== "count") {
    throw new InvalidOptionError(metric, "onInvalid", `is ${JSON.stringify(onInvalid)}, expected "throw" or "count"`);
  }
  return onInvalid;
}

/** An optional accessor must be a function. */
export function checkAccessor<F>(metric: string, name: string, f: F | undefined): F | undefined {
  if (f !== undefined && typeof f !== "function") {
    throw new InvalidOptionError(metric, name, `is ${typeof f}, expected a function that reads the field from a record`);
  }
  return f;
}

/** An integer scale { min, max } with min < max. */
export function checkScale(metric: string, scale: { min: number; max: number }): { min: number; max: number } {
  const { min, max } = scale;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min >= max || max - min > 1000) {
    throw new InvalidOptionError(metric, "scale", `is ${JSON.stringify(scale)}, expected integers { min, max } with min < max and at most 1001 points`);
  }
  return { min, max };
}
