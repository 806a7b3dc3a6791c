import type { CesResult, PointRange } from "../survey/ces.ts";
import type { CsatResult } from "../survey/csat.ts";
import type { NpsBands, NpsResult } from "../survey/nps.ts";
import { axisBottom, axisLeft, BAND_COLOURS, chartSize, coord, escapeXml, formatValue, linearScale, niceTicks, noDataSvg, svgDocument, type ChartOptions } from "./_svg.ts";

/** Options of {@link distributionChart}. */
export interface DistributionChartOptions extends ChartOptions {
  /** NPS band limits the result was computed with, when not the default 0-6 / 7-8 / 9-10. */
  bands?: NpsBands;
  /** CES easy and difficult ranges the result was computed with, when not the default sides of the midpoint. */
  easy?: PointRange;
  difficult?: PointRange;
}

interface Band {
  name: string;
  colour: string;
  points: string[];
}

const FONT = 11;
const CHAR = 7; // approximate advance of a character of the 12 px font, for layout only

/**
 * An SVG bar chart of the answers per scale point of an NPS, CSAT or CES result, each bar coloured and bracketed
 * by its band: NPS detractors (0-6) / passives (7-8) / promoters (9-10); CSAT satisfied (>= satisfiedMin) or not;
 * CES difficult / neutral / easy.
 *
 *   bar height = count / yMax * plotHeight,   yMax = the nice tick at or above the largest count
 *   bar x      = left + (i + 0.1) * plotWidth / points,  width 0.8 * plotWidth / points
 * Counts label the bars, the y axis counts answers, and the missing and invalid answers (not plotted) are named in
 * the `<desc>` and in a footnote. Bands are labelled under the axis, so colour is not the only cue. Band limits:
 * NPS and CES results do not carry them, so the defaults are used (or `options.bands` / `easy` / `difficult`), and
 * are checked against the result's band counts: when they disagree the bars are drawn without bands and the
 * footnote says so. n = 0 gives the no-data chart (with the missing and invalid counts). Deterministic. O(points).
 *
 * @param result an NPS, CSAT or CES result
 * @param options title, description, width, height, bands (NPS), easy / difficult (CES)
 * @returns an SVG document as a string
 * @example
 * distributionChart(nps([10, 9, 9, 7, 3, null])).includes("1 missing and 0 invalid answers not plotted") // => true
 * @see Reichheld (2003) for the NPS bands; Dixon, Freeman & Toman (2010) for CES; Okabe & Ito (2008) colours
 */
