/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1.
 *
 *   2F1(a, b; c; z) = sum_{n >= 0} (a)_n (b)_n / ((c)_n n!) z^n,   (q)_n = q (q + 1) ... (q + n - 1)
 *
 * How it is evaluated:
 * - 0 <= z <= 1/2: the series itself, summed until a term falls below 1e-17 of the sum once past every sign
 *   change of the Pochhammer factors (n > -a, -b, -c).
 * - z < 0: Pfaff's transformation (A&S 15.3.4) to w = z / (z - 1) in (0, 1),
 *     2F1(a, b; c; z) = (1 - z)^(-a) 2F1(a, c - b; c; w),
 *   (or the same with a and b swapped, when that one terminates), then as below for w, with 1 - w = 1 / (1 - z)
 *   kept exact. For -1/2 <= z < 0 the direct series is used instead when it cancels less.
 * - 1/2 < z < 1: the series itself when it converges within 4000 terms (c large next to a and b) without
 *   cancelling; otherwise the
 *   series at z0 = 1/2 gives w(z0) and w'(z0), and 2F1 is carried to z along its differential equation
 *   z (1 - z) w'' + (c - (a + b + 1) z) w' - a b w = 0 by Taylor steps of at most half the distance to the
 *   singular point 1 (each step's series converges like 2^-k), shortened where |c| or |a b| is large so that
 *   the terms cannot grow first; about log2(0.5 / (1 - z)) steps for moderate parameters. This needs no special
 *   case when c - a - b is an integer (where the textbook 1 - z transformation A&S 15.3.6 is singular).
 * - a or b a non-positive integer: the series terminates and is summed exactly, for any z < 1.
 *
 * Accuracy (tests/stats/hyp2f1.test.ts, against the series, closed forms of A&S 15.1, the AGM for elliptic K and
 * mpmath values printed by scipy): relative error below 1e-13 on the closed forms from z = -1e6 to 1 - 1e-12, and
 * below 1e-12 x (sum |terms| / |value|) against the series for |a|, |b| <= 20, 0 < c <= 20, |z| <= 1/2. Limits:
 * digits lost to cancellation are lost (a value far smaller than its terms, e.g. 2F1(-20, 21; 1.5; 0.5), or near
 * z = 1 a value that vanishes like (1 - z)^(c - a - b)); for c < 1 and z > 1/2 the error can grow by a further
 * factor up to (2z)^(1 - c), since the equation's second solution z^(1 - c) then outgrows 2F1 (c > 0 in BG/NBD).
 * Time O(number of terms): a few dozen for moderate parameters, growing like |a b z / (1 - z)| for large ones.
 *
 * Returns NaN for z >= 1, z NaN, and c a non-positive integer (a pole) unless the series terminates before it;
 * 1 for z = 0. Huge parameters can overflow to Infinity: BG/NBD code applies Euler's transformation first
 * (2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z)) so that it only asks for moderate values.
 *
 * @param a first numerator parameter
 * @param b second numerator parameter
 * @param c denominator parameter (not 0, -1, -2, ...)
 * @param z argument, z < 1
 * @returns 2F1(a, b; c; z)
 * @example
 * hyp2f1(1, 1, 2, 0.5) // => 1.3862943611198906 (= -ln(1 - z) / z = 2 ln 2)
 * @see Abramowitz, M. & Stegun, I. A. (1964). Handbook of Mathematical Functions, chapter 15 (15.1.1, 15.3.4, 15.5.1).
 * @see Fader, Hardie & Lee (2005). "Counting your customers the easy way", Marketing Science 24(2): E[X(t)] needs 2F1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || !(z < 1)) return NaN;
  if (z === 0 || a === 0 || b === 0) return 1;
  const aTerminates = isNonPositiveInteger(a);
  const bTerminates = isNonPositiveInteger(b);
  if (isNonPositiveInteger(c)) {
    // A pole, unless the series ends first: a = -m with m < |c| (the terms after n = m are all zero).
    const ends = Math.max(aTerminates ? a : -Infinity, bTerminates ? b : -Infinity);
    if (!(ends > c)) return NaN;
    return series(a, b, c, z).value;
  }
  if (z < 0) {
    // w = z / (z - 1) and its distance to 1, 1 / (1 - z), which is kept exact (w itself rounds near 1).
    const w = z / (z - 1);
    const d = 1 / (1 - z);
    // Prefer the form whose series terminates (c - a or c - b a non-positive integer).
    const swap = isNonPositiveInteger(c - a) && !isNonPositiveInteger(c - b);
    const [p, q] = swap ? [c - a, b] : [a, c - b];
    const front = Math.pow(1 - z, swap ? -b : -a);
    if (z < -0.5) return front * positive(p, q, c, w, d);
    // Both series converge at least like 2^-n: take the one that cancels less (sum |terms| / |sum|).
    const direct = series(a, b, c, z);
    if (direct.magnitude <= 10 * Math.abs(direct.value)) return direct.value;
    const pfaff = series(p, q, c, w);
    return pfaff.magnitude / Math.abs(pfaff.value) < direct.magnitude / Math.abs(direct.value) ? front * pfaff.value : direct.value;
  }
  if (aTerminates || bTerminates) return series(a, b, c, z).value;
  return positive(a, b, c, z, 1 - z);
}

