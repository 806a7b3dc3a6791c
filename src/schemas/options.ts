import * as z from "zod";
import type { OnInvalid } from "../aggregate/aggregator.ts";
import type { BreakdownOptions } from "../aggregate/breakdown.ts";
import { InvalidOptionError } from "../errors.ts";
import { cesAggregator, type CesOptions } from "../survey/ces.ts";
import { csatAggregator, type CsatOptions } from "../survey/csat.ts";
import { npsAggregator, type NpsOptions } from "../survey/nps.ts";
import { checkPeriodSpec } from "../time/periodIndexer.ts";
import { once } from "./once.ts";

/*
 * Schemas of the options that can be written as data (config files, CLI flags, dashboard settings): everything but
 * the accessor functions. Each field's type and range is a zod check (so it shows in the JSON Schema); the rules that
 * tie fields together (bands that overlap, satisfiedMin inside the scale, easy and difficult ranges after defaults,
 * a time zone the runtime knows) are the core's own option checks, run as a refinement, so a schema accepts exactly
 * the options the aggregator accepts. Unknown keys are rejected: in a config file they are typos.
 */

/**
 * {@link NpsOptions} without the accessors: bands, level, interval, onInvalid.
 * @example
 * npsAggregator({ ...npsOptionsSchema().parse(config), value: (r) => r.score });
 * @see https://standardschema.dev
 */
export type NpsOptionsData = Omit<NpsOptions, "value" | "weight">;
/**
 * {@link CsatOptions} without the accessor: scale, satisfiedMin, level, onInvalid.
 * @example
 * const o: CsatOptionsData = { scale: { min: 1, max: 7 }, satisfiedMin: 6 };
 * @see https://standardschema.dev
 */
export type CsatOptionsData = Omit<CsatOptions, "value">;
/**
 * {@link CesOptions} without the accessor: scale, direction, easy, difficult, level, onInvalid.
 * @example
 * const o: CesOptionsData = { direction: "lower-is-easier" };
 * @see https://standardschema.dev
 */
export type CesOptionsData = Omit<CesOptions, "value">;
/**
 * The `period` of {@link BreakdownOptions} without its `at` accessor: unit, timeZone, weekStartsOn.
 * @example
 * const p: PeriodOptionsData = { unit: "isoWeek", timeZone: "Europe/Berlin" };
 * @see https://standardschema.dev
 */
export type PeriodOptionsData = Omit<NonNullable<BreakdownOptions<unknown>["period"]>, "at">;
/**
 * {@link BreakdownOptions} without the accessors (`by` keys and `period.at`).
 * @example
 * const o: BreakdownOptionsData = { period: { unit: "month" }, complete: true };
 * @see https://standardschema.dev
 */
export interface BreakdownOptionsData {
  period?: PeriodOptionsData;
  complete?: boolean;
  onInvalid?: OnInvalid;
}

const level = (): z.ZodExactOptional<z.ZodNumber> => z.number().gt(0).lt(1).exactOptional();
const onInvalid = (): z.ZodExactOptional<z.ZodEnum<{ throw: "throw"; count: "count" }>> => z.enum(["throw", "count"]).exactOptional();
const intScale = (): z.ZodObject<{ min: z.ZodInt; max: z.ZodInt }, z.core.$strict> => z.strictObject({ min: z.int(), max: z.int() });

/** A refinement that runs the core's option check and reports its InvalidOptionError at the option's path. */
function coreCheck<T>(check: (options: T) => unknown): (options: T, ctx: z.RefinementCtx<T>) => void {
  return (options, ctx) => {
    try {
      check(options);
    } catch (e) {
      if (!(e instanceof InvalidOptionError)) throw e;
      ctx.addIssue({ code: "custom", path: e.option.split("."), message: e.message });
    }
  };
}

/**
 * The zod schema of NPS options as data ({@link NpsOptionsData}): `bands` `{ detractorMax, promoterMin }` with
 * 0 <= detractorMax < promoterMin <= 10, `level` in (0, 1), `interval` `"adjusted-wald"` or `"wald"`, `onInvalid`.
 * Accepts exactly what `npsAggregator` accepts. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * npsOptionsSchema().safeParse({ bands: { detractorMax: 6, promoterMin: 9 }, level: 0.9 }).success // => true
 * npsOptionsSchema().safeParse({ bands: { detractorMax: 8, promoterMin: 8 } }).success // => false
 * @see https://standardschema.dev
 */
