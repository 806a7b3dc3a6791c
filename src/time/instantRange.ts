/**
 * The instants cx-metrics reads: from 1000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Every period of such an
 * instant, in any zone, starts and ends well inside the range of a JavaScript Date (years -271821 to 275760).
 * Outside it an instant is invalid (reported, never coerced): epoch milliseconds beyond the Date range, and ISO
 * years below 1000 (which `Date.UTC` would read as 19xx).
 */
export const MIN_INSTANT: number = Date.UTC(1000, 0, 1);
export const MAX_INSTANT: number = Date.UTC(10000, 0, 1) - 1;

/**
 * Whether `ms` is epoch milliseconds inside [MIN_INSTANT, MAX_INSTANT].
 *
 * @example
 * [isInstant(0), isInstant(1e16), isInstant(NaN)] // => [true, false, false]
 */
export function isInstant(ms: number): boolean {
  return ms >= MIN_INSTANT && ms <= MAX_INSTANT;
}
