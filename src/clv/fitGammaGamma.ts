import { gammaln, sampleCorrelation } from "simple-statistics";
import { InvalidOptionError, InvalidRecordError } from "../errors.ts";
import { invertMatrix } from "../stats/invertMatrix.ts";
import { nelderMead } from "../stats/nelderMead.ts";
import { numericalHessian } from "../stats/numericalHessian.ts";
import type { GammaGammaParams } from "./expectedAverageSpend.ts";
import { rfmColumns } from "./rfmColumns.ts";
import type { RfmData, RfmRow, RfmSummary } from "./rfmTypes.ts";
import { isPositiveDefinite } from "../stats/isPositiveDefinite.ts";

/** Options of {@link fitGammaGamma}. */
export interface GammaGammaOptions {
  /**
   * L2 penalty on the parameters, as lifetimes' `penalizer_coef`: the fit minimises
   * -LL / n + penalty * (p^2 + q^2 + gamma^2). Default 0 (maximum likelihood).
   */
  penalty?: number;
  /** Starting values. Default `{ p: 1, q: 1, gamma: 1 }`. */
  initial?: GammaGammaParams;
  /** Nelder-Mead iteration limit per run. Default 6000. */
  maxIterations?: number;
}

interface GammaGammaCommon {
  model: "gamma-gamma";
  /** Repeat customers (frequency > 0) the model was fitted on. */
  customers: number;
  /** Customers without a repeat purchase: left out (the model describes repeat spends), counted here. */
  excluded: number;
  penalty: number;
  /** Mean of the customers' mean repeat spends; `null` without customers. */
  meanSpend: number | null;
  /**
   * Pearson correlation between frequency and mean spend over the repeat customers: the check of the model's
   * assumption that spend is independent of purchase frequency (near 0 is good; lifetimes reports 0.11 on CDNOW).
   * `null` with fewer than 2 customers or no variation.
   */
  frequencySpendCorrelation: number | null;
}

/** A fitted Gamma-Gamma model: a {@link GammaGammaParams}, so it can be passed to {@link expectedAverageSpend}. */
export interface GammaGammaFitted extends GammaGammaCommon, GammaGammaParams {
  fitted: true;
  /** Log-likelihood at the estimate (without the penalty). */
  logLikelihood: number;
  /**
   * Standard errors of p, q and gamma from the inverse of the numerical Hessian of -LL at the estimate (the
   * penalty left out); `null` when the Hessian is singular or not positive definite (a flat or poor fit).
   */
  standardErrors: GammaGammaParams | null;
  /**
   * Covariance of (ln p, ln q, ln gamma): the inverse of the numerical Hessian of -LL in the log parameters at the
   * estimate (penalty left out). Passing the fit as `spend` to customerLifetimeValue puts the spend model's
   * uncertainty into the CLV intervals through it. `null` when that Hessian is singular or not positive definite.
   */
  logCovariance: number[][] | null;
  /** E[spend] in the population, p gamma / (q - 1); `null` when q <= 1 (the mean does not exist). */
  populationMean: number | null;
  /** Whether Nelder-Mead met its tolerances (on log p, log q, log gamma); if false, do not trust the figures. */
  converged: boolean;
  iterations: number;
  evaluations: number;
  message: string;
}

/** The result of {@link fitGammaGamma} when there is no repeat customer to fit: the same fields, `null` figures. */
export interface GammaGammaNoData extends GammaGammaCommon {
  fitted: false;
  p: null;
  q: null;
  gamma: null;
  logLikelihood: null;
  standardErrors: null;
  logCovariance: null;
  populationMean: null;
  converged: false;
  iterations: 0;
  evaluations: 0;
  message: string;
}

/** The result of {@link fitGammaGamma}: plain JSON; check `fitted` before using the parameters. */
export type GammaGammaFit = GammaGammaFitted | GammaGammaNoData;

const KIND = "fitGammaGamma";

