import type { CohortRetentionResult } from "../churn/cohortRetention.ts";
import type { PeriodUnit } from "../time/periodIndexer.ts";
import { chartIdPrefix, chartSize, coord, escapeXml, formatValue, noDataSvg, SEQUENTIAL, svgDocument, textOn, type ChartOptions } from "./_svg.ts";

/** Options of {@link cohortHeatmap}. */
export type CohortHeatmapOptions = ChartOptions;

const CHART = "cohortHeatmap";
const TOP = 52;
const RIGHT = 16;
const BOTTOM = 64;
/** Row height when the height is not given. */
const ROW = 24;
const ADJECTIVE: Record<PeriodUnit, string> = { day: "daily", isoWeek: "weekly", week: "weekly", month: "monthly", quarter: "quarterly", year: "yearly" };
const PLURAL: Record<PeriodUnit, string> = { day: "days", isoWeek: "weeks", week: "weeks", month: "months", quarter: "quarters", year: "years" };
/** The most cells drawn (200 x 200): past it the SVG would be tens of MB of sub-pixel cells. */
const MAX_CELLS = 40_000;
/** Cells without a rate that are observed (an empty cohort): light grey, labelled. */
const NO_RATE = "#dddddd";

/**
 * A cohort retention matrix as an SVG heatmap: one row per cohort (its label and size), one column per age
 * 0..maxAge, each cell filled by its retention rate on a colour-blind-safe sequential scale with the rate written in
 * it, cells not observed yet (after `asOf`) hatched and titled "not yet observed" (never drawn as 0%), and a colour
 * legend bar from 0 to 100%.
 *
 *   cell (c, k): x = left + k * w, y = top + c * h, w = plot width / (maxAge + 1), h = plot height / cohorts
 *   fill = SEQUENTIAL(rate(c, k)), text = round(100 rate) % in textOn(fill); censored -> the hatch pattern
 *
 * More than 40,000 cells (daily cohorts over years: 731 x 732 cells made a 94 MB SVG) give a chart that says so
 * and asks for a longer period instead. Without a height the chart grows with the cohorts (24 px a row). Rates are written in the cells when a cell is at
 * least 26 x 12 px (the `<title>` of every cell carries them anyway). O(cohorts x ages). No cohorts give the no-data
 * chart. Deterministic; the pattern and gradient ids derive from the data, so two heatmaps on a page never clash.
 *
 * @param result a `cohortRetention` result
 * @param options title, description, width, height
 * @returns an SVG document (string)
 * @throws InvalidOptionError for a bad width, height, title or description
 * @example
 * const retention = cohortRetention([{ customerId: 1, start: "2024-01-10", end: "2024-02-20" }, { customerId: 2, start: "2024-03-05" }], { asOf: "2024-03-31" });
 * cohortHeatmap(retention).includes("<title>2024-03, age 1: not yet observed</title>") // => true
 * @see Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. J. Interactive Marketing 21(1).
 * @see Nunez, Anderton & Renslow (2018), cividis (the sequential scale).
 */
