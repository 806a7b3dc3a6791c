/**
 * The maximum-likelihood machinery shared by fitBgNbd and fitMbgNbd (internal; the public functions are those two).
 */
import { gammaln } from "simple-statistics";
import { InvalidOptionError } from "../errors.ts";
import { invertMatrix } from "../stats/invertMatrix.ts";
import { nelderMead } from "../stats/nelderMead.ts";
import { numericalHessian } from "../stats/numericalHessian.ts";
import { logAddExp } from "./betaGeoCore.ts";
import type { BetaGeoModel, ModelTimeUnit } from "./betaGeoParams.ts";
import { patternIndex } from "./customerPatterns.ts";
import { rfmColumns } from "./rfmColumns.ts";
import type { RfmData, RfmTimeUnit } from "./rfmTypes.ts";
import { isPositiveDefinite } from "../stats/isPositiveDefinite.ts";

/** Options of `fitBgNbd` and `fitMbgNbd`. */
export interface BetaGeoFitOptions {
  /** The unit of recency and T, when the data does not carry one (an `rfmSummary` result does). Carried in the result. */
  timeUnit?: RfmTimeUnit;
  /**
   * L2 penalty as in lifetimes' `penalizer_coef` (default 0): the fit minimises
   * -LL / n + penalty * (r^2 + (alpha * scale)^2 + a^2 + b^2), with times scaled by scale = 10 / max(T) during the
   * fit as lifetimes does, so the same coefficient gives the same shrinkage as there.
   */
  penalty?: number;
  /** Starting point (natural parameters, alpha in the data's unit); default r = a = b = 1, alpha = max(T) / 10. */
  initial?: { r: number; alpha: number; a: number; b: number };
  /** Customers per row (lifetimes' `weights`), e.g. for data already compressed into patterns; default 1 each. */
  weights?: ArrayLike<number>;
  /** Nelder-Mead iteration limit per run (default 8000). */
  maxIterations?: number;
}

/** How the optimiser ended: read `converged` before trusting the estimates. */
export interface BetaGeoConvergence {
  /** True when the simplex met its tolerances and the Hessian at the optimum is positive definite. */
  converged: boolean;
  /** Nelder-Mead iterations and likelihood evaluations, over both runs (a fit, then a restart from its optimum). */
  iterations: number;
  evaluations: number;
  /** Whether the Hessian of the negative log-likelihood (log parameters) is positive definite at the estimate. */
  hessianPositiveDefinite: boolean;
  /** For a person: why it stopped, and what is wrong if it did not converge. */
  message: string;
}

/** A fitted BG/NBD or MBG/NBD model: usable directly as the parameters of every prediction function. Plain JSON. */
export interface BetaGeoFit {
  model: BetaGeoModel;
  /** Estimates, `null` when there was no customer to fit. alpha is per unit of `timeUnit`. */
  r: number | null;
  alpha: number | null;
  a: number | null;
  b: number | null;
  /** False for empty data (every figure null). */
  fitted: boolean;
  /** Log-likelihood at the estimates, without the penalty, in the data's time unit (comparable to published values). */
  logLikelihood: number | null;
  /** Customers (sum of weights) and distinct (x, t_x, T) patterns the likelihood was summed over. */
  n: number;
  patterns: number;
  timeUnit: ModelTimeUnit;
  penalty: number;
  /** Standard errors of r, alpha, a, b: delta method from the covariance of the log parameters. */
  standardErrors: { r: number; alpha: number; a: number; b: number } | null;
  /** Covariance of (r, alpha, a, b) (delta method: diag(theta) C diag(theta)). */
  covariance: number[][] | null;
  /** Covariance C of (ln r, ln alpha, ln a, ln b): the inverse Hessian of the negative log-likelihood there. */
  logCovariance: number[][] | null;
  convergence: BetaGeoConvergence;
}

/** Compressed data: per pattern its x, weight (customers) and indexes of its x, T and t_x among the distinct values. */
interface Patterns {
  x: Float64Array;
  w: Float64Array;
  /** Index of each pattern's x in `xs`, T in `Ts` and t_x in `txs` (distinct values: their logs are taken once). */
  xi: Int32Array;
  xs: number[];
  Ti: Int32Array;
  Ts: Float64Array;
  txi: Int32Array;
  txs: Float64Array;
  n: number;
  maxT: number;
}