/** 2F1 for 0 <= z < 1, with d = 1 - z given separately (exact where z is a rounded transform). */
function positive(a: number, b: number, c: number, z: number, d: number): number {
  if (z <= 0.5 || isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z).value;
  // Large c (c - a - b >> 1, as in BG/NBD's conditional expectations): the series itself converges in a few
  // thousand terms at most, and the equation is stiff there (see continueAlongOde), so try it first.
  // Kept only when it did not cancel (sum |terms| <= 100 |sum|); the Taylor steps lose less otherwise.
  const direct = series(a, b, c, z, 4000);
  if (direct.converged && direct.magnitude <= 100 * Math.abs(direct.value)) return direct.value;
  const start = series(a, b, c, 0.5);
  return continueAlongOde(a, b, c, start.value, start.derivative, d);
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/**
 * The power series at z (|z| <= 1/2, or any z when it terminates), with its derivative sum n t_n z^(n-1) and
 * the sum of |terms| (its ratio to |value| is the cancellation the sum suffered).
 */
function series(a: number, b: number, c: number, z: number, maxTerms = 1_000_000): { value: number; derivative: number; magnitude: number; converged: boolean } {
  // Past n0 every Pochhammer factor has its final sign, so the terms decrease geometrically (ratio -> |z|).
  const n0 = Math.max(0, -a, -b, -c) + 1;
  let term = 1;
  let sum = 1;
  let compensation = 0;
  let dsum = 0;
  let magnitude = 1;
  let converged = false;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    if (term === 0) {
      converged = true; // a terminating series
      break;
    }
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    magnitude += Math.abs(term);
    dsum += ((n + 1) * term) / z;
    if (n > n0 && Math.abs(term) <= 1e-17 * Math.abs(sum + compensation)) {
      converged = true;
      break;
    }
    if (!Number.isFinite(sum)) break;
  }
  return { value: sum + compensation, derivative: dsum, magnitude, converged };
}

/**
 * Carry (w, w') from z0 = 1/2 to z = 1 - d (0 < d < 1/2) along the hypergeometric differential equation by Taylor steps.
 * At z0 the Taylor coefficients v_k = u_k h^k of w(z0 + s) = sum u_k s^k satisfy
 *   p0 (k + 2)(k + 1) v_{k+2} = -[(p1 k + q0)(k + 1) h v_{k+1} + (p2 k (k - 1) + q1 k - a b) h^2 v_k]
 * with p(z) = z (1 - z) = p0 + p1 s + p2 s^2 and q(z) = c - (a + b + 1) z = q0 + q1 s.
 */
function continueAlongOde(a: number, b: number, c: number, w0: number, dw0: number, d: number): number {
  let x = 0.5;
  let y = 0.5; // 1 - x, tracked apart so that the last step lands exactly on 1 - d
  let w = w0;
  let dw = dw0;
  const ab = a * b;
  const q1 = -(a + b + 1);
  for (let step = 0; step < 100_000 && y > d; step++) {
    const p0 = x * y;
    const p1 = y - x;
    const q0 = c - (a + b + 1) * x;
    // Half the distance to the singular point 1, and short enough that the Taylor terms cannot grow before they
    // shrink (|q0| h / p0 <= 1/2 and |a b| h^2 / p0 <= 1/4): a large c makes the equation stiff.
    const hMax = Math.min(0.5 * y, (0.5 * p0) / Math.max(Math.abs(q0), 1e-300), 0.5 * Math.sqrt(p0 / Math.max(Math.abs(ab), 1e-300)));
    const last = y - d <= hMax;
    const h = last ? y - d : hMax;
    let vPrev = w; // v_0
    let v = dw * h; // v_1
    let value = vPrev + v;
    let slope = v; // sum k v_k, divided by h at the end
    for (let k = 0; k < 10_000; k++) {
      const next = -((p1 * k + q0) * (k + 1) * h * v + (-k * (k - 1) + q1 * k - ab) * h * h * vPrev) / (p0 * (k + 2) * (k + 1));
      value += next;
      slope += (k + 2) * next;
      vPrev = v;
      v = next;
      const scale = Math.abs(value) + Math.abs(slope);
      if (k > 8 && Math.abs(v) + Math.abs(vPrev) <= 1e-17 * scale) break;
      if (!Number.isFinite(value)) return value;
    }
    x += h;
    y = last ? d : y - h;
    w = value;
    dw = slope / h;
  }
  return w;
}
