import { generateSurveyColumns, SAMPLE_CHANNELS, SAMPLE_REGIONS, SAMPLE_TOUCHPOINTS, type SurveySampleOptions } from "./generateSurveyColumns.ts";

/** One survey answer of the sample. Scores are null when the respondent skipped the question. */
export interface SurveyAnswer {
  id: number;
  /** ISO 8601 instant in UTC. */
  at: string;
  channel: string;
  touchpoint: string;
  region: string;
  /** 0-10 likelihood to recommend, or null. */
  nps: number | null;
  /** 1-5 satisfaction, or null. */
  csat: number | null;
  /** 1-7 ease (7 = very easy), or null. */
  ces: number | null;
}

/**
 * The same seeded sample as {@link generateSurveyColumns}, as plain records (ISO instants, labels, null for skipped).
 *
 * @example
 * generateSurveySample({ seed: 1, count: 2 })[0].channel // => one of "email", "chat", "phone", "web", "app"
 * @see generateSurveyColumns
 */
export function generateSurveySample(options: SurveySampleOptions = {}): SurveyAnswer[] {
  const c = generateSurveyColumns(options);
  const out: SurveyAnswer[] = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    out[i] = {
      id: i + 1,
      at: new Date(c.at[i]!).toISOString(),
      channel: SAMPLE_CHANNELS[c.channel[i]!]!,
      touchpoint: SAMPLE_TOUCHPOINTS[c.touchpoint[i]!]!,
      region: SAMPLE_REGIONS[c.region[i]!]!,
      nps: nullIfNaN(c.nps[i]!),
      csat: nullIfNaN(c.csat[i]!),
      ces: nullIfNaN(c.ces[i]!),
    };
  }
  return out;
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
