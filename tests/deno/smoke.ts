/**
 * Deno smoke test (DESIGN 2, issue 3 point 11): the built package and the TypeScript source both load and compute
 * real results in Deno. Run with `npm run test:deno` after `npm run build`; any failed check exits non-zero.
 *
 * Bare imports (`@date-fns/tz`, `date-fns`, `simple-statistics`) resolve from the local node_modules through
 * package.json (Deno's `nodeModulesDir: "manual"` mode), so no network and no import map are needed.
 */
import * as source from "../../src/index.ts";

type Lib = typeof source;

// The build is loaded by URL so that `tsc` (which also checks tests/) neither needs dist/ nor a Deno global.
const built: Lib = await import(new URL("../../dist/index.js", import.meta.url).href);
const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
if (deno === undefined) throw new Error("deno smoke: run this file with Deno (npm run test:deno)");

let checks = 0;
function check(condition: boolean, what: string, detail?: unknown): void {
  checks += 1;
  if (!condition) throw new Error(`deno smoke: ${what}${detail === undefined ? "" : `: got ${JSON.stringify(detail)}`}`);
}
function close(a: number | null | undefined, b: number, what: string, tol = 1e-9): void {
  check(typeof a === "number" && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), what, a);
}

function smoke(lib: Lib, name: string): void {
  const at = (what: string) => `${name}: ${what}`;

  // NPS: 3 promoters, 2 passives, 1 detractor of 6 -> (3 - 1) / 6 = 33.33...
  const r = lib.nps([0, 7, 8, 9, 9, 9]);
  close(r.score, 100 / 3, at("nps score"));
  check(r.n === 6 && r.promoters === 3 && r.passives === 2 && r.detractors === 1, at("nps counts"), r);
  check(r.ci !== null && r.ci.lower < r.score! && r.score! < r.ci.upper && r.ci.level === 0.95, at("nps interval"), r.ci);
  const empty = lib.nps([]);
  check(empty.score === null && empty.n === 0 && empty.ci === null, at("empty nps"), empty);

  // The JSON form of a result round-trips unchanged.
  check(JSON.stringify(JSON.parse(JSON.stringify(r))) === JSON.stringify(r), at("result JSON round-trip"));
  const back = JSON.parse(JSON.stringify(r));
  check(back.score === r.score && back.ci.lower === r.ci!.lower, at("result JSON values"), back);

  // Aggregator: chunks merged (also through JSON, as states sent from elsewhere) equal one pass.
  const values = Array.from({ length: 500 }, (_, i) => (i * 7919) % 11);
  const agg = lib.npsAggregator();
  const onePass = agg.result(values.reduce((s, v) => agg.add(s, v), agg.empty()));
  const chunks = [values.slice(0, 123), values.slice(123, 124), values.slice(124)];
  const states = chunks.map((c) => agg.fromJSON(JSON.parse(JSON.stringify(c.reduce((s, v) => agg.add(s, v), agg.empty())))));
  const merged = agg.result(states.reduce((a, b) => agg.merge(a, b), agg.empty()));
  check(JSON.stringify(merged) === JSON.stringify(onePass), at("merged chunks equal one pass"), { merged, onePass });
  check(JSON.stringify(lib.nps(values)) === JSON.stringify(onePass), at("nps() equals the aggregator"));

  // Breakdown by channel and ISO week in Europe/Berlin (spring DST switch; a wall time without offset is Berlin time).
  type Row = { channel: string; score: number; at: string };
  const rows: Row[] = [
    { channel: "chat", score: 10, at: "2024-03-31T21:30:00Z" }, // Sun 23:30 CEST: week 13
    { channel: "chat", score: 0, at: "2024-03-31T22:30:00Z" }, // Mon 00:30 CEST: week 14
    { channel: "email", score: 9, at: "2024-04-01T00:30" }, // Berlin wall time: week 14
    { channel: "email", score: 10, at: "2020-12-28T00:00" }, // ISO week 53 of 2020
  ];
  const b = lib.breakdown(lib.npsAggregator<Row>({ value: (x) => x.score }), rows, {
    by: { channel: (x) => x.channel },
    period: { at: (x) => x.at, unit: "isoWeek", timeZone: "Europe/Berlin" },
  });
  const got = b.rows.map((x) => [x.key.channel, x.period, x.result.score]);
  const want = [["chat", "2024-W13", 100], ["chat", "2024-W14", -100], ["email", "2020-W53", 100], ["email", "2024-W14", 100]];
  check(JSON.stringify(got) === JSON.stringify(want), at("breakdown rows"), got);
  check(b.rows[1]!.periodStart === "2024-03-31T22:00:00.000Z", at("week 14 starts at Berlin midnight"), b.rows[1]!.periodStart);
  check(b.total.n === 4, at("breakdown total"), b.total.n);
  check(JSON.stringify(JSON.parse(JSON.stringify(b))) === JSON.stringify(b), at("breakdown JSON round-trip"));

  // CSAT and CES load and compute.
  close(lib.csat([5, 4, 3, 2, 5]).score, 60, at("csat"));
  close(lib.ces([7, 6, 5, 2]).score, 5, at("ces"));

  // Errors are the library's classes with stable codes.
  let error: unknown;
  try {
    lib.nps([11]);
  } catch (e) {
    error = e;
  }
  check(error instanceof lib.InvalidRecordError && (error as InstanceType<Lib["InvalidRecordError"]>).code === "INVALID_RECORD", at("invalid record error"), String(error));
}

