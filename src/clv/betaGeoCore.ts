/**
 * The BG/NBD and MBG/NBD formulas, on checked parameters (internal: the public functions in this folder check their
 * inputs and call these). s = 0 for BG/NBD, s = 1 for MBG/NBD; every formula below is written for both.
 *
 * Numerics: likelihoods and P(alive) in log space (log-sum-exp, softplus), so that a customer with hundreds of
 * purchases neither overflows nor underflows; 2F1 only ever sees moderate parameters, through Euler's
 * transformation (see conditionalExpected).
 */
import { gammaln } from "simple-statistics";
import { hyp2f1 } from "../stats/hyp2f1.ts";
import type { CheckedParams } from "./betaGeoParams.ts";

/** log(1 + e^u) without overflow. */
export function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

/** log(e^u + e^v). */
export function logAddExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * log L(r, alpha, a, b | x, t_x, T) for one customer (FHL 2005 eq. 6; Batislam et al. 2007 for s = 1):
 *
 *   L = Gamma(r + x) alpha^r / Gamma(r) * B(a, b + x + s) / B(a, b)
 *       * [ (alpha + T)^-(r + x) + [x > 0 or s = 1] a / (b + x - 1 + s) * (alpha + t_x)^-(r + x) ]
 *
 * summed in log space: A1 + A2 + logaddexp(A3, A4).
 */
export function logLikelihoodOne(p: CheckedParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b, s } = p;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = gammaln(a + b) + gammaln(b + x + s) - gammaln(b) - gammaln(a + b + x + s);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0 && s === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1 + s) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * log P(alive at T | x, t_x, T):
 *
 *   P(alive) = 1 / (1 + [x > 0 or s = 1] a / (b + x - 1 + s) * ((alpha + T) / (alpha + t_x))^(r + x))
 *
 * (FHL 2005 eq. 7 / Hardie's note 021; Batislam et al. 2007 appendix eq. 5), as -softplus(log of the odds term).
 */
export function logProbabilityAlive(p: CheckedParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b, s } = p;
  if (x === 0 && s === 0) return 0;
  const logOdds = Math.log(a) - Math.log(b + x - 1 + s) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return -softplus(logOdds);
}

/**
 * E[X(T, T + t) | x, t_x, T]: expected repeat purchases in the next t (FHL 2005 eq. 10; Wagner & Hoppe 2008 for
 * MBG/NBD), with c = a + b + x - 1 + s, z = t / (alpha + T + t):
 *
 *   E = c / (a - 1) * [1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x + s; c; z)] * P(alive)
 *     = c / (a - 1) * [1 - (1 - z)^(a - 1) 2F1(a + b - 1 + s - r, a - 1; c; z)] * P(alive)      (Euler)
 *
 * The Euler form keeps 2F1's parameters moderate however large x is; it is used when r + x >= a - 1, the direct
 * form otherwise (each then has a 2F1 that stays bounded as z -> 1, so large a with a long horizon is finite).
 * Near a = 1 the bracket and a - 1 vanish together; for |a - 1| < 1e-4 the value is the mean of a = 1 -+ 1e-4 (error O(1e-8) relative).
 * E[X(t)] of a new customer is the case x = t_x = T = 0.
 */
export function conditionalExpected(p: CheckedParams, x: number, tx: number, T: number, t: number): number {
  if (t === 0) return 0;
  const pAlive = Math.exp(logProbabilityAlive(p, x, tx, T));
  const h = 1e-4;
  if (Math.abs(p.a - 1) < h) {
    return (0.5 * (expectedIfAlive({ ...p, a: 1 - h }, x, T, t) + expectedIfAlive({ ...p, a: 1 + h }, x, T, t))) * pAlive;
  }
  return expectedIfAlive(p, x, T, t) * pAlive;
}

