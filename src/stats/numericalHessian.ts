/** Options of {@link numericalHessian}. */
export interface NumericalHessianOptions {
  /** Relative step: h_i = step x max(|x_i|, 1) (default 1e-4, near eps^(1/4) for second differences). */
  step?: number;
}

/**
 * The Hessian of f at x by central differences (symmetric by construction). Used for the standard errors of
 * maximum-likelihood fits: the inverse of the Hessian of the negative log-likelihood is the asymptotic covariance.
 *
 *   H_ii = (f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i^2
 *   H_ij = (f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j) - f(x - h_i e_i + h_j e_j) + f(x - h_i e_i - h_j e_j)) / (4 h_i h_j)
 *
 * Cost: 1 + 2n + 4 n (n - 1) / 2 evaluations. Truncation error O(h^2), rounding error O(eps |f| / h^2).
 *
 * @example
 * numericalHessian(([x, y]) => x * x * y + 3 * y * y, [1, 2]) // => [[4, 2], [2, 6]] (to about 1e-7)
 * @see Nocedal, J. and Wright, S. J. (2006). Numerical Optimization, 2nd ed., section 8.1. Springer.
 */
export function numericalHessian(f: (x: readonly number[]) => number, x: readonly number[], options: NumericalHessianOptions = {}): number[][] {
  const n = x.length;
  const rel = options.step ?? 1e-4;
  const h = x.map((xi) => rel * Math.max(Math.abs(xi), 1));
  const at = (moves: readonly (readonly [number, number])[]): number => {
    const p = x.slice();
    for (const [i, d] of moves) p[i] = (p[i] as number) + d * (h[i] as number);
    return f(p);
  };
  const f0 = f(x);
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const hi = h[i] as number;
    (H[i] as number[])[i] = (at([[i, 1]]) - 2 * f0 + at([[i, -1]])) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const hij = 4 * hi * (h[j] as number);
      const v = (at([[i, 1], [j, 1]]) - at([[i, 1], [j, -1]]) - at([[i, -1], [j, 1]]) + at([[i, -1], [j, -1]])) / hij;
      (H[i] as number[])[j] = v;
      (H[j] as number[])[i] = v;
    }
  }
  return H;
}
