/**
 * The log-bucket stores of the quantile sketch (DDSketch, Masson, Rim and Lee 2019), as plain JSON.
 *
 * A positive value x falls in bucket i = ceil(log_gamma(x)), which holds (gamma^(i-1), gamma^i], with
 * gamma = (1 + a) / (1 - a). The bucket's value 2 gamma^i / (gamma + 1) lies within relative error a of every x
 * in it. A store keeps its buckets dense: counts[k] is the count of bucket offset + k; the first and last counts
 * are non-zero (an empty store is offset 0, counts []). At most maxBuckets buckets are kept: when a store would
 * span more, the lowest buckets are folded into the lowest bucket kept (max index - maxBuckets + 1), as DDSketch's
 * collapsing-lowest store does, and `collapsed` is set. The folded values lose the error bound (they read as that
 * bucket's value); every other value keeps it. The fold depends only on the highest index ever stored, so the
 * store is the same for any order of adds and merges.
 */

/** One store: dense bucket counts from `offset`. */
export interface SketchStore {
  offset: number;
  counts: number[];
  /** Whether buckets below the kept range were ever folded into the lowest one. */
  collapsed: boolean;
}

/** The bucket mapping of one relative accuracy. */
export interface SketchMapping {
  gamma: number;
  lnGamma: number;
  /** 1 / ln(gamma). */
  inverse: number;
  /** 2 / (gamma + 1), so a bucket's value is gamma^i * factor. */
  factor: number;
}

/** The mapping of relative accuracy a in (0, 1). */
export function sketchMapping(a: number): SketchMapping {
  const gamma = (1 + a) / (1 - a);
  const lnGamma = Math.log1p(a) - Math.log1p(-a);
  return { gamma, lnGamma, inverse: 1 / lnGamma, factor: 2 / (gamma + 1) };
}

/** The bucket of a finite x > 0. */
export function bucketIndex(m: SketchMapping, x: number): number {
  return Math.ceil(Math.log(x) * m.inverse) + 0; // + 0: ceil of a small negative is -0
}

/** The value a bucket stands for (may overflow to Infinity or underflow to 0 at the ends of the double range). */
export function bucketValue(m: SketchMapping, i: number): number {
  return Math.exp(i * m.lnGamma) * m.factor;
}

/** A store with no values. */
export function emptyStore(): SketchStore {
  return { offset: 0, counts: [], collapsed: false };
}

/** A copy sharing nothing with `s`. */
function copyStore(s: SketchStore): SketchStore {
  return { offset: s.offset, counts: s.counts.slice(), collapsed: s.collapsed };
}

/** Total count of a store. */
export function storeCount(s: SketchStore): number {
  let n = 0;
  for (const c of s.counts) n += c;
  return n;
}

/** Add `count` values in bucket i, in place. */
export function storeAdd(s: SketchStore, i: number, count: number, maxBuckets: number): void {
  const k = i - s.offset;
  if (k >= 0 && k < s.counts.length) s.counts[k]! += count;
  else if (s.counts.length === 0 && !s.collapsed) {
    s.offset = i;
    s.counts.push(count);
  } else rebuild(s, [s], i, count, maxBuckets);
}

/** A new store holding both. */
export function storeMerge(a: SketchStore, b: SketchStore, maxBuckets: number): SketchStore {
  if (b.counts.length === 0) return { ...copyStore(a), collapsed: a.collapsed || b.collapsed };
  if (a.counts.length === 0) return { ...copyStore(b), collapsed: a.collapsed || b.collapsed };
  const out = emptyStore();
  rebuild(out, [a, b], b.offset, 0, maxBuckets);
  return out;
}

/** Add counts in bulk: counts[k] values in bucket base + k (k ascending), in place. */
export function storeAddDense(s: SketchStore, base: number, counts: ArrayLike<number>, maxBuckets: number): void {
  let lo = -1;
  let hi = -1;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k]! > 0) {
      if (lo < 0) lo = k;
      hi = k;
    }
  }
  if (lo < 0) return;
  const other: SketchStore = { offset: base + lo, counts: Array.from({ length: hi - lo + 1 }, (_, k) => counts[lo + k]!), collapsed: false };
  rebuild(s, [s, other], base + lo, 0, maxBuckets);
}

