import type { BetaGeoFit } from "../clv/betaGeoFit.ts";
import { conditionalExpectedPurchases } from "../clv/conditionalExpectedPurchases.ts";
import { customerLifetimeValue } from "../clv/customerLifetimeValue.ts";
import type { EstimateWithInterval } from "../clv/deltaMethod.ts";
import { fitBgNbd } from "../clv/fitBgNbd.ts";
import { fitGammaGamma, type GammaGammaFit } from "../clv/fitGammaGamma.ts";
import { probabilityAlive } from "../clv/probabilityAlive.ts";
import { expectedAverageSpend } from "../clv/expectedAverageSpend.ts";
import { rfmSummary } from "../clv/rfmSummary.ts";
import type { RfmTimeUnit } from "../clv/rfmTypes.ts";
import { cdnowSample, type CdnowPurchase } from "../datasets/cdnowSample.ts";

/** Options of {@link clvReport}: the CDNOW study design by default. */
export interface ClvReportOptions {
  /** Last day of the calibration period. Default `"1997-09-30"`. */
  calibrationEnd?: string;
  /** Last day of the holdout period. Default `"1998-06-30"`. */
  observationEnd?: string;
  /** Default `"weeks"`, as in the papers. */
  timeUnit?: RfmTimeUnit;
  /** CLV horizon in months (default 12) and monthly discount rate (default 0.01). */
  months?: number;
  discountRate?: number;
  /** What the report says the data is, when `purchases` are given. */
  dataset?: string;
}

