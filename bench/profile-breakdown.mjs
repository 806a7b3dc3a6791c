// Profile helper for the columnar breakdown (not part of `npm run bench`):
//   npm run build && node --cpu-prof --cpu-prof-dir=/tmp/cx-prof bench/profile-breakdown.mjs [records] [case]
// then summarise the .cpuprofile with: node bench/profile-summary.mjs /tmp/cx-prof/<file>.cpuprofile
// case: "columns" (default; addColumns + result), "records" (add per record), "nps" (nps(Uint8Array)).
import { nps, npsAggregator, breakdownAggregator, generateSurveyColumns, seededRandom } from "../dist/index.js";

const n = Number(process.argv[2] ?? 10_000_000);
const which = process.argv[3] ?? "columns";
const SEGMENTS = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"];
const cols = generateSurveyColumns({ seed: 2025, count: n, year: 2025 });
const score = new Uint8Array(n);
const segment = new Uint8Array(n);
const rng = seededRandom(2026);
for (let i = 0; i < n; i++) {
  score[i] = Number.isNaN(cols.nps[i]) ? 8 : cols.nps[i];
  segment[i] = rng.int(8);
}
const at = cols.at;
const period = { at: (r) => r.at, unit: "isoWeek", timeZone: "Europe/Berlin" };
const runs = Number(process.env.PROFILE_RUNS ?? 6);
if (which === "columns") {
  const agg = breakdownAggregator(npsAggregator(), { by: { segment: (r) => r.segment }, period });
  const table = { values: score, keys: { segment: { codes: segment, labels: SEGMENTS } }, at };
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const out = agg.result(agg.addColumns(agg.empty(), table));
    console.log(`addColumns + result: ${(performance.now() - t0).toFixed(1)} ms, ${out.rows.length} rows`);
  }
} else if (which === "records") {
  const records = Array.from({ length: n }, (_, i) => ({ score: score[i], segment: SEGMENTS[segment[i]], at: at[i] }));
  const agg = breakdownAggregator(npsAggregator({ value: (r) => r.score }), { by: { segment: (r) => r.segment }, period });
  for (let r = 0; r < Math.min(runs, 3); r++) {
    const t0 = performance.now();
    let s = agg.empty();
    for (let i = 0; i < n; i++) s = agg.add(s, records[i], i);
    const out = agg.result(s);
    console.log(`records add + result: ${(performance.now() - t0).toFixed(1)} ms, ${out.rows.length} rows`);
  }
} else if (which === "nps") {
  for (let r = 0; r < runs * 3; r++) {
    const t0 = performance.now();
    const out = nps(score);
    console.log(`nps(Uint8Array): ${(performance.now() - t0).toFixed(2)} ms, score ${out.score.toFixed(3)}`);
  }
}
