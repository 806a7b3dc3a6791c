import { fitBetaGeo, type BetaGeoFit, type BetaGeoFitOptions } from "./betaGeoFit.ts";
import type { RfmData } from "./rfmTypes.ts";

/**
 * Fit the BG/NBD model (Fader, Hardie & Lee 2005) by maximum likelihood: while alive a customer buys as a Poisson
 * process with rate lambda ~ Gamma(r, alpha); after each repeat purchase she drops out with probability
 * p ~ Beta(a, b). Per customer (x repeat purchases, the last at t_x, observed for T), eq. 6 of the paper:
 *
 *   L = Gamma(r + x) alpha^r / Gamma(r) * B(a, b + x) / B(a, b)
 *       * [ (alpha + T)^-(r + x) + [x > 0] a / (b + x - 1) * (alpha + t_x)^-(r + x) ]
 *
 * How: identical (x, t_x, T) rows are compressed into weighted patterns; log L is summed in log space
 * (log-sum-exp) with the x-only gamma terms computed once per distinct x; Nelder-Mead on the log parameters (times
 * scaled by 10 / max(T) as in lifetimes), then a restart from its optimum; optional L2 penalty as lifetimes'
 * `penalizer_coef`. Standard errors: the numerical Hessian of the negative log-likelihood in the log parameters,
 * inverted, and carried to the natural parameters by the delta method (SE(theta) = theta * SE(ln theta)).
 * O(patterns) per likelihood evaluation, a few thousand evaluations.
 *
 * Empty data (or every T = 0) gives `fitted: false` with null figures; bad rows throw InvalidRecordError (see
 * `rfmColumns`); always read `convergence.converged`.
 *
 * @param data an `rfmSummary` result, its rows, or columns `{ frequency, recency, T }`
 * @param options time unit, penalty, starting point, weights, iteration limit
 * @returns r, alpha, a, b, log-likelihood, standard errors, covariance, convergence; usable as parameters directly
 * @example
 * const fit = fitBgNbd(cdnowSummaryColumns, { timeUnit: "weeks" });
 * [fit.r, fit.alpha, fit.a, fit.b] // => [0.243, 4.414, 0.793, 2.426] (rounded; LL -9582.4)
 * @see Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an alternative to
 *   the Pareto/NBD model. Marketing Science 24(2), 275-284.
 * @see Fader, Hardie & Lee (2005). Implementing the BG/NBD model for customer base analysis in Excel (http://brucehardie.com/notes/004/).
 * @see lifetimes `BetaGeoFitter` (https://github.com/CamDavidsonPilon/lifetimes)
 */
export function fitBgNbd(data: RfmData, options?: BetaGeoFitOptions): BetaGeoFit {
  return fitBetaGeo("fitBgNbd", "bg-nbd", data, options);
}