export function distributionChart(result: NpsResult | CsatResult | CesResult, options: DistributionChartOptions = {}): string {
  const name = result.metric.toUpperCase();
  const title = options.title ?? `${name} distribution`;
  const { width, height } = chartSize("distributionChart", options);
  const missing = result.missing;
  const invalid = result.invalid?.count ?? 0;
  const notShown = `${missing} missing and ${invalid} invalid answers not plotted`;
  if (result.n === 0) return noDataSvg(title, width, height, `no data: 0 valid answers (${missing} missing, ${invalid} invalid)`);

  const { points, counts } = pointsOf(result);
  const bands = bandsOf(result, options, points, counts);
  const bandOf = (p: string): Band | undefined => bands?.find((b) => b.points.includes(p));
  const total = counts.reduce((a, b) => a + b, 0);

  // the footnote, wrapped to the width (10 px text, about 6 px a character); each extra line takes 12 px
  const footParts = [`n = ${total} valid answers`, notShown, ...(bands === null ? ["bands unknown (the band counts do not match the default limits: pass them in the options)"] : [])];
  const footLines = wrap(footParts, Math.max(10, Math.floor((width - 16) / 6)));
  const margin = { top: 40, right: 16, bottom: 68 + 12 * footLines.length, left: 60 };
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const plotHeight = Math.max(10, height - margin.top - margin.bottom);
  const bottom = margin.top + plotHeight;
  const max = Math.max(...counts);
  const ticks = niceTicks(0, Math.max(1, max), Math.max(2, Math.min(6, Math.floor(plotHeight / 40)))).filter((t) => Number.isInteger(t));
  // niceTicks stays inside [0, max]: add one more step so the top tick is at or above the tallest bar (757 -> 800)
  const tickStep = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  while ((ticks[ticks.length - 1] ?? 0) < max) ticks.push((ticks[ticks.length - 1] ?? 0) + tickStep);
  const yMax = Math.max(ticks[ticks.length - 1] ?? 1, 1);
  const y = linearScale([0, yMax], [bottom, margin.top]);
  const step = plotWidth / points.length;
  const xOf = (i: number): number => margin.left + (i + 0.5) * step;

  const body: string[] = [];
  body.push(axisLeft(y, ticks.filter((t) => t <= yMax), margin.left, (t) => String(t), "answers", plotWidth));
  // long scales (up to 1001 points): label every k-th point, and counts only where they fit over their bar
  const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / (Math.max(...points.map((p) => p.length)) * CHAR + 8)))));
  body.push(axisBottom(xOf, points.map((_, i) => i).filter((i) => i % every === 0), bottom, (i) => points[i]!));
  points.forEach((p, i) => {
    const c = counts[i]!;
    const band = bandOf(p);
    const colour = band?.colour ?? BAND_COLOURS.passive;
    const y0 = y(c);
    const share = formatValue((100 * c) / total, 1);
    const tip = `${p}: ${c} answer${c === 1 ? "" : "s"} (${share}%)${band ? `, ${singular(band.name)}` : ""}`;
    body.push(
      `<g class="cx-bar"><rect x="${coord(xOf(i) - 0.4 * step)}" y="${coord(y0)}" width="${coord(0.8 * step)}" height="${coord(bottom - y0)}" fill="${colour}"><title>${escapeXml(tip)}</title></rect>` +
        (String(c).length * CHAR * 0.9 <= step ? `<text class="cx-count" x="${coord(xOf(i))}" y="${coord(y0 - 4)}" text-anchor="middle" font-size="${FONT}">${c}</text>` : "") +
        "</g>",
    );
  });
  // band brackets under the axis labels: the band's name centred under its points
  const bracketY = bottom + 26;
  for (const b of bands ?? []) {
    const idx = b.points.map((p) => points.indexOf(p)).filter((i) => i >= 0);
    if (idx.length === 0) continue;
    const x0 = xOf(Math.min(...idx)) - 0.45 * step;
    const x1 = xOf(Math.max(...idx)) + 0.45 * step;
    body.push(
      `<g class="cx-band-label"><path d="M${coord(x0)},${coord(bracketY - 4)}V${coord(bracketY)}H${coord(x1)}V${coord(bracketY - 4)}" fill="none" stroke="${b.colour}" stroke-width="2"/>` +
        bandLabel(b.name, x1 - x0, (x0 + x1) / 2, bracketY + 13) +
        "</g>",
    );
  }
  // the axis label goes under the band brackets
  body.push(`<text class="cx-axis-label" x="${coord(margin.left + plotWidth / 2)}" y="${coord(bottom + 56)}" text-anchor="middle">${escapeXml(axisLabel(result))}</text>`);
  footLines.forEach((line, i) => {
    body.push(`<text class="cx-footnote" x="8" y="${coord(height - 6 - 12 * (footLines.length - 1 - i))}" font-size="${FONT - 1}">${escapeXml(line)}</text>`);
  });

  const description = options.description ?? `${summary(title, result, points, counts, bands)}; ${notShown}.`;
  return svgDocument({ title, description, width, height, body: body.join("") });
}

/** The scale points in order and their counts. */
function pointsOf(result: NpsResult | CsatResult | CesResult): { points: string[]; counts: number[] } {
  if (result.metric === "nps") return { points: result.distribution.map((_, i) => String(i)), counts: [...result.distribution] };
  const points =
    result.metric === "csat" && result.scale === "binary"
      ? ["no", "yes"]
      : range((result.scale as { min: number; max: number }).min, (result.scale as { min: number; max: number }).max).map(String);
  return { points, counts: points.map((p) => result.distribution[p] ?? 0) };
}

