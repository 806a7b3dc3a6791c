import { clvDeciles } from "../clv/clvDeciles.ts";
import type { CustomerLifetimeValueResult } from "../clv/customerLifetimeValue.ts";
import { axisBottom, axisLeft, chartDigits, chartSize, coord, escapeXml, footnoteSvg, formatValue, linearScale, niceTicks, niceUpper, noDataSvg, PALETTE, svgDocument, wrapText, type ChartOptions } from "./_svg.ts";

/** Options of {@link clvDecileChart}. */
export interface ClvDecileChartOptions extends ChartOptions {
  /** Decimals of values in labels (default 2). */
  digits?: number;
}

const CHART = "clvDecileChart";
const MARGIN = { top: 34, right: 16, bottom: 66, left: 72 };
const LINE = 14;

/**
 * Expected customer lifetime value by customer decile as SVG bars: the customers ranked by their CLV estimate and
 * cut into tenths ({@link clvDeciles}; decile 1 = the most valuable), one bar per decile at its mean CLV per customer,
 * labelled with the decile's share of the base's value; the base total with its interval in the `<desc>` and a
 * footnote.
 *
 *   bar height = mean_d / y max * plot height, y max = a nice bound >= the largest mean
 *   label      = share_d = total_d / sum of all CLV estimates, in %
 *
 * Deciles left out by clvDeciles (fewer than ten customers) are not drawn. O(n log n) for the ranking. No customers
 * give the no-data chart. Deterministic.
 *
 * @param result a `customerLifetimeValue` result
 * @param options title, description, width, height, digits
 * @returns an SVG document (string)
 * @throws InvalidOptionError for a bad width, height, title, description or digits
 * @example
 * const clv = customerLifetimeValue({ r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, { frequency: [2, 2], recency: [30, 30], T: [38, 38], timeUnit: "weeks" }, { expectedSpend: [30, 10] });
 * clvDecileChart(clv).includes(">75.0%</text>") // => true
 * @see Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base
 *   analysis. Journal of Marketing Research 42(4), 415-430.
 */
export function clvDecileChart(result: CustomerLifetimeValueResult, options: ClvDecileChartOptions = {}): string {
  const { width, height } = chartSize(CHART, options);
  const digits = chartDigits(CHART, options.digits, 2);
  const horizon = `${result.months} ${result.months === 1 ? "month" : "months"}`;
  const title = options.title ?? `Expected CLV by customer decile (${horizon})`;
  const deciles = clvDeciles(result);
  if (deciles.length === 0) return noDataSvg(title, width, height, "no customers");

  const fmt = (x: number | null): string => formatValue(x, digits);
  const share = (s: number | null): string => (s === null ? "no value" : `${formatValue(100 * s, 1)}%`);
  const t = result.total;
  const interval = t.lower === null || t.upper === null ? "no interval: no parameter covariance" : `${formatValue(100 * result.level, 0)}% interval ${fmt(t.lower)} to ${fmt(t.upper)}`;
  const notes = `Base total ${fmt(t.value)} (${interval}) over ${result.customers.length} customers; ${horizon}, monthly discount ${formatValue(100 * result.discountRate, 1)}%, margin ${formatValue(100 * result.margin, 0)}%.`;
  const noteLines = wrapText(`Bar labels: each decile as a share of the whole base value. ${notes}`, Math.floor((width - 16) / 6));

  const left = MARGIN.left;
  const right = Math.max(left + 20, width - MARGIN.right); // a tiny chart overflows rather than inverting
  const top = MARGIN.top;
  const bottom = Math.max(top + 20, height - MARGIN.bottom - LINE * noteLines.length);
  const maxMean = deciles.reduce((m, d) => Math.max(m, d.mean), 0);
  const yMax = niceUpper(maxMean);
  const y = linearScale([0, yMax], [bottom, top]);
  const slot = (right - left) / deciles.length;
  const parts: string[] = [axisLeft(y, niceTicks(0, yMax), left, (v) => String(v), "Mean CLV per customer", right - left)];
  deciles.forEach((d, i) => {
    const x0 = left + i * slot + slot * 0.1;
    const yTop = y(d.mean);
    const tip = `Decile ${d.decile}: ${d.customers} ${d.customers === 1 ? "customer" : "customers"}, mean ${fmt(d.mean)}, total ${fmt(d.total)} (${share(d.share)} of the base), from ${fmt(d.min)} to ${fmt(d.max)}`;
    parts.push(
      `<rect class="cx-bar" x="${coord(x0)}" y="${coord(yTop)}" width="${coord(slot * 0.8)}" height="${coord(bottom - yTop)}" fill="${PALETTE.blue}"><title>${escapeXml(tip)}</title></rect>`,
      `<text class="cx-bar-label" x="${coord(x0 + slot * 0.4)}" y="${coord(yTop - 4)}" text-anchor="middle" font-size="11">${share(d.share)}</text>`,
    );
  });
  parts.push(axisBottom((i) => left + (i + 0.5) * slot, deciles.map((_, i) => i), bottom, (i) => String(deciles[i]!.decile), "Customer decile by expected CLV (1 = most valuable)"));
  parts.push(footnoteSvg(noteLines, height - 14));

  const first = deciles[0]!;
  const last = deciles[deciles.length - 1]!;
  const ends =
    deciles.length === 1
      ? `decile ${first.decile} averages ${fmt(first.mean)}`
      : `decile ${first.decile} averages ${fmt(first.mean)} and holds ${share(first.share)} of the value, decile ${last.decile} averages ${fmt(last.mean)} (${share(last.share)})`;
  const description = options.description ?? `Expected CLV over ${horizon} of ${result.customers.length} customers in ${deciles.length} ${deciles.length === 1 ? "decile" : "deciles"}: ${ends}. ${notes}`;
  return svgDocument({ title, description, width, height, body: parts.join("") });
}
