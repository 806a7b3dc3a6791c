import { sameJson } from "../_lib/sameJson.ts";
import * as z from "zod";
import type { BreakdownState } from "../aggregate/breakdown.ts";
import { INVALID_EXAMPLES } from "../_lib/invalidLog.ts";
import type { CesState } from "../survey/ces.ts";
import type { CsatState } from "../survey/csat.ts";
import type { NpsState } from "../survey/nps.ts";
import type { PeriodSpec } from "../time/periodIndexer.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { once } from "./once.ts";

/*
 * Schemas of the aggregator states. They are written independently of the core's `fromJSON` checks (which use no
 * zod) and tests/schemas/ checks that the two agree on real and damaged states. Where `fromJSON` ignores unknown
 * fields the schema strips them (z.object); where `fromJSON` compares a field as a whole with sameJson (CSAT and CES
 * options, a breakdown's period) the schema rejects unknown fields (z.strictObject).
 */

/**
 * A state of any survey metric, the inner state of {@link breakdownStateSchema}.
 *
 * @example
 * const s: SurveyState = npsAggregator().empty();
 * @see https://standardschema.dev
 */
export type SurveyState = NpsState | CsatState | CesState;

const count = (): z.ZodInt => z.int().nonnegative();
const pair = (): z.ZodTuple<[z.ZodNumber, z.ZodNumber], null> => z.tuple([z.number(), z.number()]);
const jsonScalar = (): z.ZodType<string | number | boolean | null> => z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The invalid-record log every state carries (shared with the CLV state schema). */
export const invalidLog: () => z.ZodType<{ count: number; examples: { index: number; field: string; value: string | number | boolean | null; reason: string }[] }> = once(() =>
  z
    .object({
      count: count(),
      examples: z.array(z.object({ index: count(), field: z.string(), value: jsonScalar(), reason: z.string() })).max(INVALID_EXAMPLES),
    })
    .refine((log) => log.examples.length <= log.count, { path: ["examples"], message: "holds more examples than the count of invalid records" }),
);

const scale = once(() =>
  z
    .strictObject({ min: z.int(), max: z.int() })
    .refine((s) => s.min < s.max && s.max - s.min <= 1000, { message: "expected integers { min, max } with min < max and at most 1001 points" }),
);

const pointRange = once(() => z.strictObject({ min: z.int(), max: z.int() }));

/** True when the runtime knows this IANA time zone (the check the core applies to options). */
function isTimeZone(timeZone: string): boolean {
  try {
    checkTimeZone("schemas", "timeZone", timeZone);
    return true;
  } catch {
    return false;
  }
}

const npsStateObject = once(() =>
  z
    .object({
      v: z.literal(1),
      kind: z.literal("nps"),
      options: z
        .object({ detractorMax: z.int().min(0).max(9), promoterMin: z.int().min(1).max(10), weighted: z.boolean() })
        .refine((o) => o.detractorMax < o.promoterMin, { message: "expected detractorMax < promoterMin" }),
      counts: z.array(count()).length(11),
      weights: z.object({ perPoint: z.array(pair()).length(11), squares: pair() }).nullable(),
      missing: count(),
      invalid: invalidLog(),
    })
    .refine((s) => (s.weights !== null) === s.options.weighted, { path: ["weights"], message: "must be null exactly when options.weighted is false" }),
);

const csatStateObject = once(() =>
  z
    .object({
      v: z.literal(1),
      kind: z.literal("csat"),
      options: z
        .strictObject({ scale: z.union([z.literal("binary"), scale()]), satisfiedMin: z.int() })
        .refine((o) => (o.scale === "binary" ? o.satisfiedMin === 1 : o.satisfiedMin > o.scale.min && o.satisfiedMin <= o.scale.max), {
          path: ["satisfiedMin"],
          message: "expected 1 on a binary scale, else an integer from scale.min + 1 to scale.max",
        }),
      counts: z.array(count()),
      missing: count(),
      invalid: invalidLog(),
    })
    .refine((s) => s.counts.length === (s.options.scale === "binary" ? 2 : s.options.scale.max - s.options.scale.min + 1), {
      path: ["counts"],
      message: "needs one count per scale point",
    }),
);

const cesStateObject = once(() =>
  z
    .object({
      v: z.literal(1),
      kind: z.literal("ces"),
      options: z
        .strictObject({ scale: scale(), direction: z.enum(["higher-is-easier", "lower-is-easier"]), easy: pointRange(), difficult: pointRange() })
        .superRefine((o, ctx) => {
          for (const name of ["easy", "difficult"] as const) {
            const r = o[name];
            if (r.min > r.max || r.min < o.scale.min || r.max > o.scale.max) ctx.addIssue({ code: "custom", path: [name], message: "expected a range inside the scale" });
          }
          if (o.easy.min <= o.difficult.max && o.difficult.min <= o.easy.max) ctx.addIssue({ code: "custom", path: ["easy"], message: "overlaps difficult" });
        }),
      counts: z.array(count()),
      missing: count(),
      invalid: invalidLog(),
    })
    .refine((s) => s.counts.length === s.options.scale.max - s.options.scale.min + 1, { path: ["counts"], message: "needs one count per scale point" }),
);