/** The bands, checked against the result's band counts; null when they do not match. */
function bandsOf(result: NpsResult | CsatResult | CesResult, options: DistributionChartOptions, points: string[], counts: number[]): Band[] | null {
  const countOf = (r: PointRange): number => counts.reduce((s, c, i) => s + (Number(points[i]) >= r.min && Number(points[i]) <= r.max ? c : 0), 0);
  const within = (r: PointRange): string[] => points.filter((p) => Number(p) >= r.min && Number(p) <= r.max);
  if (result.metric === "nps") {
    const { detractorMax, promoterMin } = options.bands ?? { detractorMax: 6, promoterMin: 9 };
    const d = { min: 0, max: detractorMax };
    const p = { min: promoterMin, max: 10 };
    if (countOf(d) !== result.detractors || countOf(p) !== result.promoters) return null;
    return [
      { name: "detractors", colour: BAND_COLOURS.detractor, points: within(d) },
      { name: "passives", colour: BAND_COLOURS.passive, points: within({ min: detractorMax + 1, max: promoterMin - 1 }) },
      { name: "promoters", colour: BAND_COLOURS.promoter, points: within(p) },
    ];
  }
  if (result.metric === "csat") {
    const satisfied = result.scale === "binary" ? ["yes"] : points.filter((p) => Number(p) >= result.satisfiedMin);
    return [
      { name: "not satisfied", colour: BAND_COLOURS.detractor, points: points.filter((p) => !satisfied.includes(p)) },
      { name: "satisfied", colour: BAND_COLOURS.promoter, points: satisfied },
    ];
  }
  // CES: the default ranges are those of ces(): the points on either side of the scale's midpoint
  const mid = (result.scale.min + result.scale.max) / 2;
  const high = { min: Math.floor(mid) + 1, max: result.scale.max };
  const low = { min: result.scale.min, max: Math.ceil(mid) - 1 };
  const higherEasier = result.direction === "higher-is-easier";
  const easy = options.easy ?? (higherEasier ? high : low);
  const difficult = options.difficult ?? (higherEasier ? low : high);
  if (countOf(easy) !== result.easy.count || countOf(difficult) !== result.difficult.count) return null;
  const e = within(easy);
  const d = within(difficult);
  const bands: Band[] = [
    { name: "difficult", colour: BAND_COLOURS.detractor, points: d },
    { name: "neutral", colour: BAND_COLOURS.passive, points: points.filter((p) => !e.includes(p) && !d.includes(p)) },
    { name: "easy", colour: BAND_COLOURS.promoter, points: e },
  ];
  // left to right in scale order
  return bands.filter((b) => b.points.length > 0).sort((a, b) => Number(a.points[0]) - Number(b.points[0]));
}

function axisLabel(result: NpsResult | CsatResult | CesResult): string {
  if (result.metric === "nps") return "answer (0-10)";
  if (result.metric === "csat" && result.scale === "binary") return "answer";
  const s = result.scale as { min: number; max: number };
  const hint = result.metric === "ces" ? (result.direction === "higher-is-easier" ? ", higher is easier" : ", lower is easier") : "";
  return `answer (${s.min}-${s.max}${hint})`;
}

/** The band's name under its bracket; abbreviated ("pas.") or left out (it is in the tooltips) when it does not fit. */
function bandLabel(name: string, width: number, x: number, y: number): string {
  const short = name.replace(/[a-z]{5,}/g, (w) => `${w.slice(0, 3)}.`);
  const text = [name, short].find((t) => t.length * CHAR * 0.9 <= width);
  return text === undefined ? "" : `<text x="${coord(x)}" y="${coord(y)}" text-anchor="middle" font-size="${FONT}">${escapeXml(text)}</text>`;
}

/** Join parts with "; " into lines of at most `chars` characters (a part longer than a line gets a line of its own); a full stop at the end. */
function wrap(parts: string[], chars: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 2 + part.length <= chars) lines[lines.length - 1] = `${last}; ${part}`;
    else lines.push(part);
  }
  lines[lines.length - 1] += ".";
  return lines;
}

function singular(band: string): string {
  return band.endsWith("s") ? band.slice(0, -1) : band;
}

function summary(title: string, result: NpsResult | CsatResult | CesResult, points: string[], counts: number[], bands: Band[] | null): string {
  const digits = result.metric === "ces" ? 2 : 1;
  const byBand = (bands ?? []).map((b) => {
    const c = b.points.reduce((s, p) => s + (counts[points.indexOf(p)] ?? 0), 0);
    const span = b.points.length > 1 ? `${b.points[0]}-${b.points[b.points.length - 1]}` : (b.points[0] ?? "");
    return `${c} ${b.name} (${span})`;
  });
  const score = result.score === null ? "no score" : `${result.metric.toUpperCase()} ${formatValue(result.score, digits)}`;
  return `${title} of ${result.n} answers: ${byBand.length > 0 ? `${byBand.join(", ")}; ` : ""}${score}`;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let v = a; v <= b; v++) out.push(v);
  return out;
}