/**
 * Rewrite `target` as the union of `stores` plus `count` values in bucket i, folding what lies below
 * max index - maxBuckets + 1 into that bucket.
 */
function rebuild(target: SketchStore, stores: SketchStore[], i: number, count: number, maxBuckets: number): void {
  let lo = count > 0 ? i : Infinity;
  let hi = count > 0 ? i : -Infinity;
  let collapsed = false;
  for (const s of stores) {
    collapsed ||= s.collapsed;
    if (s.counts.length === 0) continue;
    lo = Math.min(lo, s.offset);
    hi = Math.max(hi, s.offset + s.counts.length - 1);
  }
  const floor = Math.max(lo, hi - maxBuckets + 1);
  if (floor > lo) collapsed = true;
  const counts = new Array<number>(hi - floor + 1).fill(0);
  for (const s of stores) s.counts.forEach((c, k) => (counts[Math.max(s.offset + k, floor) - floor]! += c));
  if (count > 0) counts[Math.max(i, floor) - floor]! += count;
  target.offset = floor;
  target.counts = counts;
  target.collapsed = collapsed;
}

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
/** Whether doubles are little-endian here (WORDS[1] holds sign, exponent and the top mantissa bits). */
const LITTLE = ((): boolean => {
  BITS[0] = 1;
  return WORDS[1] === 0x3ff00000;
})();
/** Cells per binade: the top 10 mantissa bits. */
const CELL_BITS = 10;
const CELLS = 1 << CELL_BITS;
/** A cell that straddles a bucket boundary. */
const STRADDLES = -2147483648;

/**
 * bucketIndex by table lookup, for bulk adds: each binade [2^E, 2^(E+1)) is cut into 1024 cells by the top 10
 * mantissa bits, and a cell whose first and last doubles have the same bucketIndex (about 95 % of them at a = 0.01)
 * maps straight to it; a cell across a bucket boundary, a subnormal value, or a big-endian platform takes
 * bucketIndex itself. bucketIndex is monotone in x, so the result is always bucketIndex(m, x), bit for bit.
 * A binade's cells are computed (2048 logarithms) the first time a value falls in it.
 */
export class BucketTable {
  private readonly m: SketchMapping;
  /** Biased exponent of the first binade in `cells`. */
  private base = 0;
  private cells: Int32Array = new Int32Array(0);

  constructor(m: SketchMapping) {
    this.m = m;
  }

  /** bucketIndex(m, x) for a finite x > 0. */
  index(x: number): number {
    BITS[0] = x;
    const hi = WORDS[1]!;
    const v = this.cells[((hi >>> 20) - this.base) * CELLS + ((hi >>> (20 - CELL_BITS)) & (CELLS - 1))];
    return v !== undefined && v !== STRADDLES ? v : this.slow(x, hi >>> 20);
  }

  private slow(x: number, e: number): number {
    const binades = this.cells.length / CELLS;
    if (LITTLE && e > 0 && (binades === 0 || e < this.base || e >= this.base + binades)) {
      this.cover(e);
      return this.index(x);
    }
    return bucketIndex(this.m, x);
  }

  /** Widen the table to hold binade e (and every binade between it and those already held). */
  private cover(e: number): void {
    const binades = this.cells.length / CELLS;
    const lo = binades === 0 ? e : Math.min(this.base, e);
    const hi = binades === 0 ? e : Math.max(this.base + binades - 1, e);
    const next = new Int32Array((hi - lo + 1) * CELLS);
    for (let b = lo; b <= hi; b++) {
      if (binades > 0 && b >= this.base && b < this.base + binades) next.set(this.cells.subarray((b - this.base) * CELLS, (b - this.base + 1) * CELLS), (b - lo) * CELLS);
      else fillBinade(this.m, b, next.subarray((b - lo) * CELLS, (b - lo + 1) * CELLS));
    }
    this.base = lo;
    this.cells = next;
  }
}

function fillBinade(m: SketchMapping, e: number, out: Int32Array): void {
  const p = 2 ** (e - 1023);
  const ulp = 2 ** (e - 1023 - 52);
  for (let k = 0; k < CELLS; k++) {
    const first = p * (1 + k / CELLS);
    const last = p * (1 + (k + 1) / CELLS) - ulp; // the double just below the next cell
    const i = bucketIndex(m, first);
    out[k] = i === bucketIndex(m, last) ? i : STRADDLES;
  }
}
