/**
 * Whether a symmetric matrix is positive definite: its Cholesky factorisation succeeds with positive pivots. A fit
 * whose Hessian of -log L fails this is at a saddle, a ridge or a boundary, and its standard errors mean nothing.
 *
 *   L_jj = sqrt(m_jj - sum_{k<j} L_jk^2) (needs a positive radicand),  L_ij = (m_ij - sum_{k<j} L_ik L_jk) / L_jj
 *
 * O(n^3); only the lower triangle is read.
 *
 * @example
 * [isPositiveDefinite([[2, 1], [1, 2]]), isPositiveDefinite([[1, 2], [2, 1]])] // => [true, false]
 * @see Golub, G. H. and Van Loan, C. F. (2013). Matrix Computations, 4th ed., section 4.2. Johns Hopkins.
 */
export function isPositiveDefinite(m: readonly (readonly number[])[]): boolean {
  const n = m.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i]![j]!;
      for (let k = 0; k < j; k++) sum -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return false;
        L[i]![i] = Math.sqrt(sum);
      } else L[i]![j] = sum / L[j]![j]!;
    }
  }
  return true;
}
