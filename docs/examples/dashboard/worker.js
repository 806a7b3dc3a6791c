// The dashboard's Web Worker: reads the picked CSV file as a web stream, decodes it in columnar batches and feeds
// the library's mergeable aggregators, so the page's main thread only draws. Messages:
//   in:  { type: "start", file: File, delimiter: string }
//   out: { type: "progress", bytes, total, rows }          after every batch
//        { type: "done", results, elapsedMs }              results: plain JSON (the aggregators' results)
//        { type: "error", message }
import { breakdownAggregator, cesAggregator, csatAggregator, decodeCsvColumns, npsAggregator } from "../../../dist/cx-metrics.browser.js";

/** The columns the dashboard reads: the names of `cx-metrics generate --kind survey` (other columns are skipped). */
const COLUMNS = { at: "instant", channel: "category", nps: "integer", csat: "integer", ces: "integer" };
const METRICS = { nps: npsAggregator, csat: csatAggregator, ces: cesAggregator };
/** Rows per batch: small enough for a progress update every ~1 MB of a survey file. */
const BATCH_SIZE = 16_384;
/** Rejected rows kept as examples for the page (all of them are counted). */
const EXAMPLES = 20;

self.onmessage = async (event) => {
  const { file, delimiter } = event.data;
  try {
    const started = performance.now();
    const results = await analyse(file, delimiter ?? ",");
    self.postMessage({ type: "done", results, elapsedMs: performance.now() - started });
  } catch (e) {
    let message = e instanceof Error ? e.message : String(e);
    if (/option "columns\./.test(message)) message += `. The dashboard reads the columns ${Object.keys(COLUMNS).join(", ")} (as written by cx-metrics generate --kind survey).`;
    self.postMessage({ type: "error", message });
  }
};

/**
 * NPS, CSAT and CES of a survey CSV file: overall, by channel and by calendar month (UTC), with every row that
 * did not count counted: rows the decoder rejected (by reason, with examples), missing answers and invalid answers
 * per metric, and rows a breakdown could not place (no readable `at` for the month breakdown).
 */
async function analyse(file, delimiter) {
  const rejected = [];
  const batches = decodeCsvColumns(file.stream(), {
    columns: COLUMNS,
    delimiter,
    timeZone: "UTC",
    batchSize: BATCH_SIZE,
    onInvalid: "count",
    rejected: (row) => {
      if (rejected.length < EXAMPLES) rejected.push({ line: row.line, field: row.field, code: row.code, reason: row.reason });
    },
  });
  const parts = Object.entries(METRICS).map(([name, make]) => {
    const inner = () => make({ onInvalid: "count" });
    const overall = inner();
    const byChannel = breakdownAggregator(inner(), { by: { channel: (r) => r.channel }, onInvalid: "count" });
    const byMonth = breakdownAggregator(inner(), { period: { at: (r) => r.at, unit: "month", timeZone: "UTC" }, onInvalid: "count" });
    return { name, overall, byChannel, byMonth, states: { overall: overall.empty(), byChannel: byChannel.empty(), byMonth: byMonth.empty() } };
  });

  let index = 0; // data rows fed so far: the aggregators' error positions
  for await (const batch of batches) {
    const { at, channel } = batch.columns;
    for (const p of parts) {
      const values = batch.columns[p.name];
      const s = p.states;
      for (let i = 0; i < values.length; i++) s.overall = p.overall.add(s.overall, values[i], index + i);
      s.byChannel = p.byChannel.addColumns(s.byChannel, { values, keys: { channel } }, index);
      s.byMonth = p.byMonth.addColumns(s.byMonth, { values, at }, index);
    }
    index += batch.length;
    self.postMessage({ type: "progress", bytes: batches.stats.bytes, total: file.size, rows: batches.stats.rows });
  }

  const results = {
    file: { name: file.name, size: file.size },
    decode: { ...batches.stats, rejectedBy: { ...batches.stats.rejectedBy } },
    rejected,
  };
  for (const p of parts) {
    results[p.name] = {
      overall: p.overall.result(p.states.overall),
      byChannel: p.byChannel.result(p.states.byChannel),
      byMonth: p.byMonth.result(p.states.byMonth),
    };
  }
  return results;
}
