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
  return Math.ceil(Math.log(x) * m.inverse);
}

/** The value a bucket stands for (may overflow to Infinity or underflow to 0 at the ends of the double range). */
export function bucketValue(m: SketchMapping, i: number): number {
  return Math.exp(i * m.lnGamma) * m.factor;
}

export function emptyStore(): SketchStore {
  return { offset: 0, counts: [], collapsed: false };
}

export function copyStore(s: SketchStore): SketchStore {
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
