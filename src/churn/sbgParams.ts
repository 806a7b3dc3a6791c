import { InvalidOptionError } from "../errors.ts";

/** Parameters of the shifted-beta-geometric model: churn probabilities theta ~ Beta(alpha, beta). */
export interface SbgParams {
  alpha: number;
  beta: number;
}

/** alpha, beta finite and > 0. */
export function checkSbgParams(metric: string, params: SbgParams): SbgParams {
  const { alpha, beta } = params ?? ({} as SbgParams);
  for (const [name, v] of [["alpha", alpha], ["beta", beta]] as const) {
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v)) throw new InvalidOptionError(metric, name, `is ${JSON.stringify(v)}, expected a finite number > 0`);
  }
  return { alpha, beta };
}

/** A period count t: an integer from `min` to 10^7. */
export function checkPeriod(metric: string, name: string, t: unknown, min: number): number {
  if (typeof t !== "number" || !Number.isInteger(t) || t < min || t > 1e7) throw new InvalidOptionError(metric, name, `is ${JSON.stringify(t)}, expected an integer from ${min} to 10^7 (periods since acquisition)`);
  return t;
}