export function cohortHeatmap(result: CohortRetentionResult, options: CohortHeatmapOptions = {}): string {
  const rows = result.cohorts;
  const ages = result.maxAge + 1;
  const title = options.title ?? `Retention by ${ADJECTIVE[result.period] ?? result.period} cohort`;
  const { width, height } = chartSize(CHART, options, { width: 640, height: Math.max(120, Math.min(20000, TOP + BOTTOM + ROW * Math.max(1, rows.length))) });
  if (rows.length === 0) return noDataSvg(title, width, height);
  const cellCount = rows.length * ages;
  if (cellCount > MAX_CELLS) {
    return noDataSvg(title, width, height, `${rows.length} cohorts x ${ages} ages = ${cellCount} cells, more than ${MAX_CELLS} to draw: use a longer period`);
  }

  const rowLabels = rows.map((c) => `${c.cohort} (n = ${c.size})`);
  const left = 8 + Math.ceil(6.5 * rowLabels.reduce((m, l) => Math.max(m, l.length), 0)) + 8;
  const right = Math.max(left + 20, width - RIGHT); // a tiny chart overflows rather than inverting
  const bottom = Math.max(TOP + 12, height - BOTTOM);
  const w = (right - left) / ages;
  const h = (bottom - TOP) / rows.length;
  const withText = w >= 26 && h >= 12;
  const ageWord = PLURAL[result.period] ?? result.period;
  const prefix = chartIdPrefix(title, JSON.stringify(rows.map((c) => [c.cohort, c.size, c.cells.map((x) => x.retained)])));
  const hatch = `${prefix}-hatch`;
  const scale = `${prefix}-scale`;
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `<stop offset="${t}" stop-color="${SEQUENTIAL(t)}"/>`).join("");
  const parts: string[] = [
    `<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#999999" stroke-width="2"/></pattern>` +
      `<linearGradient id="${scale}" x1="0" y1="0" x2="1" y2="0">${stops}</linearGradient></defs>`,
    `<text class="cx-axis-label" x="${coord((left + right) / 2)}" y="34" text-anchor="middle">${escapeXml(`${ageWord[0]!.toUpperCase()}${ageWord.slice(1)} since cohort start`)}</text>`,
  ];
  const every = Math.max(1, Math.ceil(18 / w)); // column numbers at least 18 px apart
  for (let k = 0; k < ages; k += every) {
    parts.push(`<text class="cx-column" x="${coord(left + (k + 0.5) * w)}" y="${coord(TOP - 6)}" text-anchor="middle" font-size="11">${k}</text>`);
  }
  let censored = 0;
  rows.forEach((c, i) => {
    const y = TOP + i * h;
    parts.push(`<text class="cx-row" x="${coord(left - 8)}" y="${coord(y + h / 2 + 4)}" text-anchor="end">${escapeXml(rowLabels[i]!)}</text>`);
    c.cells.forEach((cell, k) => {
      const x = left + k * w;
      const box = `x="${coord(x)}" y="${coord(y)}" width="${coord(w)}" height="${coord(h)}"`;
      const at = `${c.cohort}, age ${cell.age}`;
      if (cell.censored) {
        censored++;
        parts.push(`<rect class="cx-cell cx-censored" ${box} fill="url(#${hatch})" stroke="#ffffff"><title>${escapeXml(`${at}: not yet observed`)}</title></rect>`);
        return;
      }
      const fill = cell.rate === null ? NO_RATE : SEQUENTIAL(cell.rate);
      const text = cell.rate === null ? "no data" : `${formatValue(100 * cell.rate, 0)}%`;
      const tip = cell.rate === null ? `${at}: no data` : `${at}: ${cell.retained} of ${c.size} retained (${formatValue(100 * cell.rate, 1)}%)`;
      parts.push(`<rect class="cx-cell" ${box} fill="${fill}" stroke="#ffffff"><title>${escapeXml(tip)}</title></rect>`);
      if (withText) parts.push(`<text x="${coord(x + w / 2)}" y="${coord(y + h / 2 + 4)}" text-anchor="middle" font-size="11" fill="${textOn(fill)}">${text}</text>`);
    });
  });

  // the legend: the colour bar 0..100% and the hatch swatch
  const barW = Math.max(60, Math.min(200, right - left - 150));
  const ly = height - 30;
  parts.push(
    `<g class="cx-legend"><rect x="${coord(left)}" y="${coord(ly)}" width="${coord(barW)}" height="10" fill="url(#${scale})"><title>retention rate, 0% to 100%</title></rect>` +
      [0, 50, 100].map((p) => `<text x="${coord(left + (barW * p) / 100)}" y="${coord(ly + 24)}" text-anchor="middle" font-size="11">${p}%</text>`).join("") +
      (censored > 0
        ? `<rect x="${coord(left + barW + 24)}" y="${coord(ly - 1)}" width="12" height="12" fill="url(#${hatch})" stroke="#999999"/><text x="${coord(left + barW + 42)}" y="${coord(ly + 9)}">not yet observed</text>`
        : "") +
      `</g>`,
  );

  const description = options.description ?? summary(result, censored);
  return svgDocument({ title, description, width, height, body: parts.join("") });
}

/** The sentence for <desc>: cohorts, span, subscriptions, the range of retention at age 1 and the censored cells. */
function summary(result: CohortRetentionResult, censored: number): string {
  const rows = result.cohorts;
  const unit = PLURAL[result.period] ?? result.period;
  const head = `Retention of ${rows.length} ${ADJECTIVE[result.period] ?? result.period} ${rows.length === 1 ? "cohort" : "cohorts"} (${rows[0]!.cohort}${rows.length > 1 ? ` to ${rows[rows.length - 1]!.cohort}` : ""}, ${result.n} subscriptions) at ages 0 to ${result.maxAge} ${unit}`;
  const age1 = rows.flatMap((c) => (c.cells[1]?.rate ?? null) === null ? [] : [{ cohort: c.cohort, rate: c.cells[1]!.rate! }]);
  let range = "";
  if (age1.length === 1) range = `; at age 1: ${formatValue(100 * age1[0]!.rate, 1)}% (${age1[0]!.cohort})`;
  else if (age1.length > 1) {
    const lo = age1.reduce((m, x) => (x.rate < m.rate ? x : m));
    const hi = age1.reduce((m, x) => (x.rate > m.rate ? x : m));
    range = lo.rate === hi.rate ? `; at age 1: ${formatValue(100 * lo.rate, 1)}% in every cohort observed` : `; at age 1 from ${formatValue(100 * lo.rate, 1)}% (${lo.cohort}) to ${formatValue(100 * hi.rate, 1)}% (${hi.cohort})`;
  }
  return `${head}${range}; ${censored} ${censored === 1 ? "cell" : "cells"} not yet observed.`;
}
