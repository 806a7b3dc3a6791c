import * as z from "zod";
import { parseInstant } from "../time/parseInstant.ts";
import { once } from "./once.ts";

/**
 * A subscription record as the churn functions read it by default (`churnRate`, `cohortRetention`, ...): other
 * columns pass through. Validated by {@link subscriptionRecordSchema}.
 *
 * @example
 * const r: SubscriptionRecord = { customerId: "acme", start: "2024-01-05", end: null, reason: null, plan: "pro" };
 * @see https://standardschema.dev
 */
export interface SubscriptionRecord {
  customerId: string | number;
  start: Date | number | string;
  end?: Date | number | string | null | undefined;
  reason?: string | null | undefined;
  [column: string]: unknown;
}

/**
 * An MRR change event as `revenueChurn` reads it by default. Validated by {@link mrrEventSchema}.
 *
 * @example
 * const e: MrrEventRecord = { customerId: 7, at: "2024-02-01T00:00Z", mrr: 99 };
 * @see https://standardschema.dev
 */
export interface MrrEventRecord {
  customerId: string | number;
  at: Date | number | string;
  mrr: number;
  [column: string]: unknown;
}

const instant = (): z.ZodType<Date | number | string> =>
  z.union([
    z.date().refine((d) => parseInstant(d) !== null, { message: "expected a date in years 1000 to 9999" }),
    z.number().refine((ms) => parseInstant(ms) !== null, { message: "expected epoch milliseconds in years 1000 to 9999" }),
    z.string().refine((s) => parseInstant(s) !== null, { message: "expected an ISO 8601 instant in years 1000 to 9999, e.g. 2024-01-05T10:00:00Z or 2024-01-05" }),
  ]);

const customerId = (): z.ZodType<string | number> => z.union([z.string().min(1), z.number()]);

/**
 * The zod schema of a {@link SubscriptionRecord}: a customer id (non-empty string or finite number), a start and an
 * optional end that `parseInstant` can read (an end before the start is refused), an optional reason. Unknown
 * columns are kept. Overlaps between a customer's subscriptions are a property of the whole input, checked by the
 * one-shot churn functions, not here. Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * subscriptionRecordSchema().safeParse({ customerId: 1, start: "2024-01-05", end: "2024-01-01" }).success // => false
 * @see DESIGN.md 6.5
 */
export const subscriptionRecordSchema: () => z.ZodType<SubscriptionRecord> = once(() =>
  z
    .looseObject({
      customerId: customerId(),
      start: instant(),
      end: instant().nullable().optional(),
      reason: z.string().nullable().optional(),
    })
    .refine((r) => r.end === null || r.end === undefined || parseInstant(r.end)! >= parseInstant(r.start)!, { path: ["end"], message: "is before the start; expected an end at or after the start" }),
);

/**
 * The zod schema of an {@link MrrEventRecord}: a customer id, an instant, and an MRR that is finite and >= 0.
 * Built on first use and cached.
 *
 * @returns a cached zod schema
 * @example
 * mrrEventSchema().safeParse({ customerId: 1, at: "2024-01-05", mrr: -3 }).success // => false
 * @see DESIGN.md 6.5
 */
export const mrrEventSchema: () => z.ZodType<MrrEventRecord> = once(() =>
  z.looseObject({
    customerId: customerId(),
    at: instant(),
    mrr: z.number().nonnegative(),
  }),
);
