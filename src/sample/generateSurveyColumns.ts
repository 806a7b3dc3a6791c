import { seededRandom } from "./seededRandom.ts";

/** Channels of the sample, in code order. */
export const SAMPLE_CHANNELS: readonly string[] = ["email", "chat", "phone", "web", "app"];
/** Touchpoints (steps of the customer journey) of the sample, in code order. */
export const SAMPLE_TOUCHPOINTS: readonly string[] = ["website", "onboarding", "support", "billing", "delivery"];
/** Regions of the sample, in code order. */
export const SAMPLE_REGIONS: readonly string[] = ["EMEA", "AMER", "APAC"];

/** The sample as typed columns (codes index SAMPLE_CHANNELS, SAMPLE_TOUCHPOINTS, SAMPLE_REGIONS; NaN = skipped). */
export interface SurveyColumns {
  length: number;
  at: Float64Array;
  channel: Uint8Array;
  touchpoint: Uint8Array;
  region: Uint8Array;
  nps: Float64Array;
  csat: Float64Array;
  ces: Float64Array;
}

/** Options of {@link generateSurveySample}. */
export interface SurveySampleOptions {
  /** Seed of the generator (default 2025). */
  seed?: number;
  /** Number of answers (default 20,000). */
  count?: number;
  /** Calendar year the answers span, in UTC (default 2025). */
  year?: number;
}

const CHANNEL_WEIGHT = [0.3, 0.25, 0.15, 0.2, 0.1];
const TOUCHPOINT_WEIGHT = [0.25, 0.15, 0.3, 0.15, 0.15];
const REGION_WEIGHT = [0.45, 0.35, 0.2];
const CHANNEL_EFFECT = [0.1, -0.35, -0.1, 0.15, 0.3];
const TOUCHPOINT_EFFECT = [0.25, 0.1, -0.05, 0.0, 0.15];
const REGION_EFFECT = [0.0, 0.1, -0.1];

/**
 * A realistic, seeded year of survey answers as typed columns, sorted by time: channels, touchpoints and regions
 * with their own levels, weekday-heavy timing, about 3 % skipped questions, and two drifts a report shows:
 * chat improves steadily through the year (+1.2 latent points), billing gets worse from April on (-0.9).
 * Answers share a latent satisfaction u ~ N(mu, 1); NPS, CSAT and CES are u cut into their scales with noise.
 * O(count) time and memory. The same seed gives the same data on every runtime.
 *
 * @example
 * generateSurveyColumns({ seed: 1, count: 3 }).length // => 3
 * @see seededRandom
 */
export function generateSurveyColumns(options: SurveySampleOptions = {}): SurveyColumns {
  const seed = options.seed ?? 2025;
  const count = options.count ?? 20_000;
  const year = options.year ?? 2025;
  const rng = seededRandom(seed);
  const from = Date.UTC(year, 0, 1);
  const span = Date.UTC(year + 1, 0, 1) - from;
  const cols: SurveyColumns = {
    length: count,
    at: new Float64Array(count),
    channel: new Uint8Array(count),
    touchpoint: new Uint8Array(count),
    region: new Uint8Array(count),
    nps: new Float64Array(count),
    csat: new Float64Array(count),
    ces: new Float64Array(count),
  };
  // Sorted times: uniform order statistics by a running sum of exponential gaps, thinned towards weekdays.
  let t = 0;
  const gaps = new Float64Array(count + 1);
  let total = 0;
  for (let i = 0; i <= count; i++) total += gaps[i] = -Math.log(1 - rng.next());
  for (let i = 0; i < count; i++) {
    t += gaps[i]!;
    let ms = from + Math.floor((t / total) * span);
    const day = new Date(ms).getUTCDay();
    if ((day === 0 || day === 6) && rng.next() < 0.5) ms -= 2 * 86_400_000; // move half of weekend answers to Thursday/Friday
    if (ms < from) ms += 7 * 86_400_000;
    cols.at[i] = ms;
  }
  cols.at.sort();
  for (let i = 0; i < count; i++) {
    const ch = rng.pick(CHANNEL_WEIGHT);
    const tp = rng.pick(TOUCHPOINT_WEIGHT);
    const rg = rng.pick(REGION_WEIGHT);
    const progress = (cols.at[i]! - from) / span;
    let mu = 0.55 + CHANNEL_EFFECT[ch]! + TOUCHPOINT_EFFECT[tp]! + REGION_EFFECT[rg]!;
    if (ch === 1) mu += 1.2 * progress; // chat improves through the year
    if (tp === 3 && progress > 0.25) mu -= 0.9 * Math.min(1, (progress - 0.25) / 0.5); // billing worsens from April
    const u = mu + rng.normal();
    cols.channel[i] = ch;
    cols.touchpoint[i] = tp;
    cols.region[i] = rg;
    cols.nps[i] = rng.next() < 0.03 ? NaN : clampRound(7.3 + 2.1 * u + 0.8 * rng.normal(), 0, 10);
    cols.csat[i] = rng.next() < 0.04 ? NaN : clampRound(3.7 + 0.9 * u + 0.45 * rng.normal(), 1, 5);
    cols.ces[i] = rng.next() < 0.05 ? NaN : clampRound(5.0 + 1.1 * u + 0.7 * rng.normal(), 1, 7);
  }
  return cols;
}

function clampRound(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(x)));
}