export const npsOptionsSchema: () => z.ZodType<NpsOptionsData> = once(() =>
  z
    .strictObject({
      bands: z.strictObject({ detractorMax: z.int().min(0).max(9), promoterMin: z.int().min(1).max(10) }).exactOptional(),
      level: level(),
      interval: z.enum(["adjusted-wald", "wald"]).exactOptional(),
      onInvalid: onInvalid(),
    })
    .superRefine(coreCheck((o: NpsOptionsData) => npsAggregator(o))),
);

/**
 * The zod schema of CSAT options as data ({@link CsatOptionsData}): `scale` `{ min, max }` or `"binary"`,
 * `satisfiedMin` inside the scale (not with binary), `level`, `onInvalid`. Accepts exactly what `csatAggregator`
 * accepts. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * csatOptionsSchema().safeParse({ scale: { min: 1, max: 7 }, satisfiedMin: 6 }).success // => true
 * csatOptionsSchema().safeParse({ scale: "binary", satisfiedMin: 1 }).success // => false
 * @see https://standardschema.dev
 */
export const csatOptionsSchema: () => z.ZodType<CsatOptionsData> = once(() =>
  z
    .strictObject({
      scale: z.union([z.literal("binary"), intScale()]).exactOptional(),
      satisfiedMin: z.int().exactOptional(),
      level: level(),
      onInvalid: onInvalid(),
    })
    .superRefine(coreCheck((o: CsatOptionsData) => csatAggregator(o))),
);

/**
 * The zod schema of CES options as data ({@link CesOptionsData}): integer `scale`, `direction`, `easy` and
 * `difficult` ranges inside the scale that do not overlap (after defaults), `level`, `onInvalid`. Accepts exactly
 * what `cesAggregator` accepts. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * cesOptionsSchema().safeParse({ scale: { min: 1, max: 5 }, direction: "lower-is-easier" }).success // => true
 * cesOptionsSchema().safeParse({ easy: { min: 3, max: 7 } }).success // => false (overlaps difficult 1-3)
 * @see https://standardschema.dev
 */
export const cesOptionsSchema: () => z.ZodType<CesOptionsData> = once(() =>
  z
    .strictObject({
      scale: intScale().exactOptional(),
      direction: z.enum(["higher-is-easier", "lower-is-easier"]).exactOptional(),
      easy: intScale().exactOptional(),
      difficult: intScale().exactOptional(),
      level: level(),
      onInvalid: onInvalid(),
    })
    .superRefine(coreCheck((o: CesOptionsData) => cesAggregator(o))),
);

/**
 * The zod schema of breakdown options as data ({@link BreakdownOptionsData}): `period` `{ unit, timeZone?,
 * weekStartsOn? }` with an IANA zone the runtime knows, `complete`, `onInvalid`. The `by` keys and `period.at` are
 * accessors and stay in code. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * breakdownOptionsSchema().safeParse({ period: { unit: "isoWeek", timeZone: "Europe/Berlin" } }).success // => true
 * breakdownOptionsSchema().safeParse({ period: { unit: "week", timeZone: "Mars/Olympus" } }).success // => false
 * @see https://standardschema.dev
 */
export const breakdownOptionsSchema: () => z.ZodType<BreakdownOptionsData> = once(() =>
  z
    .strictObject({
      period: z
        .strictObject({
          unit: z.enum(["day", "isoWeek", "week", "month", "quarter", "year"]),
          timeZone: z.string().exactOptional(),
          weekStartsOn: z.literal([0, 1, 2, 3, 4, 5, 6]).exactOptional(),
        })
        .exactOptional(),
      complete: z.boolean().exactOptional(),
      onInvalid: onInvalid(),
    })
    .superRefine(
      coreCheck((o: BreakdownOptionsData) => o.period && checkPeriodSpec("breakdown", o.period)),
    ),
);
