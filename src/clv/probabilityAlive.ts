import { probabilityAliveAt } from "./betaGeoCore.ts";
import { checkBetaGeoParams, checkHistory, checkSpan, type BetaGeoParamsLike, type PurchaseHistory } from "./betaGeoParams.ts";

/**
 * The probability that a customer with history (x, t_x, T) is alive at T (now) or at T + tau (tau later):
 *
 *   P(alive at T) = 1 / (1 + [x > 0 or s = 1] a / (b + x - 1 + s) * ((alpha + T) / (alpha + t_x))^(r + x))
 *   P(alive at T + tau) = P(alive at T) * 2F1(r + x, a; a + b + x + s; -tau / (alpha + T))
 *
 * s = 0 for BG/NBD (a customer with no repeat purchase is certainly alive: 1) and 1 for MBG/NBD. The second line:
 * alive at T with rate lambda and dropout p, she survives tau with probability E[(1 - p)^N(tau)] = exp(-lambda p tau),
 * averaged over the posterior of (lambda, p); computed as P(alive at T) ((alpha + T) / (alpha + T + tau))^a
 * 2F1(a + b + s - r, a; a + b + x + s; tau / (alpha + T + tau)) (Pfaff). The odds are summed in log space, so
 * frequencies in the hundreds give probabilities near 0 or 1 without overflow. O(1) now, O(terms of 2F1) later.
 *
 * @param params `{ r, alpha, a, b, model? }` or a fit result; times in alpha's unit
 * @param history `{ frequency: x, recency: t_x, T }`
 * @param tau how long after T (default 0: now)
 * @returns a probability in (0, 1]
 * @throws InvalidOptionError for bad parameters, an impossible history, or tau < 0
 * @example
 * probabilityAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { frequency: 2, recency: 30.43, T: 38.86 }) // => 0.7266
 * @see Fader, Hardie & Lee (2008). Computing P(alive) using the BG/NBD model (http://brucehardie.com/notes/021/).
 * @see Batislam, Denizel & Filiztekin (2007), IJRM 24(3), appendix eq. 5 (MBG/NBD).
 */
export function probabilityAlive(params: BetaGeoParamsLike, history: PurchaseHistory, tau = 0): number {
  const kind = "probabilityAlive";
  const p = checkBetaGeoParams(kind, params);
  checkHistory(kind, history);
  checkSpan(kind, "tau", tau);
  return probabilityAliveAt(p, history.frequency, history.recency, history.T, tau);
}