/**
 * Fit the Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005b) by maximum likelihood on the
 * customers with repeat purchases. With x repeat purchases of mean value m (the rfmSummary monetary value):
 *
 *   L(p, q, gamma | x, m) = Gamma(p x + q) / (Gamma(p x) Gamma(q)) * gamma^q * m^(p x - 1) * x^(p x) / (gamma + m x)^(p x + q)
 *
 * maximised with Nelder-Mead over (log p, log q, log gamma) (run twice, the second from the first's optimum), with
 * lifetimes' optional L2 penalty. Standard errors from the numerical Hessian of -LL in (p, q, gamma), and the
 * covariance of (ln p, ln q, ln gamma) from the Hessian in the log parameters (`logCovariance`). Also reports
 * the frequency-spend correlation, the check of the model's independence assumption. O(n) per likelihood
 * evaluation, a few thousand evaluations.
 *
 * A summary built with `includeFirstPurchase: true` is refused (InvalidOptionError): its monetary value is not the
 * mean of the x repeat purchases that the likelihood describes.
 * Customers with frequency 0 are left out (counted in `excluded`); a repeat customer whose mean spend is not > 0
 * throws InvalidRecordError (the model has positive spends only: net out returns, leave zero orders out). No repeat
 * customer gives `fitted: false` and null figures, never a throw.
 *
 * @param data an rfmSummary result (built with an `amount` accessor), its rows, or columns with `monetaryValue`
 * @param options penalty, starting values, iteration limit
 * @returns p, q, gamma, log-likelihood, standard errors, convergence facts and the independence check
 * @example
 * const s = rfmSummary(cdnowSample(), { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "1997-09-30" });
 * const fit = fitGammaGamma(s); // => { p: 6.25, q: 3.74, gamma: 15.44, customers: 946, ... } (rounded)
 * @see Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005b). RFM and CLV: using iso-value curves for customer base analysis. Journal of Marketing Research 42(4), 415-430.
 * @see Fader, P. S. & Hardie, B. G. S. (2013). The Gamma-Gamma model of monetary value. http://brucehardie.com/notes/025/
 * @see lifetimes `GammaGammaFitter` (https://github.com/CamDavidsonPilon/lifetimes)
 */
