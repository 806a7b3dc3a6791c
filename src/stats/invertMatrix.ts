/**
 * The inverse of a small square matrix by Gauss-Jordan elimination with partial pivoting; `null` when the matrix
 * is singular (a pivot below 1e-14 of the largest entry) or holds a non-finite number. Meant for the 2x2 to 4x4
 * Hessians of model fits; O(n^3).
 *
 *   [A | I]  --row operations-->  [I | A^-1]
 *
 * @example
 * invertMatrix([[4, 7], [2, 6]]) // => [[0.6, -0.7], [-0.2, 0.4]]
 * @see Golub, G. H. and Van Loan, C. F. (2013). Matrix Computations, 4th ed., section 3.4. Johns Hopkins.
 */
export function invertMatrix(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  if (m.some((row) => row.length !== n || !row.every(Number.isFinite))) return null;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...m.flat().map(Math.abs), 0);
  if (scale === 0) return null;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = r;
    const pivotRow = a[pivot] as number[];
    const p = pivotRow[col] as number;
    if (Math.abs(p) <= 1e-14 * scale) return null;
    a[pivot] = a[col] as number[];
    a[col] = pivotRow;
    for (let j = 0; j < 2 * n; j++) pivotRow[j] = (pivotRow[j] as number) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = row[col] as number;
      if (factor === 0) continue;
      for (let j = 0; j < 2 * n; j++) row[j] = (row[j] as number) - factor * (pivotRow[j] as number);
    }
  }
  return a.map((row) => row.slice(n));
}