/** Identical (x, t_x, T) rows become one weighted row. */
function compress(kind: string, data: RfmData, weights: ArrayLike<number> | undefined): Patterns & { timeUnit: ModelTimeUnit } {
  const c = rfmColumns(data);
  if (weights !== undefined && weights.length !== c.length) throw new InvalidOptionError(kind, "weights", `has ${weights.length} entries, expected one per customer (${c.length})`);
  const { keyOf, patterns } = patternIndex(c);
  const pw = new Float64Array(patterns.length);
  let n = 0;
  let maxT = 0;
  for (let i = 0; i < c.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (!(w >= 0 && Number.isFinite(w))) throw new InvalidOptionError(kind, "weights", `entry ${i} is ${w}, expected a finite number >= 0`);
    if (w === 0) continue;
    pw[keyOf[i]!]! += w;
    n += w;
    if (c.T[i]! > maxT) maxT = c.T[i]!;
  }
  // Patterns whose customers all have weight 0 are dropped.
  const kept = patterns.filter((_, k) => pw[k]! > 0);
  const [xi, xs] = distinct(kept.map((q) => q[0]));
  const [txi, txs] = distinct(kept.map((q) => q[1]));
  const [Ti, Ts] = distinct(kept.map((q) => q[2]));
  return {
    x: Float64Array.from(kept, (q) => q[0]),
    w: pw.filter((w) => w > 0),
    xi,
    xs,
    Ti,
    Ts: Float64Array.from(Ts),
    txi,
    txs: Float64Array.from(txs),
    n,
    maxT,
    timeUnit: c.timeUnit,
  };
}

/** Each value's index into the list of distinct values (in order of first appearance), and that list. */
function distinct(values: readonly number[]): [Int32Array, number[]] {
  const index = new Map<number, number>();
  const list: number[] = [];
  const at = new Int32Array(values.length);
  values.forEach((v, i) => {
    let j = index.get(v);
    if (j === undefined) {
      j = list.length;
      index.set(v, j);
      list.push(v);
    }
    at[i] = j;
  });
  return [at, list];
}

/** Sum of w * log L over the patterns at natural parameters (times already in the unit the parameters use). */
function totalLogLikelihood(P: Patterns, s: 0 | 1, r: number, alpha: number, a: number, b: number, timeScale: number): number {
  const xs = P.xs;
  const g = new Float64Array(xs.length);
  const c4 = new Float64Array(xs.length);
  const common = -gammaln(r) + r * Math.log(alpha) + gammaln(a + b) - gammaln(b);
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j]!;
    g[j] = common + gammaln(r + x) + gammaln(b + x + s) - gammaln(a + b + x + s);
    c4[j] = x === 0 && s === 0 ? Number.NaN : Math.log(a) - Math.log(b + x - 1 + s);
  }
  const logT = P.Ts.map((T) => Math.log(alpha + T * timeScale));
  const logTx = P.txs.map((tx) => Math.log(alpha + tx * timeScale));
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < P.x.length; i++) {
    const j = P.xi[i]!;
    const rx = r + P.x[i]!;
    const a3 = -rx * logT[P.Ti[i]!]!;
    const c = c4[j]!;
    const ll = g[j]! + (c === c ? logAddExp(a3, c - rx * logTx[P.txi[i]!]!) : a3);
    const term = P.w[i]! * ll;
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return sum + comp;
}

