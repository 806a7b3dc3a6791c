import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rfmSummary, rfmSummaryAggregator } from "../../src/clv/rfmSummary.ts";
import { rfmColumns } from "../../src/clv/rfmColumns.ts";
import { InvalidOptionError, InvalidRecordError } from "../../src/errors.ts";
import { readCdnowSample, readNumberCsv } from "./cdnowFiles.ts";

/** Printed to 2 decimals: the true value lies within half a unit of the last digit (plus float slack). */
const ROUNDING = 0.005 + 1e-9;

describe("rfmSummary on the CDNOW sample (Fader, Hardie & Lee 2005; lifetimes' test data)", () => {
  const transactions = readCdnowSample();
  const summary = rfmSummary(transactions, { amount: (t) => t.amount, timeUnit: "weeks", observationEnd: "1997-09-30" });

  it("reproduces cdnow_customers_summary.csv for every customer (weeks, cutoff 1997-09-30)", () => {
    const expected = readNumberCsv("cdnow_customers_summary.csv");
    expect(expected).toHaveLength(2357);
    expect(summary.customers).toBe(2357);
    const byId = new Map(summary.rows.map((r) => [r.customerId, r]));
    for (const e of expected) {
      const r = byId.get(e["ID"]!)!;
      expect(r, `customer ${e["ID"]}`).toBeDefined();
      expect(r.frequency, `frequency of ${e["ID"]}`).toBe(e["frequency"]);
      expect(Math.abs(r.recency - e["recency"]!), `recency of ${e["ID"]}`).toBeLessThanOrEqual(ROUNDING);
      expect(Math.abs(r.T - e["T"]!), `T of ${e["ID"]}`).toBeLessThanOrEqual(ROUNDING);
    }
  });

  it("reproduces zbar (mean repeat spend) of cdnow_customers_summary_with_transactions.csv", () => {
    const expected = readNumberCsv("cdnow_customers_summary_with_transactions.csv");
    const byId = new Map(summary.rows.map((r) => [r.customerId, r]));
    let repeaters = 0;
    for (const e of expected) {
      const r = byId.get(e["ID"]!)!;
      expect(r.frequency).toBe(e["x"]);
      if (r.frequency === 0) {
        expect(r.monetaryValue).toBeNull(); // the file prints 0.00
        expect(e["zbar"]).toBe(0);
      } else {
        repeaters++;
        expect(Math.abs(r.monetaryValue! - e["zbar"]!), `zbar of ${e["ID"]}`).toBeLessThanOrEqual(ROUNDING);
      }
    }
    expect(repeaters).toBe(946); // the 946 repeat customers of the Gamma-Gamma paper
  });

  it("repeat spend statistics as in Fader, Hardie & Lee (2005b) and lifetimes' test_summary_statistics_are_indentical_to_hardies_paper", () => {
    const m = summary.rows.filter((r) => r.frequency > 0).map((r) => r.monetaryValue!).sort((a, b) => a - b);
    const mean = m.reduce((a, b) => a + b, 0) / m.length;
    const sd = Math.sqrt(m.reduce((a, b) => a + (b - mean) ** 2, 0) / (m.length - 1));
    expect([m.length, Math.round(mean), Math.round(sd), Math.round(m[0]!), Math.round((m[472]! + m[473]!) / 2), Math.round(m[m.length - 1]!)]).toEqual([946, 35, 30, 3, 27, 300]);
  });

  it("the first customer: T = 38.86 weeks, x = 2, t_x = 30.43, mean repeat spend (29.73 + 14.96) / 2", () => {
    const r = summary.rows[0]!;
    expect(r.customerId).toBe(1);
    expect(r.T).toBeCloseTo(272 / 7, 12);
    expect(r.recency).toBeCloseTo(213 / 7, 12);
    expect(r.frequency).toBe(2);
    expect(r.monetaryValue).toBeCloseTo(22.345, 12);
  });

  it("counts what it leaves out: the purchases after 1997-09-30", () => {
    const after = transactions.filter((t) => t.at > "1997-09-30").length;
    expect(summary.afterObservationEnd).toBe(after);
    expect(summary.transactions + summary.afterObservationEnd).toBe(transactions.length);
    expect(summary.observationEnd).toBe("1997-09-30");
    expect(summary.timeUnit).toBe("weeks");
    expect(summary.daysPerUnit).toBe(7);
  });

  it("calibration and holdout (1997-09-30 / 1998-06-30): calibration columns equal the plain summary, holdout counts the later purchase days", () => {
    const split = rfmSummary(transactions, { amount: (t) => t.amount, timeUnit: "weeks", calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" });
    expect(split.customers).toBe(2357);
    expect(split.newInHoldout).toBe(0); // the cohort all bought first in 1997 Q1
    expect(split.durationHoldout).toBeCloseTo(273 / 7, 12); // 1997-09-30 to 1998-06-30 is 273 days: 39 weeks
    split.rows.forEach((r, i) => {
      const p = summary.rows[i]!;
      expect([r.customerId, r.frequency, r.recency, r.T, r.monetaryValue]).toEqual([p.customerId, p.frequency, p.recency, p.T, p.monetaryValue]);
    });
    // customer 1 bought again on 1997-12-12 (26.48): one holdout purchase day
    expect(split.rows[0]!.frequencyHoldout).toBe(1);
    expect(split.rows[0]!.monetaryValueHoldout).toBeCloseTo(26.48, 12);
    const days = new Set(transactions.filter((t) => t.at > "1997-09-30").map((t) => `${t.customerId} ${t.at}`));
    expect(split.rows.reduce((s, r) => s + r.frequencyHoldout!, 0)).toBe(days.size);
    const cols = rfmColumns(split);
    expect(cols.length).toBe(2357);
    expect(cols.timeUnit).toBe("weeks");
    expect(cols.frequencyHoldout![0]).toBe(1);
    expect(cols.durationHoldout).toBeCloseTo(39, 12);
  });
});

describe("rfmSummary semantics (lifetimes summary_data_from_transaction_data)", () => {
  // lifetimes' tests/test_utils.py, fixture large_transaction_level_data_with_monetary_value and
  // test_summary_date_from_transaction_with_monetary_values (observation end 2015-02-07, freq "D"): expected
  // (id, frequency, recency, T, monetary_value) = (1, 1, 36, 37, 2), (2, 0, 0, 37, 0), (3, 2, 4, 37, 3),
  // (4, 2, 20, 22, 3), (5, 2, 2, 22, 4.5), (6, 0, 0, 5, 0); lifetimes prints 0 where we give null.
  const lifetimesExample = [
    [1, "2015-01-01", 1], [1, "2015-02-06", 2], [2, "2015-01-01", 2], [3, "2015-01-01", 3], [3, "2015-01-02", 1],
    [3, "2015-01-05", 5], [4, "2015-01-16", 6], [4, "2015-02-02", 3], [4, "2015-02-05", 3], [5, "2015-01-16", 3],
    [5, "2015-01-17", 1], [5, "2015-01-18", 8], [6, "2015-02-02", 5],
  ] as const;
  const read = { customerId: (t: readonly [number, string, number]) => t[0], at: (t: readonly [number, string, number]) => t[1], amount: (t: readonly [number, string, number]) => t[2] };

  it("reproduces lifetimes' test_summary_date_from_transaction_with_monetary_values", () => {
    const s = rfmSummary(lifetimesExample, { ...read, observationEnd: "2015-02-07" });
    expect(s.rows.map((r) => [r.customerId, r.frequency, r.recency, r.T, r.monetaryValue])).toEqual([
      [1, 1, 36, 37, 2], [2, 0, 0, 37, null], [3, 2, 4, 37, 3], [4, 2, 20, 22, 3], [5, 2, 2, 22, 4.5], [6, 0, 0, 5, null],
    ]);
  });

  it("reproduces lifetimes' test_calibration_and_holdout_data (calibration end 2015-02-01): customer 6 is new in the holdout", () => {
    const s = rfmSummary(lifetimesExample, { ...read, calibrationEnd: "2015-02-01", observationEnd: "2015-02-07" });
    const byId = new Map(s.rows.map((r) => [r.customerId, r]));
    expect(byId.get(1)!.frequencyHoldout).toBe(1);
    expect(byId.get(2)!.frequencyHoldout).toBe(0);
    expect(byId.has(6)).toBe(false);
    expect(s.newInHoldout).toBe(1);
    expect(s.durationHoldout).toBe(6);
  });

  it("picks the earliest purchase as the first whatever the order (lifetimes issue 85: monetary value 22.5)", () => {
    const ordered = rfmSummary([[2, "2014-03-14", 10], [2, "2014-04-09", 20], [2, "2014-05-21", 25]] as const, read);
    const unordered = rfmSummary([[2, "2014-04-09", 20], [2, "2014-03-14", 10], [2, "2014-05-21", 25]] as const, read);
    expect(unordered).toEqual(ordered);
    expect(ordered.rows[0]!.monetaryValue).toBe(22.5);
  });

  it("same-day purchases collapse into one whose amount is their sum; includeFirstPurchase averages every day", () => {
    const tx = [
      { customerId: "a", at: "2024-01-01T09:00", amount: 10 },
      { customerId: "a", at: "2024-01-01T18:00", amount: 5 },
      { customerId: "a", at: "2024-01-03", amount: 4 },
      { customerId: "a", at: "2024-01-03T23:59:59", amount: 2 },
      { customerId: "a", at: "2024-01-10", amount: 12 },
    ];
    const s = rfmSummary(tx, { amount: (t) => t.amount, observationEnd: "2024-01-11" });
    expect(s.rows[0]).toEqual({ customerId: "a", frequency: 2, recency: 9, T: 10, monetaryValue: 9, frequencyHoldout: null, monetaryValueHoldout: null });
    const all = rfmSummary(tx, { amount: (t) => t.amount, observationEnd: "2024-01-11", includeFirstPurchase: true });
    expect(all.rows[0]!.monetaryValue).toBe(11); // (15 + 6 + 12) / 3
    expect(all.rows[0]!.frequency).toBe(2); // frequency stays the repeat count
  });

  it("days are calendar days in the zone: 23:30 UTC is the next day in Berlin, and a DST day is still one day", () => {
    const tx = [{ customerId: 1, at: "2024-03-30T12:00:00Z" }, { customerId: 1, at: "2024-03-31T23:30:00Z" }];
    const utc = rfmSummary(tx, { observationEnd: "2024-04-01" });
    const berlin = rfmSummary(tx, { timeZone: "Europe/Berlin", observationEnd: "2024-04-01" });
    expect(utc.rows[0]!.recency).toBe(1);
    expect(berlin.rows[0]!.recency).toBe(2); // 30 March to 1 April (01:30 CEST), across the 23-hour day
    expect(berlin.rows[0]!.T).toBe(2);
  });

  it("a zone where midnight is skipped (America/Santiago, 2024-09-08 starts at 01:00) collapses purchases by local day", () => {
    const tx = [
      { customerId: 1, at: "2024-09-07T23:30:00", amount: 1 },
      { customerId: 1, at: "2024-09-08T12:00:00", amount: 2 },
      { customerId: 1, at: "2024-09-09T02:30:00Z", amount: 3 }, // 23:30 on 8 September, UTC-3 after the change
      { customerId: 1, at: Date.UTC(2024, 8, 9, 3, 30), amount: 4 }, // 00:30 on 9 September
    ];
    const s = rfmSummary(tx, { timeZone: "America/Santiago", amount: (t) => t.amount });
    expect(s.rows[0]).toMatchObject({ frequency: 2, recency: 2, T: 2, monetaryValue: 4.5 }); // days 7, 8 (2 + 3), 9 (4)
  });

  it("a customer whose only purchases are on the observation end day has x = 0, t_x = 0, T = 0 (lifetimes: the same)", () => {
    const s = rfmSummary([{ customerId: 1, at: "1997-09-30T23:59:00" }, { customerId: 1, at: "1997-09-30T08:00:00" }, { customerId: 2, at: "1997-09-01" }, { customerId: 2, at: "1997-10-01" }], { timeUnit: "weeks", observationEnd: "1997-09-30" });
    expect(s.rows.map((r) => [r.frequency, r.recency, r.T])).toEqual([[0, 0, 0], [0, 0, 29 / 7]]);
    expect(s.afterObservationEnd).toBe(1);
    expect(rfmColumns(s).T[0]).toBe(0);
  });

  it("amounts near the float limit never give Infinity or NaN: a day total that would overflow is an invalid record, means do not overflow", () => {
    const big = [{ customerId: 1, at: "2024-01-01", amount: 1e308 }, { customerId: 1, at: "2024-01-02", amount: 1e308 }, { customerId: 1, at: "2024-01-03", amount: 1.5e308 }];
    const s = rfmSummary(big, { amount: (t) => t.amount });
    expect(s.rows[0]!.monetaryValue).toBeCloseTo(1.25e308, -294); // (1e308 + 1.5e308) / 2, whose sum overflows
    const sameDay = [...big, { customerId: 1, at: "2024-01-02", amount: 1e308 }];
    expect(() => rfmSummary(sameDay, { amount: (t) => t.amount })).toThrow(InvalidRecordError);
    expect(() => rfmSummary(sameDay, { amount: (t) => t.amount })).toThrow(/record 3 field "amount" .* overflow/);
    const counted = rfmSummary(sameDay, { amount: (t) => t.amount, onInvalid: "count" });
    expect(counted.invalid!.count).toBe(1);
    expect(counted.transactions).toBe(3);
    expect(counted.rows[0]!.monetaryValue).toBeCloseTo(1.25e308, -294);
    expect(JSON.parse(JSON.stringify(counted))).toEqual(counted);
  });

  it("without an observation end the study ends on the last purchase day", () => {
    const s = rfmSummary([{ customerId: 1, at: "2024-01-01" }, { customerId: 2, at: "2024-01-31" }]);
    expect(s.observationEnd).toBe("2024-01-31");
    expect(s.rows.map((r) => r.T)).toEqual([30, 0]);
  });

  it("months are 30.4375 days, weeks 7", () => {
    const tx = [{ customerId: 1, at: "2024-01-01" }, { customerId: 1, at: "2024-03-01" }];
    const s = rfmSummary(tx, { timeUnit: "months", observationEnd: "2024-12-31" });
    expect(s.daysPerUnit).toBe(30.4375);
    expect(s.rows[0]!.recency).toBe(60 / 30.4375);
    expect(s.rows[0]!.T).toBe(365 / 30.4375);
  });

  it("numbers and strings are different customers; rows are ordered numbers first", () => {
    const s = rfmSummary([{ customerId: "1", at: "2024-01-01" }, { customerId: 1, at: "2024-01-01" }, { customerId: "__proto__", at: "2024-01-01" }, { customerId: -3, at: "2024-01-02" }]);
    expect(s.rows.map((r) => r.customerId)).toEqual([-3, 1, "1", "__proto__"]);
  });

  it("customers whose first purchase is in the holdout are left out and counted", () => {
    const s = rfmSummary([{ customerId: 1, at: "2024-01-01" }, { customerId: 2, at: "2024-02-01" }], { calibrationEnd: "2024-01-15", observationEnd: "2024-03-01" });
    expect(s.rows.map((r) => r.customerId)).toEqual([1]);
    expect(s.newInHoldout).toBe(1);
    expect(s.rows[0]!.frequencyHoldout).toBe(0);
    expect(s.rows[0]!.T).toBe(14);
    expect(s.durationHoldout).toBe(46);
  });

  it("empty input gives no rows and null ends, never a throw", () => {
    const s = rfmSummary([]);
    expect(s).toMatchObject({ customers: 0, rows: [], observationEnd: null, transactions: 0, durationHoldout: null });
  });

  it("missing fields are counted, invalid ones throw with the record's index, or are counted on request", () => {
    const tx = [{ customerId: 1, at: "2024-01-01", amount: 3 }, { customerId: null, at: "2024-01-02", amount: 1 }, { customerId: 1, at: "01/02/2024", amount: 1 }];
    expect(() => rfmSummary(tx, { amount: (t) => t.amount })).toThrow(InvalidRecordError);
    expect(() => rfmSummary(tx, { amount: (t) => t.amount })).toThrow(/rfm-summary: record 2 field "at"/);
    const s = rfmSummary(tx, { amount: (t) => t.amount, onInvalid: "count" });
    expect(s.missing).toBe(1);
    expect(s.invalid).toMatchObject({ count: 1, examples: [{ index: 2, field: "at" }] });
    expect(() => rfmSummary([{ customerId: 1, at: "2024-01-01", amount: Infinity }], { amount: (t) => t.amount })).toThrow(/field "amount"/);
  });

  it("validates options up front", () => {
    expect(() => rfmSummary([], { timeUnit: "years" as never })).toThrow(InvalidOptionError);
    expect(() => rfmSummary([], { timeZone: "Mars/Olympus" })).toThrow(InvalidOptionError);
    expect(() => rfmSummary([], { observationEnd: "30/09/1997" })).toThrow(InvalidOptionError);
    expect(() => rfmSummary([], { observationEnd: "1997-09-30", calibrationEnd: "1997-09-30" })).toThrow(/calibrationEnd/);
  });
});

describe("rfmSummary properties", () => {
  const txArb = fc.array(
    fc.record({ customerId: fc.integer({ min: 1, max: 6 }), day: fc.integer({ min: 0, max: 90 }), amount: fc.integer({ min: 1, max: 10_000 }).map((c) => c / 100) }),
    { maxLength: 80 },
  );
  const toTx = (xs: { customerId: number; day: number; amount: number }[]) => xs.map((t) => ({ customerId: t.customerId, at: Date.UTC(2024, 0, 1) + t.day * 86_400_000 + 7_200_000, amount: t.amount }));

  it("any order of the transactions gives the same summary (monetary values within float rounding)", () => {
    fc.assert(
      fc.property(txArb, fc.func(fc.integer()), (xs, key) => {
        const tx = toTx(xs);
        const shuffled = tx.map((t, i) => ({ t, k: key(i) })).sort((a, b) => a.k - b.k).map((x) => x.t);
        const a = rfmSummary(tx, { amount: (t) => t.amount, observationEnd: "2024-04-30" });
        const b = rfmSummary(shuffled, { amount: (t) => t.amount, observationEnd: "2024-04-30" });
        expect(b.rows.map((r) => [r.customerId, r.frequency, r.recency, r.T])).toEqual(a.rows.map((r) => [r.customerId, r.frequency, r.recency, r.T]));
        b.rows.forEach((r, i) => (r.monetaryValue === null ? expect(a.rows[i]!.monetaryValue).toBeNull() : expect(r.monetaryValue).toBeCloseTo(a.rows[i]!.monetaryValue!, 9)));
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });

  it("0 <= recency <= T, frequency = distinct days - 1, and the split keeps every purchase day", () => {
    fc.assert(
      fc.property(txArb, (xs) => {
        const tx = toTx(xs);
        const s = rfmSummary(tx, { calibrationEnd: "2024-02-15", observationEnd: "2024-04-30" });
        for (const r of s.rows) {
          expect(r.recency).toBeGreaterThanOrEqual(0);
          expect(r.recency).toBeLessThanOrEqual(r.T);
          if (r.frequency === 0) expect(r.recency).toBe(0);
        }
        const days = new Set(xs.map((t) => `${t.customerId}/${t.day}`));
        const newDays = new Set(xs.filter((t) => !xs.some((u) => u.customerId === t.customerId && u.day <= 45)).map((t) => `${t.customerId}/${t.day}`));
        expect(s.rows.reduce((acc, r) => acc + r.frequency + 1 + r.frequencyHoldout!, 0) + newDays.size).toBe(days.size);
      }),
      { seed: 20261201, numRuns: 200 },
    );
  });
});

describe("rfmSummaryAggregator.fromJSON", () => {
  type T = { customerId: number | string; at: string; amount: number };
  const agg = rfmSummaryAggregator<T>({ amount: (t) => t.amount });
  const stored = (): Record<string, unknown> => JSON.parse(JSON.stringify(agg.add(agg.empty(), { customerId: 1, at: "2024-01-01", amount: 5 }))) as Record<string, unknown>;

  it("does not share arrays with the JSON it reads: adding to the restored state leaves the stored JSON unchanged", () => {
    const json = stored();
    const before = JSON.stringify(json);
    const state = agg.fromJSON(json);
    agg.add(state, { customerId: 1, at: "2024-01-05", amount: 7 }); // a new day (days/amounts grow)
    agg.add(state, { customerId: 1, at: "2024-01-01", amount: 1 }); // the same day (its amount is added to)
    expect(JSON.stringify(json)).toBe(before);
    expect(agg.result(state).rows[0]).toMatchObject({ frequency: 1, recency: 4, monetaryValue: 7 });
    // and reading the same JSON twice gives two independent states
    expect(agg.result(agg.fromJSON(json)).rows[0]).toMatchObject({ frequency: 0, monetaryValue: null });
  });

  it("refuses customer keys that are not ids written as JSON (__proto__, constructor), and keeps the quoted ids of those names", () => {
    const day = { days: [19723], amounts: [5] };
    for (const key of ["__proto__", "constructor", "toString"]) {
      const json = { ...stored(), customers: JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(day)}}`) as unknown };
      expect(() => agg.fromJSON(json), key).toThrow(/^rfm-summary state: field "customers\[/);
    }
    const quoted = { ...stored(), transactions: 2, customers: JSON.parse(`{${JSON.stringify(JSON.stringify("__proto__"))}: ${JSON.stringify(day)}, ${JSON.stringify(JSON.stringify("constructor"))}: ${JSON.stringify(day)}}`) as unknown };
    expect(agg.result(agg.fromJSON(quoted)).rows.map((r) => r.customerId)).toEqual(["__proto__", "constructor"]);
  });
});
