import * as z from "zod";
import type { SurveyAnswer } from "../sample/generateSurveySample.ts";
import { parseInstant } from "../time/parseInstant.ts";
import { once } from "./once.ts";

/**
 * A survey answer as it arrives from a file, a queue or an API: a score, when it was given, and segment fields.
 * Other columns pass through unchanged. Validated by {@link surveyRecordSchema}.
 *
 * @example
 * const r: SurveyRecord = { score: 9, answeredAt: "2024-01-05T10:00Z", channel: "chat", comment: "fast" };
 * @see https://standardschema.dev
 */
export interface SurveyRecord {
  /** The answer on its scale (NPS 0-10, CSAT 1-5, CES 1-7, ...); `null` when the question was skipped. */
  score: number | null;
  /** When the answer was given: a Date, epoch milliseconds, or an ISO 8601 string (read in UTC without an offset). */
  answeredAt: Date | number | string;
  channel?: string | null | undefined;
  touchpoint?: string | null | undefined;
  product?: string | null | undefined;
  region?: string | null | undefined;
  agent?: string | null | undefined;
  /** A non-negative survey weight (NPS checks its own range when it reads it). */
  weight?: number | undefined;
  /** Any other column. */
  [column: string]: unknown;
}

const segment = (): z.ZodOptional<z.ZodNullable<z.ZodString>> => z.string().nullable().optional();

/**
 * The zod schema of a {@link SurveyRecord}: a finite score or null, an instant that `parseInstant` can read
 * (a valid Date, finite epoch milliseconds, or an ISO 8601 string such as `2024-03-31T02:30+02:00` or `2024-03-31`),
 * optional segment fields (string or null) and an optional non-negative weight. Unknown columns are kept.
 * The score is not checked against a scale here: the metric's aggregator does that and counts or throws.
 * Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * surveyRecordSchema().safeParse({ score: 9, answeredAt: "2024-01-05T10:00Z", channel: "chat" }).success // => true
 * surveyRecordSchema().safeParse({ score: 9, answeredAt: "05/01/2024" }).success // => false
 * @see https://standardschema.dev
 */
export const surveyRecordSchema: () => z.ZodType<SurveyRecord> = once(() =>
  z.looseObject({
    score: z.number().nullable(),
    answeredAt: z.union([
      z.date().refine((d) => parseInstant(d) !== null, { message: "expected a date in years 1000 to 9999" }),
      z.number().refine((ms) => parseInstant(ms) !== null, { message: "expected epoch milliseconds in years 1000 to 9999" }),
      z.string().refine((s) => parseInstant(s) !== null, { message: "expected an ISO 8601 instant in years 1000 to 9999, e.g. 2024-01-05T10:00:00Z or 2024-01-05" }),
    ]),
    channel: segment(),
    touchpoint: segment(),
    product: segment(),
    region: segment(),
    agent: segment(),
    weight: z.number().nonnegative().optional(),
  }),
);

/**
 * The zod schema of a {@link SurveyAnswer} of `generateSurveySample`: a positive integer id, a UTC ISO 8601 instant,
 * channel, touchpoint and region labels, and NPS 0-10, CSAT 1-5 and CES 1-7 integer answers (null when skipped).
 * Unknown fields are stripped. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * surveyAnswerSchema().safeParse(generateSurveySample({ count: 1 })[0]).success // => true
 * @see https://standardschema.dev
 */
export const surveyAnswerSchema: () => z.ZodType<SurveyAnswer> = once(() =>
  z.object({
    id: z.int().positive(),
    at: z.iso.datetime(),
    channel: z.string(),
    touchpoint: z.string(),
    region: z.string(),
    nps: z.int().min(0).max(10).nullable(),
    csat: z.int().min(1).max(5).nullable(),
    ces: z.int().min(1).max(7).nullable(),
  }),
);
