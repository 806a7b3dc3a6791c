import { InvalidOptionError } from "../errors.ts";

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Most iterations before giving up (default 2000 x dimension). */
  maxIterations?: number;
  /** Converged when every vertex is within this of the best, per coordinate, absolutely or relatively (default 1e-10). */
  xTolerance?: number;
  /** Converged when every vertex's value is within this of the best, absolutely or relatively (default 1e-12). */
  fTolerance?: number;
  /** Size of the initial simplex per coordinate, absolute (default 0.1: suits parameters on a log scale). */
  initialStep?: number | readonly number[];
}

/** What {@link nelderMead} found, and whether it met its tolerances. */
export interface NelderMeadResult {
  /** The best point found. */
  x: number[];
  /** f at `x`. */
  value: number;
  /** Iterations run. */
  iterations: number;
  /** Evaluations of f. */
  evaluations: number;
  /** True when both tolerances were met before the iteration limit. */
  converged: boolean;
  /** Why it stopped, for a person. */
  message: string;
}

/**
 * Minimise f with the Nelder-Mead simplex method (standard coefficients: reflection 1, expansion 2, contraction 1/2,
 * shrink 1/2; inside and outside contractions as in Lagarias et al.). A non-finite f(x) counts as +Infinity, so a
 * likelihood that is undefined somewhere steers the simplex away instead of poisoning it.
 *
 *   order vertices f(x_1) <= ... <= f(x_n+1);  centroid c = mean(x_1..x_n)
 *   reflect  x_r = c + (c - x_n+1);            accept if f_1 <= f_r < f_n
 *   expand   x_e = c + 2 (c - x_n+1);          if f_r < f_1, keep the better of x_e, x_r
 *   contract x_c = c + (x_r - c) / 2 (outside, f_r < f_n+1) or c - (c - x_n+1) / 2 (inside)
 *   shrink   x_i = x_1 + (x_i - x_1) / 2       when the contraction fails
 *   stop     when max_i |x_i - x_1| <= xTol (1 + |x_1|) and max_i |f_i - f_1| <= fTol (1 + |f_1|)
 *
 * Deterministic: the same f and x0 give the same result.
 *
 * @example
 * nelderMead(([x, y]) => (x - 1) ** 2 + 10 * (y + 2) ** 2, [0, 0]).x // => [1, -2] (to about 1e-9)
 * @see Nelder, J. A. and Mead, R. (1965). A simplex method for function minimization. The Computer Journal 7(4).
 * @see Lagarias, J. C., Reeds, J. A., Wright, M. H. and Wright, P. E. (1998). Convergence properties of the
 *   Nelder-Mead simplex method in low dimensions. SIAM J. Optimization 9(1). (SciPy's `fmin` follows it.)
 */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const dim = x0.length;
  if (dim === 0 || !x0.every(Number.isFinite)) throw new InvalidOptionError("nelderMead", "x0", "must be a non-empty list of finite numbers");
  const maxIterations = options.maxIterations ?? 2000 * dim;
  const xTol = options.xTolerance ?? 1e-10;
  const fTol = options.fTolerance ?? 1e-12;
  if (!(Number.isInteger(maxIterations) && maxIterations > 0)) throw new InvalidOptionError("nelderMead", "maxIterations", `is ${String(maxIterations)}, expected a positive integer`);
  if (!(xTol >= 0 && fTol >= 0)) throw new InvalidOptionError("nelderMead", "xTolerance", "and fTolerance must be non-negative numbers");
  const steps = initialSteps(x0, options.initialStep);

  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const y = f(x);
    return Number.isFinite(y) ? y : Infinity;
  };

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < dim; i++) {
    const v = x0.slice();
    v[i] = (v[i] as number) + (steps[i] as number);
    simplex.push(v);
  }
  const values = simplex.map(value);
  const order = (): void => {
    const idx = simplex.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    const s = idx.map((i) => simplex[i] as number[]);
    const v = idx.map((i) => values[i] as number);
    for (let i = 0; i <= dim; i++) {
      simplex[i] = s[i] as number[];
      values[i] = v[i] as number;
    }
  };
  const along = (c: readonly number[], towards: readonly number[], t: number): number[] => c.map((ci, j) => ci + t * ((towards[j] as number) - ci));

  let iterations = 0;
  let converged = false;
  order();
  while (iterations < maxIterations) {
    if (isConverged(simplex, values, xTol, fTol)) {
      converged = true;
      break;
    }
    iterations++;
    const worst = simplex[dim] as number[];
    const fBest = values[0] as number;
    const fWorst = values[dim] as number;
    const fSecond = values[dim - 1] as number;
    const c = new Array<number>(dim).fill(0);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) c[j] = (c[j] as number) + ((simplex[i] as number[])[j] as number) / dim;

    const xr = along(c, worst, -1);
    const fr = value(xr);
    let replacement: number[] | null = null;
    let fReplacement = Infinity;
    if (fr < fBest) {
      const xe = along(c, worst, -2);
      const fe = value(xe);
      [replacement, fReplacement] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < fSecond) {
      [replacement, fReplacement] = [xr, fr];
    } else {
      const outside = fr < fWorst;
      const xc = outside ? along(c, xr, 0.5) : along(c, worst, 0.5);
      const fc = value(xc);
      if (fc <= (outside ? fr : fWorst)) [replacement, fReplacement] = [xc, fc];
    }
    if (replacement !== null) {
      simplex[dim] = replacement;
      values[dim] = fReplacement;
    } else {
      const best = simplex[0] as number[];
      for (let i = 1; i <= dim; i++) {
        simplex[i] = along(best, simplex[i] as number[], 0.5);
        values[i] = value(simplex[i] as number[]);
      }
    }
    order();
  }
  if (!converged && isConverged(simplex, values, xTol, fTol)) converged = true;
  const best = simplex[0] as number[];
  const fBest = values[0] as number;
  const message = !Number.isFinite(fBest)
    ? "f is not finite anywhere the simplex went; check the starting point"
    : converged
      ? `converged after ${iterations} iterations`
      : `stopped at the iteration limit (${maxIterations}) before the tolerances were met`;
  return { x: best.slice(), value: fBest, iterations, evaluations, converged: converged && Number.isFinite(fBest), message };
}

function initialSteps(x0: readonly number[], step: number | readonly number[] | undefined): number[] {
  if (step === undefined) return x0.map(() => 0.1);
  const steps = typeof step === "number" ? x0.map(() => step) : [...step];
  if (steps.length !== x0.length || !steps.every((s) => Number.isFinite(s) && s !== 0)) {
    throw new InvalidOptionError("nelderMead", "initialStep", "must be a non-zero finite number, or one per coordinate of x0");
  }
  return steps;
}

function isConverged(simplex: readonly (readonly number[])[], values: readonly number[], xTol: number, fTol: number): boolean {
  const best = simplex[0] as readonly number[];
  const fBest = values[0] as number;
  if (!Number.isFinite(fBest)) return false;
  for (let i = 1; i < simplex.length; i++) {
    const fi = values[i] as number;
    if (!(Math.abs(fi - fBest) <= fTol * (1 + Math.abs(fBest)))) return false;
    const v = simplex[i] as readonly number[];
    for (let j = 0; j < best.length; j++) {
      const bj = best[j] as number;
      if (!(Math.abs((v[j] as number) - bj) <= xTol * (1 + Math.abs(bj)))) return false;
    }
  }
  return true;
}
