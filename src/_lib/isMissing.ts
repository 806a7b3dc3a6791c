/** `null`, `undefined` and `NaN` are missing answers: counted apart, never scored as zero (DESIGN 4). */
export function isMissing(v: unknown): v is null | undefined {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}
