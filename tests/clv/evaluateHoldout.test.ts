/**
 * evaluateHoldout on CDNOW: calibration 1997-01-01..1997-09-30, holdout to 1998-06-30 (39 weeks), as FHL (2005)
 * section 5. The actual figures are counted here straight from CDNOW_sample.txt (purchase days, the first one of
 * each customer left out), not taken from the code under test; the predictions are checked against the public
 * conditionalExpectedPurchases / expectedPurchases. We found no published table of the paper's figure 2-4
 * numbers to test against; the calibration-period tracking is checked to follow the actual cumulative repeat
 * purchases within 3% (figure 2 of the paper shows the model on top of the data there).
 */
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, evaluateHoldout, expectedPurchases, fitBgNbd, rfmSummary } from "../../src/index.ts";
import { readCdnowSample } from "./cdnowFiles.ts";

const transactions = readCdnowSample();
const split = rfmSummary(transactions, { amount: (t) => t.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
const fit = fitBgNbd(split);
const dayNumber = (s: string): number => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 864e5;
const calibrationEnd = dayNumber("1997-09-30");
const days = new Map<number, Set<string>>();
for (const t of transactions) {
  let s = days.get(t.customerId);
  if (!s) days.set(t.customerId, (s = new Set()));
  s.add(t.at);
}
const repeatTimes: number[] = [];
const holdoutByCustomer = new Map<number, number>();
const firstDay = new Map<number, string>();
for (const [id, s] of days) {
  const sorted = [...s].sort();
  firstDay.set(id, sorted[0]!);
  for (const d of sorted.slice(1)) {
    repeatTimes.push((dayNumber(d) - calibrationEnd) / 7);
    if (d > "1997-09-30") holdoutByCustomer.set(id, (holdoutByCustomer.get(id) ?? 0) + 1);
  }
}
const ev = evaluateHoldout(fit, split, { tracking: { repeatPurchaseTimes: repeatTimes } });

describe("evaluateHoldout on CDNOW", () => {
  it("counts the actual holdout purchases per calibration-frequency group (0..6, 7+) and in total", () => {
    expect(ev.groups.map((g) => g.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    const want = new Array<number>(8).fill(0);
    const sizes = new Array<number>(8).fill(0);
    split.rows.forEach((r) => {
      want[Math.min(r.frequency, 7)]! += holdoutByCustomer.get(r.customerId as number) ?? 0;
      sizes[Math.min(r.frequency, 7)]! += 1;
    });
    expect(ev.groups.map((g) => g.actualTotal)).toEqual(want);
    expect(ev.groups.map((g) => g.customers)).toEqual(sizes);
    expect(ev.total.actual).toBe([...holdoutByCustomer.values()].reduce((a, b) => a + b, 0));
    expect(ev.holdoutLength).toBeCloseTo(39, 12);
  });

  it("matches a count made outside TypeScript: customers and holdout purchase days per calibration-frequency group", () => {
    // Counted with awk straight from ../shared/data/cdnow/CDNOW_sample.txt (distinct customer-dates; calibration
    // <= 19970930 < holdout <= 19980630; group = calibration days - 1, capped at 7):
    //   awk '{d[$2" "$3]=1} END {for (k in d) {split(k,a," "); if (a[2]<=19970930) cal[a[1]]++; else if (a[2]<=19980630) ho[a[1]]++}
    //        for (c in cal) {x=cal[c]-1; if (x>7) x=7; g[x]++; h[x]+=ho[c]} for (x=0;x<=7;x++) print x, g[x], h[x]}'
    // and the repeat purchase days to 19980630: 6696 distinct customer-dates - 2357 first ones = 4339 (2457 of them
    // in the calibration period, 1882 in the holdout).
    expect(ev.groups.map((g) => g.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(ev.groups.map((g) => g.actualTotal)).toEqual([334, 306, 298, 156, 157, 112, 112, 407]);
    expect(ev.total.actual).toBe(1882);
    expect(ev.customers).toBe(2357);
    expect(ev.tracking!.periods.at(-1)!.actualCumulative).toBe(4339);
  });

  it("predicts with the conditional expectation over the 39-week holdout, with MAE, RMSE and the total's % error", () => {
    let predicted = 0;
    let abs = 0;
    let sq = 0;
    for (const r of split.rows) {
      const e = conditionalExpectedPurchases(fit, r, 39);
      const y = holdoutByCustomer.get(r.customerId as number) ?? 0;
      predicted += e;
      abs += Math.abs(e - y);
      sq += (e - y) ** 2;
    }
    expect(Math.abs(ev.total.predicted / predicted - 1)).toBeLessThan(1e-9);
    expect(Math.abs(ev.mae! - abs / 2357)).toBeLessThan(1e-9);
    expect(Math.abs(ev.rmse! - Math.sqrt(sq / 2357))).toBeLessThan(1e-9);
    expect(ev.total.percentError).toBeCloseTo((100 * (ev.total.predicted - ev.total.actual)) / ev.total.actual, 9);
    const g2 = ev.groups[2]!;
    expect(g2.predictedMean! * g2.customers).toBeCloseTo(g2.predictedTotal, 9);
  });

  it("tracking: weekly periods from 1997-01-01 to the holdout end, actual counts from the file, predicted sum of E[X(age)]", () => {
    const periods = ev.tracking!.periods;
    expect(periods).toHaveLength(78);
    expect(periods[periods.length - 1]!.end).toBeCloseTo(39, 12);
    expect(periods[periods.length - 1]!.actualCumulative).toBe(repeatTimes.length);
    // predicted cumulative at the holdout end: every customer's E[X] at her age then
    let want = 0;
    for (const r of split.rows) want += expectedPurchases(fit, r.T + 39);
    expect(Math.abs(periods[periods.length - 1]!.predictedCumulative / want - 1)).toBeLessThan(1e-9);
    let inc = 0;
    for (const p of periods) inc += p.predicted;
    expect(Math.abs(inc / want - 1)).toBeLessThan(1e-9);
    // at the calibration end (the period that contains tau = 0 ends 1/7 week later, when 1997-10-01's purchases
    // start the next one), actual vs model within 3%
    const atCalibrationEnd = periods.find((p) => p.start <= 0 && p.end > 0)!;
    const calibrationRepeats = split.rows.reduce((s, r) => s + r.frequency, 0);
    expect(atCalibrationEnd.actualCumulative).toBe(calibrationRepeats);
    expect(Math.abs(atCalibrationEnd.predictedCumulative / atCalibrationEnd.actualCumulative - 1)).toBeLessThan(0.03);
  });

  it("refuses data without a holdout and times outside the periods; empty data gives null errors", () => {
    const plain = rfmSummary(transactions, { timeUnit: "weeks", observationEnd: "1997-09-30" });
    expect(() => evaluateHoldout(fit, plain)).toThrow(/holdout/);
    expect(() => evaluateHoldout(fit, split, { tracking: { repeatPurchaseTimes: [100] } })).toThrow(/repeatPurchaseTimes/);
    expect(() => evaluateHoldout(fit, split, { censor: 0 })).toThrow(/censor/);
    const empty = evaluateHoldout(fit, { frequency: [], recency: [], T: [] }, { holdoutLength: 39 });
    expect(empty.mae).toBeNull();
    expect(empty.total.percentError).toBeNull();
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
  });
});
