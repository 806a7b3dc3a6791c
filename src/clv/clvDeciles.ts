import type { CustomerLifetimeValueResult } from "./customerLifetimeValue.ts";

/** One decile of the customer base by expected CLV: decile 1 holds the most valuable tenth. */
export interface ClvDecile {
  /** 1 (most valuable) .. 10. */
  decile: number;
  customers: number;
  /** Sum of the decile's CLV point estimates. */
  total: number;
  /** total / customers. */
  mean: number;
  min: number;
  max: number;
  /** total / the base's total (0..1); null when the base's total is 0. */
  share: number | null;
}

/**
 * Customers of a {@link customerLifetimeValue} result split into ten groups of (nearly) equal size by expected CLV,
 * the usual way to show how concentrated the value of a base is.
 *
 *   sort customers by clv.value descending (ties: customerId ascending, as strings);
 *   decile d (1..10) holds ranks floor((d - 1) n / 10) .. floor(d n / 10) - 1;
 *   share_d = sum of the decile's estimates / sum of all estimates
 *
 * With fewer than ten customers some deciles would be empty: they are left out (never shown as zero), so the result
 * has min(n, 10) rows; an empty base gives [].
 *
 * @param result a customerLifetimeValue result
 * @returns one row per non-empty decile, most valuable first
 * @example
 * clvDeciles({ ...result, customers: [{ customerId: "a", clv: { value: 30 } }, { customerId: "b", clv: { value: 10 } }] })
 * // => [{ decile: 5, customers: 1, total: 30, mean: 30, min: 30, max: 30, share: 0.75 },
 * //     { decile: 10, customers: 1, total: 10, mean: 10, min: 10, max: 10, share: 0.25 }]
 * @see Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
 *   analysis. Journal of Marketing Research 42(4), 415-430 (value concentration across the base).
 */
export function clvDeciles(result: Pick<CustomerLifetimeValueResult, "customers">): ClvDecile[] {
  const rows = result.customers
    .map((c) => ({ id: String(c.customerId), v: c.clv.value }))
    .sort((a, b) => b.v - a.v || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = rows.length;
  let grand = 0;
  for (const r of rows) grand += r.v;
  const out: ClvDecile[] = [];
  for (let d = 1; d <= 10; d++) {
    const from = Math.floor(((d - 1) * n) / 10);
    const to = Math.floor((d * n) / 10);
    if (to <= from) continue;
    let total = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = from; i < to; i++) {
      const v = rows[i]!.v;
      total += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out.push({ decile: d, customers: to - from, total, mean: total / (to - from), min, max, share: grand === 0 ? null : total / grand });
  }
  return out;
}
