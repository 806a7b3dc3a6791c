import { InvalidOptionError, InvalidRecordError, jsonSafeValue } from "../errors.ts";
import { invertMatrix } from "../stats/invertMatrix.ts";
import { nelderMead } from "../stats/nelderMead.ts";
import { numericalHessian } from "../stats/numericalHessian.ts";

/** Options of {@link fitSbg}. */
export interface FitSbgOptions {
  /** Starting point { alpha, beta } of the search. Default { alpha: 1, beta: 1 }. */
  initial?: { alpha: number; beta: number };
  /** Nelder-Mead iteration budget. Default 4000. */
  maxIterations?: number;
}

/** The result of {@link fitSbg}: plain JSON. */
export interface FitSbgResult {
  model: "sbg";
  alpha: number;
  beta: number;
  /** The maximised log-likelihood. */
  logLikelihood: number;
  /** Periods of data used (survivors.length - 1) and the cohort size (survivors[0]). */
  periods: number;
  cohortSize: number;
  converged: boolean;
  /**
   * The maximum lies at the edge of the parameter space (alpha or beta below 1e-6 or above 1e6): a cohort with no
   * heterogeneity (the geometric limit, alpha and beta growing together), no churn at all, or everyone churning at
   * once. The curves of such a fit are still meaningful; the parameters and their standard errors are not.
   */
  atBoundary: boolean;
  iterations: number;
  evaluations: number;
  message: string;
  /**
   * Asymptotic standard errors from the inverse of the numerical Hessian of -log L in (log alpha, log beta), carried
   * to alpha and beta by the delta method (se(alpha) = alpha x se(log alpha)); null when the Hessian is not
   * positive definite.
   */
  standardErrors: { alpha: number; beta: number; logAlpha: number; logBeta: number } | null;
}

/**
 * Fit the shifted-beta-geometric (sBG) model to one cohort's survivor counts by maximum likelihood.
 *
 * Each customer churns at the end of a period with probability theta, theta ~ Beta(alpha, beta) across customers
 * (Fader & Hardie 2007, eq. 1-6). With survivors n_0 >= n_1 >= ... >= n_T (n_0 = the cohort):
 *
 *   P(T = t) = S(t - 1) * alpha / (alpha + beta + t - 1),   S(t) = S(t - 1) * (beta + t - 1) / (alpha + beta + t - 1)
 *   LL(alpha, beta) = sum_{t=1..T} (n_{t-1} - n_t) ln P(T = t) + n_T ln S(T)
 *
 * maximised over (log alpha, log beta) with Nelder-Mead (so both stay positive). O(T) per evaluation.
 *
 * @param survivors customers alive at t = 0, 1, ..., T (non-increasing, n_0 > 0, at least two values)
 * @param options initial, maxIterations
 * @returns alpha, beta, logLikelihood, convergence facts and standard errors
 * @example
 * fitSbg([1000, 869, 743, 653, 593, 551, 517, 491]) // => { alpha: 0.668..., beta: 3.806..., ... }
 * @see Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. J. Interactive Marketing 21(1), 76-90
 *   (regular: alpha 0.704, beta 1.182; high end: alpha 0.668, beta 3.806).
 */
export function fitSbg(survivors: readonly number[], options: FitSbgOptions = {}): FitSbgResult {
  if (!Array.isArray(survivors) || survivors.length < 2) {
    throw new InvalidOptionError("fitSbg", "survivors", `has ${Array.isArray(survivors) ? survivors.length : 0} values, expected the cohort size and at least one later count`);
  }
  survivors.forEach((n, i) => {
    const reason =
      typeof n !== "number" || !Number.isFinite(n) || n < 0
        ? "expected a finite count of 0 or more"
        : i === 0 && n <= 0
          ? "expected a cohort size > 0"
          : i > 0 && n > survivors[i - 1]!
            ? `is more than the ${survivors[i - 1]} alive a period before; expected survivors that never increase`
            : null;
    if (reason !== null) throw new InvalidRecordError("fitSbg", { index: i, field: "survivors", value: jsonSafeValue(n), reason });
  });
  const init = options.initial ?? { alpha: 1, beta: 1 };
  if (!(init.alpha > 0 && init.beta > 0 && Number.isFinite(init.alpha) && Number.isFinite(init.beta))) {
    throw new InvalidOptionError("fitSbg", "initial", `is ${JSON.stringify(init)}, expected alpha and beta > 0`);
  }
  const maxIterations = options.maxIterations ?? 4000;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidOptionError("fitSbg", "maxIterations", `is ${JSON.stringify(maxIterations)}, expected an integer >= 1`);

  const T = survivors.length - 1;
  const logLikelihood = (alpha: number, beta: number): number => {
    let s = 1;
    let ll = 0;
    for (let t = 1; t <= T; t++) {
      const lost = survivors[t - 1]! - survivors[t]!;
      const p = (s * alpha) / (alpha + beta + t - 1);
      if (lost > 0) ll += lost * Math.log(p);
      s *= (beta + t - 1) / (alpha + beta + t - 1);
    }
    const last = survivors[T]!;
    return last > 0 ? ll + last * Math.log(s) : ll;
  };
  const negative = (x: readonly number[]): number => -logLikelihood(Math.exp(x[0]!), Math.exp(x[1]!));
  const fit = nelderMead(negative, [Math.log(init.alpha), Math.log(init.beta)], { maxIterations, initialStep: 0.5 });
  const alpha = Math.exp(fit.x[0]!);
  const beta = Math.exp(fit.x[1]!);

  let standardErrors: FitSbgResult["standardErrors"] = null;
  const cov = invertMatrix(numericalHessian(negative, fit.x));
  const vA = cov?.[0]?.[0];
  const vB = cov?.[1]?.[1];
  if (vA !== undefined && vB !== undefined && vA > 0 && vB > 0 && Number.isFinite(vA) && Number.isFinite(vB)) {
    standardErrors = { alpha: alpha * Math.sqrt(vA), beta: beta * Math.sqrt(vB), logAlpha: Math.sqrt(vA), logBeta: Math.sqrt(vB) };
  }
  return {
    model: "sbg",
    alpha,
    beta,
    logLikelihood: -fit.value,
    periods: T,
    cohortSize: survivors[0]!,
    converged: fit.converged,
    atBoundary: [alpha, beta].some((p) => !(p >= 1e-6 && p <= 1e6)),
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    message: fit.message,
    standardErrors,
  };
}
