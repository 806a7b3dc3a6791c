import { InvalidOptionError } from "../errors.ts";

/** The inputs of {@link simpleClv}: one of three textbook forms, chosen by `method`. Rates are fractions per period. */
export type SimpleClvInput =
  | {
      /** ARPU x gross margin / churn rate (the SaaS form). */
      method: "churn";
      /** Average revenue per user per period (e.g. per month), >= 0. */
      arpu: number;
      /** Gross margin as a fraction from 0 to 1 (0.8 for 80%). */
      grossMargin: number;
      /** Share of customers lost per period, in (0, 1] (0 would be an infinite lifetime). */
      churnRate: number;
    }
  | {
      /** Average order value x purchase frequency x lifespan (x gross margin), the retail form. */
      method: "lifespan";
      /** Mean amount per order, >= 0. */
      averageOrderValue: number;
      /** Orders per customer per period (e.g. per year), >= 0. */
      purchaseFrequency: number;
      /** Customer lifespan in the same periods, >= 0. */
      lifespan: number;
      /** Gross margin as a fraction from 0 to 1. Default 1 (a revenue CLV). */
      grossMargin?: number;
    }
  | {
      /** m (1 + d) / (1 + d - r): margin per period, received now and each period while retained, discounted. */
      method: "discounted";
      /** Margin per customer per period (any finite amount). */
      margin: number;
      /** Retention rate per period, from 0 to 1. */
      retentionRate: number;
      /** Discount rate per period, >= 0 (with retention 1 it must be > 0). */
      discountRate: number;
    };

/** The result of {@link simpleClv}: plain JSON. */
export interface SimpleClvResult {
  method: "churn" | "lifespan" | "discounted";
  /** Customer lifetime value, in the currency of the inputs. */
  clv: number;
  /** CLV divided by the margin of one period: 1 / churn, frequency x lifespan, or (1 + d) / (1 + d - r). */
  marginMultiple: number;
  /**
   * Expected lifetime in periods: 1 / churn, the given lifespan, or 1 / (1 - r) undiscounted (the current
   * period included); `null` when retention is 1 (never ends).
   */
  expectedLifetime: number | null;
}

const KIND = "simpleClv";

/**
 * Customer lifetime value from summary figures, in one of three textbook forms:
 *
 *   churn:       CLV = ARPU * grossMargin / churnRate                  (expected lifetime 1 / churn periods)
 *   lifespan:    CLV = averageOrderValue * purchaseFrequency * lifespan * grossMargin
 *   discounted:  CLV = m * (1 + d) / (1 + d - r)  = m * sum_{t>=0} r^t / (1 + d)^t
 *                (margin m received now and at the start of every period the customer is retained)
 *
 * For a customer whose first margin is a period away use m * r / (1 + d - r) = the discounted result - m.
 * All rates are fractions per period (0.05, not 5) and every input must use the same period. O(1).
 * Invalid inputs throw InvalidOptionError instead of giving Infinity or NaN: a churn rate of 0 or above 1, a
 * margin above 1, a negative revenue, retention 1 with no discount.
 *
 * @param input the method and its figures
 * @returns the CLV, its margin multiple and the expected lifetime
 * @example
 * simpleClv({ method: "churn", arpu: 250, grossMargin: 0.65, churnRate: 0.04 }).clv // => 4062.5
 * simpleClv({ method: "lifespan", averageOrderValue: 70, purchaseFrequency: 3, lifespan: 3, grossMargin: 0.3 }).clv // => 189
 * simpleClv({ method: "discounted", margin: 100, retentionRate: 0.8, discountRate: 0.1 }).clv // => 366.66...
 * @see Gupta, S. & Lehmann, D. R. (2003). Customers as assets. Journal of Interactive Marketing 17(1), 9-24.
 * @see Farris, P. W., Bendle, N. T., Pfeifer, P. E. & Reibstein, D. J. (2010). Marketing Metrics, 2nd ed., ch. 5 (CLV).
 * @see Skok, D. "SaaS Metrics 2.0" (LTV = ARPA x gross margin % / churn rate).
 */
export function simpleClv(input: SimpleClvInput): SimpleClvResult {
  if (input === null || typeof input !== "object") throw new InvalidOptionError(KIND, "input", `is ${JSON.stringify(input)}, expected an object with a method`);
  switch (input.method) {
    case "churn": {
      const arpu = atLeastZero("arpu", input.arpu);
      const gm = fraction("grossMargin", input.grossMargin);
      const churn = input.churnRate;
      if (typeof churn !== "number" || !(churn > 0 && churn <= 1)) {
        throw new InvalidOptionError(KIND, "churnRate", `is ${JSON.stringify(churn)}, expected a fraction in (0, 1] per period (0.05 for 5%); 0 would mean customers never leave`);
      }
      return { method: "churn", clv: (arpu * gm) / churn, marginMultiple: 1 / churn, expectedLifetime: 1 / churn };
    }
    case "lifespan": {
      const aov = atLeastZero("averageOrderValue", input.averageOrderValue);
      const f = atLeastZero("purchaseFrequency", input.purchaseFrequency);
      const life = atLeastZero("lifespan", input.lifespan);
      const gm = fraction("grossMargin", input.grossMargin ?? 1);
      return { method: "lifespan", clv: aov * f * life * gm, marginMultiple: f * life, expectedLifetime: life };
    }
    case "discounted": {
      const m = input.margin;
      if (typeof m !== "number" || !Number.isFinite(m)) throw new InvalidOptionError(KIND, "margin", `is ${JSON.stringify(m)}, expected a finite amount per period`);
      const r = fraction("retentionRate", input.retentionRate);
      const d = atLeastZero("discountRate", input.discountRate);
      if (r === 1 && d === 0) throw new InvalidOptionError(KIND, "discountRate", "is 0 with retention 1: the value would be infinite; give a discount rate > 0 or a retention below 1");
      const multiple = (1 + d) / (1 + d - r);
      return { method: "discounted", clv: m * multiple, marginMultiple: multiple, expectedLifetime: r === 1 ? null : 1 / (1 - r) };
    }
    default:
      throw new InvalidOptionError(KIND, "method", `is ${JSON.stringify((input as { method?: unknown }).method)}, expected "churn", "lifespan" or "discounted"`);
  }
}

function atLeastZero(name: string, x: unknown): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < 0) throw new InvalidOptionError(KIND, name, `is ${JSON.stringify(x)}, expected a finite number >= 0`);
  return x;
}

function fraction(name: string, x: unknown): number {
  if (typeof x !== "number" || !(x >= 0 && x <= 1)) throw new InvalidOptionError(KIND, name, `is ${JSON.stringify(x)}, expected a fraction from 0 to 1 (0.8 for 80%)`);
  return x;
}