/** Mean, minimum and maximum of a list of numbers (`null`s when the list is empty). */
export interface Spread {
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** The data of the CLV section of `cx-metrics report`: plain JSON, printed by `formatClvReport`. */
export interface ClvReport {
  dataset: string;
  timeUnit: RfmTimeUnit;
  calibrationEnd: string;
  observationEnd: string;
  rfm: {
    customers: number;
    transactions: number;
    /** Customers with at least one repeat purchase day in the calibration period. */
    repeatCustomers: number;
    frequency: Spread;
    recency: Spread;
    T: Spread;
    /** Mean repeat spend per customer with repeat purchases. */
    monetaryValue: Spread;
    /** Purchase days in the holdout, all customers. */
    holdoutPurchases: number;
    durationHoldout: number | null;
  };
  /** BG/NBD fitted on the calibration period (Fader, Hardie & Lee 2005). */
  bgNbd: BetaGeoFit;
  /** P(alive) at the calibration end over all customers; nulls when BG/NBD was not fitted. */
  probabilityAlive: Spread;
  /**
   * The holdout check: purchases each customer was expected to make in the holdout (BG/NBD conditional
   * expectation over durationHoldout) against those made, in total and by decile of the expectation (decile 1 =
   * the tenth expected to buy most); `null` when BG/NBD was not fitted.
   */
  holdout: {
    predicted: number;
    actual: number;
    byDecile: { decile: number; customers: number; meanProbabilityAlive: number; predicted: number; actual: number }[];
  } | null;
  gammaGamma: GammaGammaFit;
  /** Expected spend per transaction (Gamma-Gamma conditional expectation) over all customers; nulls when not fitted. */
  expectedSpend: Spread;
  /**
   * Discounted CLV after the calibration end (BG/NBD purchases x Gamma-Gamma spend, lifetimes' monthly form, months
   * of 30.4375 days), for the base with its delta-method interval and by decile of CLV (decile 1 = the most
   * valuable tenth); `null` when either model was not fitted.
   */
  clv: {
    months: number;
    discountRate: number;
    total: EstimateWithInterval;
    /** Whether the Gamma-Gamma estimates' uncertainty is in the interval (false: spend taken as known). */
    spendUncertainty: boolean;
    byDecile: { decile: number; customers: number; meanClv: number; shareOfTotal: number; meanProbabilityAlive: number; meanExpectedPurchases: number }[];
  } | null;
}

/**
 * The CLV section of the report: the RFM summary of a transaction log split into calibration and holdout; BG/NBD
 * fitted on the calibration period with P(alive) and the holdout check (expected against actual purchases, by
 * decile of the expectation); the Gamma-Gamma spend model with its independence check; and the discounted CLV
 * of the base and by decile (customerLifetimeValue). By default on the
 * bundled CDNOW sample with the papers' design (calibration to 1997-09-30, holdout to 1998-06-30, weeks).
 * O(transactions) plus the fit.
 *
 * @param purchases transactions `{ customerId, at, amount }`; default the bundled CDNOW sample
 * @param options calibration and observation ends, time unit
 * @returns the report data
 * @example
 * clvReport().gammaGamma.customers // => 946
 * @see rfmSummary, fitGammaGamma, cdnowSample
 */
export function clvReport(purchases?: readonly Pick<CdnowPurchase, "customerId" | "at" | "amount">[], options: ClvReportOptions = {}): ClvReport {
  const calibrationEnd = options.calibrationEnd ?? "1997-09-30";
  const observationEnd = options.observationEnd ?? "1998-06-30";
  const timeUnit = options.timeUnit ?? "weeks";
  const summary = rfmSummary(purchases ?? cdnowSample(), { amount: (p) => p.amount, timeUnit, calibrationEnd, observationEnd });
  const rows = summary.rows;
  const repeat = rows.filter((r) => r.frequency > 0);
  const gammaGamma = fitGammaGamma(summary);
  const bgNbd = fitBgNbd(summary);
  let alive: number[] = [];
  let holdout: ClvReport["holdout"] = null;
  if (bgNbd.fitted && summary.durationHoldout !== null) {
    const horizon = summary.durationHoldout;
    alive = rows.map((r) => probabilityAlive(bgNbd, r));
    const expectedHoldout = rows.map((r) => conditionalExpectedPurchases(bgNbd, r, horizon));
    const order = rows.map((_, i) => i).sort((i, j) => expectedHoldout[j]! - expectedHoldout[i]! || i - j);
    const byDecile = deciles(order).map((members, d) => {
      const sum = (f: (i: number) => number): number => members.reduce((acc, i) => acc + f(i), 0);
      return {
        decile: d + 1,
        customers: members.length,
        meanProbabilityAlive: members.length === 0 ? 0 : sum((i) => alive[i]!) / members.length,
        predicted: sum((i) => expectedHoldout[i]!),
        actual: sum((i) => rows[i]!.frequencyHoldout ?? 0),
      };
    });
    holdout = { predicted: expectedHoldout.reduce((a, b) => a + b, 0), actual: rows.reduce((a, r) => a + (r.frequencyHoldout ?? 0), 0), byDecile };
  }
  const expected = gammaGamma.fitted && gammaGamma.q > 1 ? rows.map((r) => expectedAverageSpend(gammaGamma, r.frequency, r.monetaryValue ?? 0)) : [];
  let clv: ClvReport["clv"] = null;
  if (bgNbd.fitted && gammaGamma.fitted && gammaGamma.q > 1 && rows.length > 0) {
    const months = options.months ?? 12;
    const discountRate = options.discountRate ?? 0.01;
    const values = customerLifetimeValue(bgNbd, summary, { spend: gammaGamma, months, discountRate });
    const total = values.total.value;
    const order = values.customers.map((_, i) => i).sort((i, j) => values.customers[j]!.clv.value - values.customers[i]!.clv.value || i - j);
    const byDecile = deciles(order).map((members, d) => {
      const mean = (f: (i: number) => number): number => members.reduce((acc, i) => acc + f(i), 0) / members.length;
      return {
        decile: d + 1,
        customers: members.length,
        meanClv: mean((i) => values.customers[i]!.clv.value),
        shareOfTotal: total > 0 ? (mean((i) => values.customers[i]!.clv.value) * members.length) / total : 0,
        meanProbabilityAlive: mean((i) => alive[i] ?? 0),
        meanExpectedPurchases: mean((i) => values.customers[i]!.expectedPurchases),
      };
    });
    clv = { months, discountRate, total: values.total, spendUncertainty: values.spendUncertainty, byDecile };
  }
  return {
    dataset: purchases === undefined ? "the bundled CDNOW sample (Fader, Hardie & Lee 2005: 1/10 of the customers who first bought in 1997 Q1)" : (options.dataset ?? "the given transactions"),
    timeUnit,
    calibrationEnd: summary.calibrationEnd ?? calibrationEnd,
    observationEnd: summary.observationEnd ?? observationEnd,
    rfm: {
      customers: summary.customers,
      transactions: summary.transactions,
      repeatCustomers: repeat.length,
      frequency: spread(rows.map((r) => r.frequency)),
      recency: spread(rows.map((r) => r.recency)),
      T: spread(rows.map((r) => r.T)),
      monetaryValue: spread(repeat.map((r) => r.monetaryValue!)),
      holdoutPurchases: rows.reduce((s, r) => s + (r.frequencyHoldout ?? 0), 0),
      durationHoldout: summary.durationHoldout,
    },
    bgNbd,
    probabilityAlive: spread(alive),
    holdout,
    gammaGamma,
    expectedSpend: spread(expected),
    clv,
  };
}

/** Ten consecutive groups of near-equal size (empty groups left out, so fewer than 10 customers give fewer groups). */
function deciles(order: readonly number[]): number[][] {
  return Array.from({ length: 10 }, (_, d) => order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10))).filter((g) => g.length > 0);
}

function spread(xs: readonly number[]): Spread {
  if (xs.length === 0) return { mean: null, min: null, max: null };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { mean: sum / xs.length, min, max };
}