export function fitGammaGamma(data: RfmData, options: GammaGammaOptions = {}): GammaGammaFit {
  const penalty = options.penalty ?? 0;
  if (typeof penalty !== "number" || !(penalty >= 0 && Number.isFinite(penalty))) throw new InvalidOptionError(KIND, "penalty", `is ${JSON.stringify(penalty)}, expected a finite number >= 0`);
  const initial = options.initial ?? { p: 1, q: 1, gamma: 1 };
  for (const k of ["p", "q", "gamma"] as const) {
    const v = initial[k];
    if (typeof v !== "number" || !(v > 0 && Number.isFinite(v))) throw new InvalidOptionError(KIND, `initial.${k}`, `is ${JSON.stringify(v)}, expected a finite number > 0`);
  }
  const maxIterations = options.maxIterations ?? 6000;
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) throw new InvalidOptionError(KIND, "maxIterations", `is ${JSON.stringify(maxIterations)}, expected a positive integer`);

  if (!Array.isArray(data) && (data as RfmSummary).metric === "rfm-summary" && (data as RfmSummary).includeFirstPurchase) {
    throw new InvalidOptionError(KIND, "data", "is an rfmSummary built with includeFirstPurchase: true, whose monetary value averages the first purchase too; the Gamma-Gamma model needs the mean of the repeat purchases (build the summary without includeFirstPurchase)");
  }
  // Rows say when a spend is missing (null) rather than 0, which tells the caller what to fix.
  const rows: readonly RfmRow[] | null = Array.isArray(data) ? data : (data as RfmSummary).metric === "rfm-summary" ? (data as RfmSummary).rows : null;
  const c = rfmColumns(data);
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < c.length; i++) {
    const x = c.frequency[i]!;
    if (x === 0) continue;
    const m = c.monetaryValue[i]!;
    if (!(m > 0)) {
      const shown = rows !== null && rows[i]!.monetaryValue === null ? null : m;
      throw new InvalidRecordError(KIND, {
        index: i,
        field: "monetaryValue",
        value: shown,
        reason:
          shown === null
            ? "has no spend: build the summary with an `amount` accessor (rfmSummary(transactions, { amount: (t) => t.amount }))"
            : "expected a mean spend > 0: the Gamma-Gamma model has positive spends only (net out returns, leave zero-value orders out)",
      });
    }
    xs.push(x);
    ms.push(m);
  }
  const n = xs.length;
  const common: GammaGammaCommon = {
    model: "gamma-gamma",
    customers: n,
    excluded: c.length - n,
    penalty,
    meanSpend: n > 0 ? ms.reduce((a, b) => a + b, 0) / n : null,
    frequencySpendCorrelation: correlationOf(xs, ms),
  };
  if (n === 0) {
    return { ...common, fitted: false, p: null, q: null, gamma: null, logLikelihood: null, standardErrors: null, logCovariance: null, populationMean: null, converged: false, iterations: 0, evaluations: 0, message: "no customer with a repeat purchase to fit" };
  }

  const logM = ms.map(Math.log);
  const logX = xs.map(Math.log);
  const logLikelihood = (p: number, q: number, g: number): number => {
    let ll = 0;
    const base = q * Math.log(g) - gammaln(q);
    for (let i = 0; i < n; i++) {
      const px = p * xs[i]!;
      ll += gammaln(px + q) - gammaln(px) + base + (px - 1) * logM[i]! + px * logX[i]! - (px + q) * Math.log(g + xs[i]! * ms[i]!);
    }
    return ll;
  };
  const objective = (t: readonly number[]): number => {
    const p = Math.exp(t[0]!);
    const q = Math.exp(t[1]!);
    const g = Math.exp(t[2]!);
    return -logLikelihood(p, q, g) / n + penalty * (p * p + q * q + g * g);
  };
  const first = nelderMead(objective, [Math.log(initial.p), Math.log(initial.q), Math.log(initial.gamma)], { maxIterations });
  const second = nelderMead(objective, first.x, { maxIterations });
  const best = second.value <= first.value ? second : first;
  const [p, q, gamma] = best.x.map(Math.exp) as [number, number, number];
  const hessian = numericalHessian((v) => -logLikelihood(v[0]!, v[1]!, v[2]!), [p, q, gamma]);
  const cov = invertMatrix(hessian);
  const se = cov?.map((row, i) => Math.sqrt(row[i]!));
  const standardErrors = se && se.every((s) => Number.isFinite(s) && s > 0) ? { p: se[0]!, q: se[1]!, gamma: se[2]! } : null;
  // The same curvature in the log parameters (the scale customerLifetimeValue's delta method works on): at the
  // optimum it equals J' H J with J = diag(p, q, gamma), computed directly because it is better conditioned.
  const logHessian = numericalHessian((t) => -logLikelihood(Math.exp(t[0]!), Math.exp(t[1]!), Math.exp(t[2]!)), best.x);
  const logCovariance = isPositiveDefinite(logHessian) ? invertMatrix(logHessian) : null;
  return {
    ...common,
    fitted: true,
    p,
    q,
    gamma,
    logLikelihood: logLikelihood(p, q, gamma),
    standardErrors,
    logCovariance,
    populationMean: q > 1 ? (p * gamma) / (q - 1) : null,
    converged: first.converged && second.converged,
    iterations: first.iterations + second.iterations,
    evaluations: first.evaluations + second.evaluations,
    message: second.message,
  };
}

function correlationOf(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const r = sampleCorrelation(xs as number[], ys as number[]);
  return Number.isFinite(r) ? r : null;
}
