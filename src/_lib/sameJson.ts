/**
 * Whether two JSON values are equal as data: the same scalars, arrays element by element, objects with the same
 * keys in any order. Options read back from a database (PostgreSQL jsonb sorts keys) compare equal to the
 * aggregator's own. O(size of the values).
 *
 * @example
 * sameJson({ min: 1, max: 5 }, { max: 5, min: 1 }) // => true
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}