/** Fit one of the two models by maximum likelihood. */
export function fitBetaGeo(kind: string, model: BetaGeoModel, data: RfmData, options: BetaGeoFitOptions = {}): BetaGeoFit {
  const penalty = options.penalty ?? 0;
  if (!(typeof penalty === "number" && penalty >= 0 && Number.isFinite(penalty))) throw new InvalidOptionError(kind, "penalty", `is ${JSON.stringify(penalty)}, expected a finite number >= 0`);
  const maxIterations = options.maxIterations ?? 8000;
  if (!(Number.isInteger(maxIterations) && maxIterations > 0)) throw new InvalidOptionError(kind, "maxIterations", `is ${JSON.stringify(maxIterations)}, expected a positive integer`);
  if (options.timeUnit !== undefined && !["days", "weeks", "months"].includes(options.timeUnit)) {
    throw new InvalidOptionError(kind, "timeUnit", `is ${JSON.stringify(options.timeUnit)}, expected "days", "weeks" or "months"`);
  }
  if (options.initial !== undefined) {
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const v = options.initial[name];
      if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) throw new InvalidOptionError(kind, `initial.${name}`, `is ${JSON.stringify(v)}, expected a finite number > 0`);
    }
  }
  const P = compress(kind, data, options.weights);
  const timeUnit = P.timeUnit ?? options.timeUnit ?? null;
  const s: 0 | 1 = model === "bg-nbd" ? 0 : 1;
  const base = { model, n: P.n, patterns: P.x.length, timeUnit, penalty };
  if (P.n === 0 || P.maxT === 0) {
    const message = P.n === 0 ? "no customers: nothing to fit" : "every customer has T = 0: the likelihood has no information about the rates";
    return { ...base, r: null, alpha: null, a: null, b: null, fitted: false, logLikelihood: null, standardErrors: null, covariance: null, logCovariance: null, convergence: { converged: false, iterations: 0, evaluations: 0, hessianPositiveDefinite: false, message } };
  }
  // As lifetimes: times scaled by 10 / max(T) while fitting; alpha_scaled = alpha * scale.
  const scale = 10 / P.maxT;
  const objective = (theta: readonly number[]): number => {
    const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
    const ll = totalLogLikelihood(P, s, r, alpha, a, b, scale);
    return -ll / P.n + penalty * (r * r + alpha * alpha + a * a + b * b);
  };
  const init = options.initial;
  const x0 = init ? [Math.log(init.r), Math.log(init.alpha * scale), Math.log(init.a), Math.log(init.b)] : [0, 0, 0, 0];
  const first = nelderMead(objective, x0, { maxIterations, initialStep: 0.5 });
  const second = nelderMead(objective, first.x, { maxIterations, initialStep: 0.05 });
  const best = second.value <= first.value ? second : first;
  const theta = best.x;
  const [r, alphaScaled, a, b] = theta.map(Math.exp) as [number, number, number, number];
  const alpha = alphaScaled / scale;
  const logLikelihood = totalLogLikelihood(P, s, r, alpha, a, b, 1);
  // Hessian of the total penalised negative log-likelihood in (ln r, ln alpha, ln a, ln b): shifting ln alpha by
  // ln(scale) leaves it unchanged, so it is taken on the scaled objective.
  const H = numericalHessian((t) => P.n * objective(t), theta);
  const pd = isPositiveDefinite(H);
  const C = pd ? invertMatrix(H) : null;
  const natural = [r, alpha, a, b];
  const covariance = C ? C.map((row, i) => row.map((v, j) => v * natural[i]! * natural[j]!)) : null;
  const standardErrors = covariance ? { r: Math.sqrt(covariance[0]![0]!), alpha: Math.sqrt(covariance[1]![1]!), a: Math.sqrt(covariance[2]![2]!), b: Math.sqrt(covariance[3]![3]!) } : null;
  const simplexConverged = second.converged;
  const converged = simplexConverged && pd && C !== null;
  const message = converged
    ? `converged: ${first.iterations + second.iterations} Nelder-Mead iterations (fit and restart), Hessian positive definite`
    : !simplexConverged
      ? `not converged: ${second.message}; the estimates are the best point found, do not trust them without a look`
      : pd
        ? "not converged: the Hessian at the optimum is positive definite but singular to working precision (a nearly flat direction: too few repeat buyers, or a parameter running to 0 or infinity); estimates have no standard errors"
        : "not converged: the Hessian at the optimum is not positive definite (a flat or degenerate likelihood: too few repeat buyers, or a parameter running to 0 or infinity); estimates have no standard errors";
  return {
    ...base,
    r,
    alpha,
    a,
    b,
    fitted: true,
    logLikelihood,
    standardErrors,
    covariance,
    logCovariance: C,
    convergence: { converged, iterations: first.iterations + second.iterations, evaluations: first.evaluations + second.evaluations, hessianPositiveDefinite: pd, message },
  };
}