/** Tickets, churn, CLV and CSV decoding from a web ReadableStream: one known value each. */
async function smokeAreas(lib: Lib, name: string): Promise<void> {
  const at = (what: string) => `${name}: ${what}`;
  // Two tickets of 2 h and 4 h inside Monday's 09:00-17:00: median 3 business hours.
  const hours = lib.businessCalendar({ timeZone: "UTC", hours: { mon: [["09:00", "17:00"]] } });
  const ttr = lib.timeToResolution(
    [
      { createdAt: "2024-01-01T09:00Z", resolvedAt: "2024-01-01T11:00Z" },
      { createdAt: "2024-01-01T09:00Z", resolvedAt: "2024-01-01T13:00Z" },
    ],
    { calendar: hours, unit: "hours" },
  );
  close(ttr.median, 3, at("business-hours TTR median"));
  // One of the two customers active on 2024-01-01 ends in January: 50% under the "start" method.
  const churn = lib.churnRate(
    [
      { customerId: 1, start: "2023-01-01", end: "2024-01-15" },
      { customerId: 2, start: "2023-05-01" },
    ],
    { from: "2024-01-01", to: "2024-02-01" },
  );
  close(churn.rate, 0.5, at("churn rate"));
  // BG/NBD on the bundled CDNOW sample: alpha 4.414 per week (Fader, Hardie and Lee 2005).
  const fit = lib.fitBgNbd(lib.rfmSummary(lib.datasets.cdnow(), { timeUnit: "weeks", observationEnd: "1997-09-30" }));
  close(fit.alpha, 4.414, at("BG/NBD alpha on CDNOW"), 1e-3);
  // CSV from a web ReadableStream, split inside a quoted field.
  const bytes = new TextEncoder().encode('score,channel\n9,"e\nmail"\n3,chat\n');
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes.slice(0, 12));
      c.enqueue(bytes.slice(12));
      c.close();
    },
  });
  const rows: unknown[] = [];
  for await (const r of lib.decodeCsv(stream, { columns: { score: "integer", channel: "string" } })) rows.push(r);
  check(JSON.stringify(rows) === JSON.stringify([{ score: 9, channel: "e\nmail" }, { score: 3, channel: "chat" }]), at("decodeCsv on a ReadableStream"), rows);
}

smoke(built, "dist/index.js");
smoke(source, "src/index.ts");
await smokeAreas(built, "dist/index.js");
await smokeAreas(source, "src/index.ts");

// Both builds agree.
const sample = source.generateSurveySample({ seed: 7, count: 300 });
const fromBuilt = built.nps(sample, { value: (r) => r.nps });
const fromSource = source.nps(sample, { value: (r) => r.nps });
check(JSON.stringify(fromBuilt) === JSON.stringify(fromSource), "dist and src agree on a seeded sample");

console.log(`deno smoke: ${checks} checks passed in Deno ${deno.version.deno} (dist/index.js and src/index.ts)`);