const periodSpecObject = once(() =>
  z.strictObject({
    unit: z.enum(["day", "isoWeek", "week", "month", "quarter", "year"]),
    timeZone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/Berlin" or "UTC"' }),
    weekStartsOn: z.literal([0, 1, 2, 3, 4, 5, 6]),
  }),
);

/**
 * The zod schema of a period spec as states and results carry it: every field present (the defaults filled in).
 *
 * @returns a cached zod schema of {@link PeriodSpec}
 * @example
 * periodSpecSchema().safeParse({ unit: "isoWeek", timeZone: "Europe/Berlin", weekStartsOn: 1 }).success // => true
 * @see https://standardschema.dev (every zod 4 schema is a Standard Schema validator)
 */
export const periodSpecSchema: () => z.ZodType<PeriodSpec> = periodSpecObject;

/**
 * The zod schema of an NPS aggregator state ({@link NpsState}): what `npsAggregator().fromJSON` accepts.
 * Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * const agg = npsAggregator();
 * npsStateSchema().safeParse(agg.add(agg.empty(), 9)).success // => true
 * npsStateSchema().safeParse({ ...agg.empty(), v: 2 }).success // => false
 * @see https://standardschema.dev
 */
export const npsStateSchema: () => z.ZodType<NpsState> = npsStateObject;

/**
 * The zod schema of a CSAT aggregator state ({@link CsatState}): counts per point of a valid scale, options as
 * `csatAggregator` writes them. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * csatStateSchema().safeParse(csatAggregator({ scale: "binary" }).empty()).success // => true
 * @see https://standardschema.dev
 */
export const csatStateSchema: () => z.ZodType<CsatState> = csatStateObject;

/**
 * The zod schema of a CES aggregator state ({@link CesState}): counts per point, non-overlapping easy and difficult
 * ranges inside the scale. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * cesStateSchema().safeParse(cesAggregator().empty()).success // => true
 * @see https://standardschema.dev
 */
export const cesStateSchema: () => z.ZodType<CesState> = cesStateObject;

const surveyStateUnion = once(() => z.discriminatedUnion("kind", [npsStateObject(), csatStateObject(), cesStateObject()]));

/**
 * The zod schema of a breakdown state over a survey metric ({@link BreakdownState} of NPS, CSAT or CES):
 * groups whose ids match their key and period, inner states of the breakdown's `options.inner` kind, all built with
 * the same options. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * const agg = breakdownAggregator(npsAggregator({ value: (r) => r.score }), { by: { channel: (r) => r.channel } });
 * breakdownStateSchema().safeParse(agg.add(agg.empty(), { channel: "chat", score: 9 })).success // => true
 * @see https://standardschema.dev
 */
export const breakdownStateSchema: () => z.ZodType<BreakdownState<SurveyState>> = once(() =>
  z
    .object({
      v: z.literal(1),
      kind: z.literal("breakdown"),
      options: z.object({
        inner: z.enum(["nps", "csat", "ces"]),
        innerOptions: z.json().describe("the options every inner state carries (its `options` field)"),
        by: z.array(z.string()).refine((by) => new Set(by).size === by.length, { message: "names a key twice" }),
        period: periodSpecObject().nullable(),
      }),
      groups: z.record(
        z.string(),
        z.object({
          key: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          period: z.object({ label: z.string(), start: z.number(), end: z.number() }).nullable(),
          state: surveyStateUnion(),
        }),
      ),
      records: count(),
      invalid: invalidLog(),
    })
    .superRefine((s, ctx) => {
      const { inner, innerOptions, by, period } = s.options;
      for (const [id, g] of Object.entries(s.groups)) {
        const at = (...path: string[]): PropertyKey[] => ["groups", id, ...path];
        for (const name of by) {
          if (!Object.hasOwn(g.key, name)) ctx.addIssue({ code: "custom", path: at("key", name), message: "is missing" });
        }
        if ((g.period === null) !== (period === null)) {
          ctx.addIssue({ code: "custom", path: at("period"), message: period ? "is missing" : "must be null without a period" });
        }
        const keyValues = by.map((name) => g.key[name]);
        if (JSON.stringify(g.period ? [...keyValues, g.period.label] : keyValues) !== id) {
          ctx.addIssue({ code: "custom", path: at(), message: "has an id that does not match its key and period" });
        }
        if (g.state.kind !== inner) ctx.addIssue({ code: "custom", path: at("state", "kind"), message: `expected "${inner}"` });
        if (!sameJson(g.state.options, innerOptions)) ctx.addIssue({ code: "custom", path: at("state", "options"), message: "differ from options.innerOptions" });
      }
    }),
);

