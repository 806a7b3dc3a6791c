/**
 * The parameters shared by the BG/NBD and MBG/NBD models, and the check every public function runs on them.
 * Types and one internal helper; the formulas live in betaGeoCore.ts.
 */
import { InvalidOptionError } from "../errors.ts";
import type { RfmTimeUnit } from "./rfmTypes.ts";

/**
 * Which beta-geometric model: `"bg-nbd"` (Fader, Hardie & Lee 2005: a customer may drop out after each repeat
 * purchase, so one with no repeat purchase is certainly alive) or `"mbg-nbd"` (Batislam, Denizel & Filiztekin
 * 2007: also at time 0, right after the first purchase, so P(alive) < 1 for everyone).
 */
export type BetaGeoModel = "bg-nbd" | "mbg-nbd";

/**
 * The four parameters: purchase rates lambda ~ Gamma(shape r, rate alpha) while alive, dropout probabilities
 * p ~ Beta(a, b). `alpha` is in the time unit of the data it was fitted on (a rate per unit of time). A fit result
 * is one (its `model` says which model); published values can be passed directly, and `model` defaults to BG/NBD.
 */
export interface BetaGeoParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Default `"bg-nbd"`. */
  model?: BetaGeoModel;
}

/**
 * What every prediction function takes: {@link BetaGeoParams}, or a fit result (`fitBgNbd`, `fitMbgNbd`), whose
 * estimates are `null` when it had nothing to fit (those are refused with InvalidOptionError).
 */
export interface BetaGeoParamsLike {
  r: number | null;
  alpha: number | null;
  a: number | null;
  b: number | null;
  model?: BetaGeoModel;
}

/** A customer's purchase history in the model's time unit: x repeat purchases, the last at t_x, observed for T. */
export interface PurchaseHistory {
  /** x: repeat purchases (an integer >= 0). */
  frequency: number;
  /** t_x: time from the first to the last purchase (0 when x = 0), 0 <= t_x <= T. */
  recency: number;
  /** T: time from the first purchase to the end of observation. */
  T: number;
}

/** The time unit a model's times are in, as carried by results: a data unit, or `null` when the caller never said. */
export type ModelTimeUnit = RfmTimeUnit | null;

/** Checked parameters: s = 0 for BG/NBD, 1 for MBG/NBD (the extra dropout chance at time 0). */
export interface CheckedParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
  model: BetaGeoModel;
  s: 0 | 1;
}

/** Refuse parameters that are not finite and positive, or an unknown model; InvalidOptionError names the field. */
export function checkBetaGeoParams(kind: string, params: BetaGeoParamsLike): CheckedParams {
  if (params === null || typeof params !== "object") throw new InvalidOptionError(kind, "params", `is ${String(params)}, expected { r, alpha, a, b } (a fit result or published values)`);
  for (const name of ["r", "alpha", "a", "b"] as const) {
    const v = params[name];
    if (typeof v !== "number" || !(v > 0 && Number.isFinite(v))) {
      const hint = v === null ? " (a fit with fitted: false, from empty data, has no parameters)" : "";
      throw new InvalidOptionError(kind, `params.${name}`, `is ${JSON.stringify(v)}, expected a finite number > 0${hint}`);
    }
  }
  const model = params.model ?? "bg-nbd";
  if (model !== "bg-nbd" && model !== "mbg-nbd") throw new InvalidOptionError(kind, "params.model", `is ${JSON.stringify(model)}, expected "bg-nbd" or "mbg-nbd"`);
  return { r: params.r as number, alpha: params.alpha as number, a: params.a as number, b: params.b as number, model, s: model === "bg-nbd" ? 0 : 1 };
}

/** Refuse a history that breaks 0 <= t_x <= T, integer x >= 0, t_x = 0 when x = 0. */
export function checkHistory(kind: string, h: PurchaseHistory): void {
  const { frequency: x, recency: tx, T } = h ?? ({} as PurchaseHistory);
  if (!(Number.isInteger(x) && x >= 0)) throw new InvalidOptionError(kind, "frequency", `is ${JSON.stringify(x)}, expected an integer >= 0 (repeat purchases)`);
  if (!(typeof T === "number" && Number.isFinite(T) && T >= 0)) throw new InvalidOptionError(kind, "T", `is ${JSON.stringify(T)}, expected a finite number >= 0`);
  if (!(typeof tx === "number" && tx >= 0 && tx <= T)) throw new InvalidOptionError(kind, "recency", `is ${JSON.stringify(tx)}, expected a number from 0 to T = ${T}`);
  if (x === 0 && tx !== 0) throw new InvalidOptionError(kind, "recency", `is ${tx}, expected 0 for a customer with no repeat purchase`);
}

/** A time span t >= 0 (finite). */
export function checkSpan(kind: string, name: string, t: number): void {
  if (!(typeof t === "number" && Number.isFinite(t) && t >= 0)) throw new InvalidOptionError(kind, name, `is ${JSON.stringify(t)}, expected a finite number >= 0 (in the model's time unit)`);
}
