import { fitBetaGeo, type BetaGeoFit, type BetaGeoFitOptions } from "./betaGeoFit.ts";
import type { RfmData } from "./rfmTypes.ts";

/**
 * Fit the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum likelihood: as BG/NBD, but a customer may
 * also drop out at time 0, right after her first purchase, so a one-time buyer is not certainly alive:
 *
 *   L = Gamma(r + x) alpha^r / Gamma(r) * B(a, b + x + 1) / B(a, b)
 *       * [ (alpha + T)^-(r + x) + a / (b + x) * (alpha + t_x)^-(r + x) ]
 *
 * Fitted by the same machinery as {@link fitBgNbd} (compressed patterns, log-sum-exp, Nelder-Mead on log
 * parameters with a restart, optional L2 penalty, delta-method standard errors); see there for options and edge cases.
 *
 * @param data an `rfmSummary` result, its rows, or columns `{ frequency, recency, T }`
 * @param options time unit, penalty, starting point, weights, iteration limit
 * @returns r, alpha, a, b, log-likelihood, standard errors, covariance, convergence, `model: "mbg-nbd"`
 * @example
 * const fit = fitMbgNbd(cdnowSummaryColumns, { timeUnit: "weeks" });
 * [fit.r, fit.alpha, fit.a, fit.b] // => [0.525, 6.183, 0.891, 1.614] (rounded; as BTYDplus and lifetimes)
 * @see Batislam, E. P., Denizel, M. & Filiztekin, A. (2007). Empirical validation and comparison of models for
 *   customer base analysis. International Journal of Research in Marketing 24(3), 201-209.
 * @see Wagner, U. & Hoppe, D. (2008). Erratum on the MBG/NBD model. International Journal of Research in Marketing 25(3).
 * @see lifetimes `ModifiedBetaGeoFitter`; BTYDplus `mbgnbd.EstimateParameters` (https://github.com/mplatzer/BTYDplus)
 */
export function fitMbgNbd(data: RfmData, options?: BetaGeoFitOptions): BetaGeoFit {
  return fitBetaGeo("fitMbgNbd", "mbg-nbd", data, options);
}