function expectedIfAlive(p: CheckedParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b, s } = p;
  const c = a + b + x - 1 + s;
  const z = t / (alpha + T + t);
  const logOneMinusZ = Math.log((alpha + T) / (alpha + T + t));
  // Of the two equal forms, take the one whose 2F1 stays bounded as z -> 1 (its c - a - b > 0): Euler's when
  // r + x >= a - 1 (always for large x), else the direct one. The other one's 2F1 grows like (1 - z)^-(its
  // a + b - c), which for a - 1 - r - x in the tens overflows while its (1 - z) power underflows: 0 x Infinity.
  const bracket =
    r + x >= a - 1
      ? 1 - Math.exp((a - 1) * logOneMinusZ) * hyp2f1(a + b - 1 + s - r, a - 1, c, z)
      : 1 - Math.exp((r + x) * logOneMinusZ) * hyp2f1(r + x, b + x + s, c, z);
  return (c / (a - 1)) * bracket;
}

/**
 * P(alive at T + tau | x, t_x, T), tau >= 0 after the end of observation. A customer alive at T with rate lambda
 * and dropout p survives tau with probability E[(1 - p)^N(tau)] = exp(-lambda p tau); integrating over the
 * posterior of (lambda, p) (the "alive" part of the likelihood) gives
 *
 *   P(alive at T + tau) = P(alive at T) * 2F1(r + x, a; a + b + x + s; -tau / (alpha + T))
 *                       = P(alive at T) * ((alpha + T) / (alpha + T + tau))^a 2F1(a + b + s - r, a; a + b + x + s; w)
 *                       = P(alive at T) * ((alpha + T) / (alpha + T + tau))^(r + x) 2F1(r + x, b + x + s; a + b + x + s; w),
 *   w = tau / (alpha + T + tau)    (Pfaff's transformation on the second or the first parameter: the one whose
 *   2F1 stays bounded as w -> 1 is used)
 */
export function probabilityAliveAt(p: CheckedParams, x: number, tx: number, T: number, tau: number): number {
  const now = Math.exp(logProbabilityAlive(p, x, tx, T));
  if (tau === 0) return now;
  const { r, alpha, a, b, s } = p;
  const w = tau / (alpha + T + tau);
  const logFront = Math.log((alpha + T) / (alpha + T + tau));
  // Pfaff on the parameter that keeps 2F1 bounded as w -> 1 (c - a - b > 0): on a when r + x >= a, else on r + x,
  //   = P(alive at T) * ((alpha + T) / (alpha + T + tau))^(r + x) 2F1(r + x, b + x + s; a + b + x + s; w)
  // (otherwise, for a - r - x in the tens, the power underflows while 2F1 overflows: 0 x Infinity).
  if (r + x >= a) return now * Math.exp(a * logFront) * hyp2f1(a + b + s - r, a, a + b + x + s, w);
  return now * Math.exp((r + x) * logFront) * hyp2f1(r + x, b + x + s, a + b + x + s, w);
}

/**
 * P(X(t) = k) for a new customer (FHL 2005 eq. 8; lifetimes' ModifiedBetaGeoFitter for s = 1), q = alpha / (alpha + t):
 *
 *   P = B(a, b + k + s) / B(a, b) * Gamma(r + k) / (Gamma(r) k!) q^r (1 - q)^k
 *     + [k > 0 or s = 1] B(a + 1, b + k - 1 + s) / B(a, b) * (1 - q^r sum_{j < k} Gamma(r + j) / (Gamma(r) j!) (1 - q)^j)
 *
 * the last bracket being the NBD's P(N >= k), summed in log space term by term and clamped at 0 (absolute error
 * about 1e-16).
 */
export function probabilityOfCount(p: CheckedParams, t: number, k: number): number {
  const { r, alpha, a, b, s } = p;
  const logBeta = (u: number, v: number): number => gammaln(u) + gammaln(v) - gammaln(u + v);
  const logQ = Math.log(alpha / (alpha + t));
  const log1mQ = t === 0 ? -Infinity : Math.log(t / (alpha + t));
  const nbd = (j: number): number => (j === 0 ? Math.exp(r * logQ) : Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * logQ + j * log1mQ));
  const first = Math.exp(logBeta(a, b + k + s) - logBeta(a, b)) * nbd(k);
  if (k === 0 && s === 0) return first;
  let below = 0;
  for (let j = 0; j < k; j++) below += nbd(j);
  return first + Math.exp(logBeta(a + 1, b + k - 1 + s) - logBeta(a, b)) * Math.max(0, 1 - below);
}
