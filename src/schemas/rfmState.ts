import * as z from "zod";
import type { RfmState } from "../clv/rfmSummary.ts";
import { checkTimeZone } from "../time/checkTimeZone.ts";
import { once } from "./once.ts";
import { invalidLog } from "./states.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MIN_DAY = Date.UTC(1000, 0, 1) / 86_400_000;
const MAX_DAY = Date.UTC(9999, 11, 31) / 86_400_000;
const dayOf = (label: string): number => Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10))) / 86_400_000;

/** Whether a state key is a customer id written as JSON: a quoted string, or a finite number as String() writes it. */
function isIdKey(key: string): boolean {
  if (key.startsWith('"')) {
    try {
      const s: unknown = JSON.parse(key);
      return typeof s === "string" && JSON.stringify(s) === key;
    } catch {
      return false;
    }
  }
  const n = Number(key);
  return key !== "" && Number.isFinite(n) && String(n) === key;
}

const isTimeZone = (tz: string): boolean => {
  try {
    checkTimeZone("schemas", "timeZone", tz);
    return true;
  } catch {
    return false;
  }
};

const dayLabel = (): z.ZodType<string> => z.string().regex(DAY).refine((d) => Number.isFinite(dayOf(d)) && new Date(dayOf(d) * 86_400_000).toISOString().slice(0, 10) === d, { message: "expected a calendar day YYYY-MM-DD" });

const rfmStateObject = once(() =>
  z
    .object({
      v: z.literal(1),
      kind: z.literal("rfm-summary"),
      options: z
        .strictObject({
          timeUnit: z.enum(["days", "weeks", "months"]),
          timeZone: z.string().refine(isTimeZone, { message: "expected an IANA time zone the runtime knows" }),
          observationEnd: dayLabel().nullable(),
          calibrationEnd: dayLabel().nullable(),
          monetary: z.boolean(),
          includeFirstPurchase: z.boolean(),
        })
        .refine((o) => o.observationEnd === null || o.calibrationEnd === null || o.calibrationEnd < o.observationEnd, {
          path: ["calibrationEnd"],
          message: "must be before observationEnd",
        }),
      customers: z.record(
        z.string().refine(isIdKey, { message: "expected a customer id written as JSON (a quoted string or a finite number)" }),
        z.object({
          days: z
            .array(z.int().min(MIN_DAY).max(MAX_DAY))
            .min(1)
            .refine((d) => d.every((x, i) => i === 0 || x > d[i - 1]!), { message: "must be strictly ascending" }),
          amounts: z.array(z.number()),
        }),
      ),
      transactions: z.int().nonnegative(),
      afterObservationEnd: z.int().nonnegative(),
      lastDay: z.int().nullable(),
      missing: z.int().nonnegative(),
      invalid: invalidLog(),
    })
    .superRefine((s, ctx) => {
      let latest: number | null = null;
      let total = 0;
      const end = s.options.observationEnd === null ? null : dayOf(s.options.observationEnd);
      for (const [key, c] of Object.entries(s.customers)) {
        const last = c.days[c.days.length - 1]!;
        if (c.amounts.length !== (s.options.monetary ? c.days.length : 0)) ctx.addIssue({ code: "custom", path: ["customers", key, "amounts"], message: "needs one amount per day with amounts, none without" });
        if (end !== null && last > end) ctx.addIssue({ code: "custom", path: ["customers", key, "days"], message: "holds a day after the observation end" });
        latest = latest === null ? last : Math.max(latest, last);
        total += c.days.length;
      }
      if (s.lastDay !== latest) ctx.addIssue({ code: "custom", path: ["lastDay"], message: "must be the last purchase day held (null when none)" });
      if (s.transactions < total) ctx.addIssue({ code: "custom", path: ["transactions"], message: "is fewer than the purchase days held" });
    }),
);

/**
 * The zod schema of an `rfmSummaryAggregator` state (version 1), written apart from its `fromJSON` checks and
 * tested against them (tests/schemas/rfmStateSchema.test.ts). `fromJSON` also requires the state's options to equal
 * the aggregator's; the schema checks that they are valid options. Built on first use.
 *
 * @example
 * const agg = rfmSummaryAggregator({ timeUnit: "days" });
 * const stored = JSON.stringify(agg.add(agg.empty(), { customerId: 1, at: "2024-01-01" }));
 * rfmStateSchema().parse(JSON.parse(stored)).transactions // => 1 (a typed RfmState; damage throws a ZodError naming the field)
 * rfmStateSchema().safeParse({ ...JSON.parse(stored), v: 2 }).success // => false
 * @see rfmSummaryAggregator
 */
export const rfmStateSchema: () => z.ZodType<RfmState> = rfmStateObject as () => z.ZodType<RfmState>;
