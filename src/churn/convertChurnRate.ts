import { InvalidOptionError } from "../errors.ts";

/** Periods a churn rate can be converted between. */
export type ChurnRateUnit = "week" | "month" | "quarter" | "year";

/** Length of each unit in months (a year = 12 months = 4 quarters = 52.1775 weeks: 365.2425 / 7). */
const MONTHS: Record<ChurnRateUnit, number> = { week: 12 / (365.2425 / 7), month: 1, quarter: 3, year: 12 };

/**
 * Convert a churn rate between period lengths, assuming the same retention in every sub-period (compounding):
 *
 *   retention over k periods = (1 - rate)^k
 *   annual = 1 - (1 - monthly)^12        monthly = 1 - (1 - annual)^(1/12)
 *   in general: to = 1 - (1 - from)^(months(to unit) / months(from unit)); a year has 365.2425 / 7 weeks.
 *
 * Not for customer-days rates (a rate per 30 customer-days is not a proportion). O(1).
 *
 * @param rate a churn rate, a fraction in [0, 1]
 * @param options `{ from: "month", to: "year" }`
 * @returns the rate over the other period, a fraction in [0, 1]
 * @example
 * convertChurnRate(0.05, { from: "month", to: "year" }) // => 0.4596...
 * convertChurnRate(0.4596399, { from: "year", to: "month" }) // => 0.05
 * @see ChartMogul, "Churn rate": annual churn from monthly churn compounds, 1 - (1 - monthly)^12
 */
export function convertChurnRate(rate: number, options: { from: ChurnRateUnit; to: ChurnRateUnit }): number {
  const { from, to } = options;
  for (const [name, u] of [["from", from], ["to", to]] as const) {
    if (!Object.prototype.hasOwnProperty.call(MONTHS, u)) throw new InvalidOptionError("convertChurnRate", name, `is ${JSON.stringify(u)}, expected "week", "month", "quarter" or "year"`);
  }
  if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
    throw new InvalidOptionError("convertChurnRate", "rate", `is ${JSON.stringify(rate)}, expected a fraction from 0 to 1 (5% is 0.05)`);
  }
  if (from === to) return rate;
  // 1 - (1 - r)^k through log1p/expm1: accurate for tiny rates
  return -Math.expm1((MONTHS[to] / MONTHS[from]) * Math.log1p(-rate));
}
