import { generateSurveyColumns, SAMPLE_CHANNELS, SAMPLE_TOUCHPOINTS, type SurveySampleOptions } from "./generateSurveyColumns.ts";
import { seededRandom } from "./seededRandom.ts";

/** Customer segments of the survey CSV, in code order. */
export const SAMPLE_SEGMENTS: readonly string[] = ["consumer-new", "consumer-loyal", "smb-new", "smb-loyal", "midmarket-new", "midmarket-loyal", "enterprise-new", "enterprise-loyal"];
const SEGMENT_WEIGHTS = [0.22, 0.18, 0.14, 0.12, 0.1, 0.09, 0.08, 0.07];
const DAY = 86_400_000;

/**
 * The seeded survey sample ({@link generateSurveyColumns}) as CSV text, in chunks of about 64k rows: a header
 * `id,at,segment,channel,touchpoint,nps,csat,ces`, instants in UTC to the second (`2025-03-04T10:22:31Z`),
 * a customer segment per answer (8 labels drawn with `seededRandom(seed + 1)`, 22 % down to 7 %), and an empty
 * field for a skipped question. The same seed gives the same bytes on every runtime.
 * O(count) time; memory: the columns (about 43 bytes a row) plus one chunk.
 *
 * @param options seed (default 2025), count (default 20,000) and year (default 2025)
 * @returns chunks of CSV text; joined, one file with a final line break
 * @example
 * [...surveyCsvChunks({ seed: 1, count: 2 })].join("").split("\n")[0] // => "id,at,segment,channel,touchpoint,nps,csat,ces"
 * @see RFC 4180
 */
export function* surveyCsvChunks(options: SurveySampleOptions = {}): Generator<string, void, undefined> {
  const c = generateSurveyColumns(options);
  const rng = seededRandom((options.seed ?? 2025) + 1);
  const two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
  const score = (x: number): string => (Number.isNaN(x) ? "" : String(x));
  let dayIndex = NaN;
  let dayPrefix = "";
  let lines: string[] = ["id,at,segment,channel,touchpoint,nps,csat,ces"];
  for (let i = 0; i < c.length; i++) {
    const ms = c.at[i]!;
    const d = Math.floor(ms / DAY);
    if (d !== dayIndex) {
      dayIndex = d;
      dayPrefix = new Date(d * DAY).toISOString().slice(0, 11);
    }
    const s = Math.floor((ms - d * DAY) / 1000);
    const at = `${dayPrefix}${two[Math.floor(s / 3600)]}:${two[Math.floor(s / 60) % 60]}:${two[s % 60]}Z`;
    const segment = SAMPLE_SEGMENTS[rng.pick(SEGMENT_WEIGHTS)]!;
    lines.push(`${i + 1},${at},${segment},${SAMPLE_CHANNELS[c.channel[i]!]},${SAMPLE_TOUCHPOINTS[c.touchpoint[i]!]},${score(c.nps[i]!)},${score(c.csat[i]!)},${score(c.ces[i]!)}`);
    if (lines.length === 65_536) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}
