import { CDNOW_SAMPLE_DATA } from "./cdnowSampleData.ts";

/** One purchase of the CDNOW sample. */
export interface CdnowPurchase {
  /** The customer's id in the 1/10 sample, 1..2357 (the `ID` of lifetimes' cdnow_customers_summary.csv). */
  customerId: number;
  /** The customer's id in the full CDNOW master file (1..23570). */
  masterId: number;
  /** Purchase date, `YYYY-MM-DD` (no time: 00:00 in whatever zone the summary uses). */
  at: string;
  /** Number of CDs bought. */
  cds: number;
  /** Dollar value of the purchase. */
  amount: number;
}

const DAY_MS = 86_400_000;
const START = Date.UTC(1997, 0, 1);

/**
 * The CDNOW sample: every purchase (6,919) of the 2,357 customers in the 1/10 sample of the cohort who first bought
 * at CDNOW in the first quarter of 1997, to the end of June 1998. The data set of Fader, Hardie & Lee (2005) and of
 * most BTYD/CLV software since; calibration 1997-01-01 to 1997-09-30 (39 weeks), holdout to 1998-06-30.
 *
 * Shipped inside the package as a compact base-36 string (about 67 KB, in its own module, so bundles that do not
 * call this function leave it out), decoded on each call into a new array (O(rows), about a millisecond).
 * Layout, per customer in sample-id order: master id (3 digits), rows (2), then per row days since 1997-01-01 (2),
 * CDs (2) and cents (4).
 *
 * Source and licence: CDNOW_sample.txt as distributed with the MIT-licensed Python package lifetimes
 * (lifetimes/datasets/, Copyright (c) 2015 Cameron Davidson-Pilon), which took it from Bruce Hardie's web site
 * (http://www.brucehardie.com/datasets/), where Fader and Hardie make it available for research and teaching.
 *
 * @returns the purchases, ordered by customer and date as in the original file
 * @example
 * const purchases = cdnowSample();
 * purchases.length // => 6919
 * purchases[0] // => { customerId: 1, masterId: 4, at: "1997-01-01", cds: 2, amount: 29.33 }
 * rfmSummary(purchases, { amount: (p) => p.amount, timeUnit: "weeks", observationEnd: "1997-09-30" }).rows[0].T // => 38.857...
 * @see Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way: an alternative to the Pareto/NBD model. Marketing Science 24(2), 275-284.
 * @see https://github.com/CamDavidsonPilon/lifetimes (lifetimes/datasets/CDNOW_sample.txt, MIT licence)
 */
export function cdnowSample(): CdnowPurchase[] {
  const s = CDNOW_SAMPLE_DATA;
  const out: CdnowPurchase[] = [];
  const read = (at: number, width: number): number => parseInt(s.slice(at, at + width), 36);
  let i = 0;
  for (let customerId = 1; i < s.length; customerId++) {
    const masterId = read(i, 3);
    const rows = read(i + 3, 2);
    i += 5;
    for (let k = 0; k < rows; k++, i += 8) {
      out.push({
        customerId,
        masterId,
        at: new Date(START + read(i, 2) * DAY_MS).toISOString().slice(0, 10),
        cds: read(i + 2, 2),
        amount: read(i + 4, 4) / 100,
      });
    }
  }
  return out;
}
