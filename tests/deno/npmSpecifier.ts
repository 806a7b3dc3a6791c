/**
 * What an analyst types in a Deno notebook, on the packed tarball (issue 3: `import { nps } from "npm:cx-metrics"`
 * works). `.ci/run` installs the tarball into an empty folder and runs this file there with
 * `deno run --node-modules-dir=manual`, so `npm:cx-metrics` resolves to exactly what `npm publish` would ship.
 */
import * as cx from "npm:cx-metrics";
import { nps } from "npm:cx-metrics";
import { npsStateSchema, validateRecords, surveyRecordSchema } from "npm:cx-metrics/schemas";

const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
if (deno === undefined) throw new Error("npm specifier check: run this file with Deno");

function check(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) throw new Error(`npm:cx-metrics in Deno: ${what}${detail === undefined ? "" : `: got ${JSON.stringify(detail)}`}`);
}

// (3 promoters - 1 detractor) / 6 answers = 33.33 points
const r = nps([0, 7, 8, 9, 9, 9]);
check(Math.abs(r.score! - 100 / 3) < 1e-12 && r.n === 6 && r.ci?.method === "adjusted-wald", "nps", r);
// 2 of 4 answers are 4 or 5 on the 5-point scale
check(cx.csat([5, 4, 3, 1]).score === 50, "csat", cx.csat([5, 4, 3, 1]));
check(cx.ces([7, 6, 5, 2]).score === 5, "ces", cx.ces([7, 6, 5, 2]));
const byWeek = cx.breakdown(cx.npsAggregator({ value: (a: { nps: number | null }) => a.nps }), cx.generateSurveySample({ count: 300 }), {
  by: { channel: (a: { channel: string }) => a.channel },
  period: { at: (a: { at: string }) => a.at, unit: "isoWeek", timeZone: "Europe/Berlin" },
});
check(byWeek.rows.length > 0 && byWeek.rows.every((row) => typeof row.period === "string"), "breakdown by channel x ISO week", byWeek.rows.length);
// The schemas entry (zod) reads a stored state back and validates records.
const agg = cx.npsAggregator();
const stored = JSON.parse(JSON.stringify(agg.add(agg.empty(), 10)));
check(npsStateSchema().safeParse(stored).success && !npsStateSchema().safeParse({ ...stored, v: 2 }).success, "npsStateSchema");
const checked = validateRecords(surveyRecordSchema(), [{ score: 9, answeredAt: "2025-01-02T10:00:00Z" }, { score: "nine", answeredAt: 0 }], { onInvalid: "count" });
check(checked.valid.length === 1 && checked.invalid.count === 1 && checked.invalid.examples[0]?.index === 1, "validateRecords", checked.invalid);
console.log(`npm:cx-metrics in Deno ${deno.version.deno}: nps, csat, ces, breakdown and the schemas entry work on the packed tarball`);
