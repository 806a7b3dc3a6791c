// The dashboard example (docs/examples/dashboard/) driven in headless Chromium: serves the repo root on 127.0.0.1,
// uploads a generated survey CSV (with bad rows mixed in), waits for the page to finish, and checks every figure
// it shows, and the results it offers as JSON, against the library computed here in Node on the same file through
// the record path (decodeCsv + each aggregator's add; the page's worker uses the columnar path, decodeCsvColumns +
// addColumns). Also: the browser bundle has no Node-only API, the charts and tables are there, no console or page
// error, and a screenshot goes to docs/images/dashboard.png.
//
//   npm run test:browser                                             (build, then 50,000 rows)
//   node tests/browser/dashboard.mjs --rows 1000000 --no-screenshot  (by hand: the million-row run)
//
// Prints the processing time and a requestAnimationFrame count taken during processing (measured, not asserted).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, createReadStream, createWriteStream } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { basename, extname, join, normalize, sep } from "node:path";
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as cx from "../../dist/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PAGE = "docs/examples/dashboard/index.html";
const BUNDLE = join(ROOT, "dist", "cx-metrics.browser.js");
const SCREENSHOT = join(ROOT, "docs", "images", "dashboard.png");
const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf("--rows") + 1] ?? "") || 50_000;
const TAKE_SCREENSHOT = !args.includes("--no-screenshot");
const SEED = 8;
const TOLERANCE = 1e-9;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const MIME = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv" };

/** Rows no clean file has, so the page must count them: each goes to a different count. */
const BAD_ROWS = [
  "b1,2025-06-01T08:00:00Z,consumer-new,chat,support,11,5,7", //      NPS 11: invalid answer (CSAT, CES fine)
  "b2,2025-06-01T08:00:00Z,consumer-new,chat,support,ten,5,7", //     not an integer: rejected by the decoder (type)
  "b3,,consumer-new,email,support,9,4,6", //                          no instant: counted, left out of the month table
  "b4,2025-06-01T08:00:00Z,consumer-new,chat", //                     4 fields of 8: rejected (field-count)
  "", //                                                              blank line: skipped and counted
  "b5,2025-07-01T08:00:00Z,smb-new,,billing,3,0,8", //                no channel (its own row), CSAT 0 and CES 8 invalid
  'b6,2025-07-02T10:00:00Z,smb-new,"phone, callback",billing,7,,', // a quoted label with a comma; CSAT, CES missing
  'b7,2025-07-03T10:00:00Z,smb-new,chat,"bill"ing",7,4,4', //         a stray quote: rejected (stray-quote)
];

/** The dashboard's columns and metrics (docs/examples/dashboard/worker.js). */
const COLUMNS = { at: "instant", channel: "category", nps: "integer", csat: "integer", ces: "integer" };
const METRICS = { nps: cx.npsAggregator, csat: cx.csatAggregator, ces: cx.cesAggregator };

const cleanups = [];
try {
  await main();
  console.log("dashboard test: ok");
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  for (const f of cleanups.reverse()) await f();
}

async function main() {
  checkBundle();
  const dir = mkdtempSync(join(tmpdir(), "cx-dashboard-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "survey.csv");
  await writeSurvey(file);
  const size = statSync(file).size;
  console.log(`survey.csv: ${ROWS} generated rows + ${BAD_ROWS.length} bad ones, ${(size / 1e6).toFixed(1)} MB`);

  const expected = await nodeResults(file);
  // the bad rows are there and counted, so the checks below compare counts that are not zero
  assert.deepEqual([expected.decode.rejected, expected.decode.blank], [3, 1]);
  for (const m of ["nps", "csat", "ces"]) assert.deepEqual([expected[m].overall.invalid.count, expected[m].byMonth.invalid.count], [1, 1], m);
  const server = await serve(ROOT);
  cleanups.push(() => new Promise((done) => server.close(done)));
  const url = `http://127.0.0.1:${server.address().port}/${PAGE}`;

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });

  await page.goto(url, { waitUntil: "load" });
  assert.equal(await page.title(), "cx-metrics dashboard: NPS, CSAT and CES of a survey CSV");
  await checkAccessibleForm(page);

  // a frame counter: if the main thread were busy decoding, frames would stop while the file is read
  await page.evaluate(() => {
    const w = window;
    w.__frames = { count: 0, last: performance.now(), longest: 0, longTasks: 0, longestTask: 0 };
    // main-thread tasks over 50 ms (the Long Tasks API): the page is unresponsive while one runs
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__frames.longTasks++;
        w.__frames.longestTask = Math.max(w.__frames.longestTask, e.duration);
      }
    }).observe({ type: "longtask" });
    const tick = (t) => {
      const f = w.__frames;
      f.count++;
      f.longest = Math.max(f.longest, t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.setInputFiles("#file-input", file);
  await waitUntilRead(page);
  const seconds = (Date.now() - started) / 1000;
  const frames = await page.evaluate(() => window.__frames);
  console.log(
    `processed in ${seconds.toFixed(2)} s (page: ${await page.textContent("#status")}); ` +
      `${frames.count} animation frames during processing (${(frames.count / seconds).toFixed(0)}/s), longest gap ${frames.longest.toFixed(0)} ms; ` +
      `${frames.longTasks} main-thread tasks over 50 ms (longest ${frames.longestTask.toFixed(0)} ms)`,
  );
  assert.ok(frames.count > 0, "requestAnimationFrame never ran while the file was read");

  await checkFigures(page, expected);
  await checkResultsJson(page, expected);
  await checkChartsAndTables(page, expected);
  assert.equal(await page.getAttribute("#progress", "value"), "1");

  if (TAKE_SCREENSHOT) {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    console.log(`screenshot: ${SCREENSHOT}`);
  }

  // a header-only file dropped on the drop zone: n = 0 and "no data" everywhere, never a crash
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["id,at,segment,channel,touchpoint,nps,csat,ces\n"], "header-only.csv", { type: "text/csv" }));
    document.getElementById("drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await waitUntilRead(page);
  const headerOnly = join(dir, "header-only.csv");
  await writeText(headerOnly, "id,at,segment,channel,touchpoint,nps,csat,ces\n");
  const empty = await nodeResults(headerOnly);
  assert.equal(empty.nps.overall.score, null);
  await checkFigures(page, empty);
  await checkChartsAndTables(page, empty);

  // the sample button: the page generates 20,000 answers (seed 2025) and reads them as a file
  await page.click("#sample-button");
  await waitUntilRead(page);
  const sample = join(dir, "generated-survey.csv");
  await writeText(sample, [...cx.surveyCsvChunks({ seed: 2025, count: 20_000 })].join(""));
  await checkFigures(page, await nodeResults(sample));

  assert.deepEqual(problems, [], "console errors, page errors or failed requests");
}

/** Wait until the page has read its file, and check it did not stop with an error. */
async function waitUntilRead(page) {
  await page.waitForFunction(() => !["idle", "reading"].includes(document.getElementById("app").dataset.state), null, { timeout: 0, polling: 50 });
  const state = await page.getAttribute("#app", "data-state");
  assert.equal(state, "done", `the page stopped with: ${await page.textContent("#error")}`);
}

async function writeText(path, text) {
  const out = createWriteStream(path);
  out.end(text);
  await finished(out);
}

/** The bundle is one ESM file with no import at all (dependencies inlined) and no Node-only API. */
function checkBundle() {
  const code = readFileSync(BUNDLE, "utf8");
  for (const [what, re] of [
    ["an import statement", /(^|[;}\s])import\s*[{*"'\w]/],
    ["a dynamic import", /\bimport\s*\(/],
    ["a node: specifier", /["']node:/],
    ["require()", /\brequire\s*\(/],
    ["process", /\bprocess\s*\./],
    ["Buffer", /\bBuffer\b/],
    ["__dirname / __filename", /\b__(dirname|filename)\b/],
    ["setImmediate", /\bsetImmediate\b/],
  ]) {
    assert.doesNotMatch(code, re, `dist/cx-metrics.browser.js has ${what}`);
  }
  assert.match(code, /export\s*\{/, "dist/cx-metrics.browser.js is not an ES module");
}

/** The seeded survey sample as a file, with bad rows after the first 1,000 answers and at the end. */
async function writeSurvey(path) {
  const out = createWriteStream(path);
  let first = true;
  for (const chunk of cx.surveyCsvChunks({ seed: SEED, count: ROWS })) {
    if (first) {
      const lines = chunk.split("\n");
      lines.splice(Math.min(1_001, lines.length - 1), 0, ...BAD_ROWS.slice(0, 4));
      out.write(lines.join("\n"));
      first = false;
    } else {
      out.write(chunk);
    }
  }
  out.write(`${BAD_ROWS.slice(4).join("\n")}\n`);
  out.end();
  await finished(out);
}

/** The library in Node, record by record, on the file as a web stream: what the page must show. */
async function nodeResults(path) {
  const rejected = [];
  const records = cx.decodeCsv(Readable.toWeb(createReadStream(path)), {
    columns: COLUMNS,
    timeZone: "UTC",
    onInvalid: "count",
    rejected: (row) => {
      if (rejected.length < 20) rejected.push({ line: row.line, field: row.field, code: row.code, reason: row.reason });
    },
  });
  const parts = Object.entries(METRICS).map(([name, make]) => {
    const inner = () => make({ value: (r) => r[name], onInvalid: "count" });
    const overall = inner();
    const byChannel = cx.breakdownAggregator(inner(), { by: { channel: (r) => r.channel }, onInvalid: "count" });
    const byMonth = cx.breakdownAggregator(inner(), { period: { at: (r) => r.at, unit: "month", timeZone: "UTC" }, onInvalid: "count" });
    return { name, overall, byChannel, byMonth, s: { overall: overall.empty(), byChannel: byChannel.empty(), byMonth: byMonth.empty() } };
  });
  let i = 0;
  for await (const r of records) {
    for (const p of parts) {
      p.s.overall = p.overall.add(p.s.overall, r, i);
      p.s.byChannel = p.byChannel.add(p.s.byChannel, r, i);
      p.s.byMonth = p.byMonth.add(p.s.byMonth, r, i);
    }
    i++;
  }
  const results = { file: { name: basename(path), size: statSync(path).size }, decode: records.stats, rejected };
  for (const p of parts) {
    results[p.name] = { overall: p.overall.result(p.s.overall), byChannel: p.byChannel.result(p.s.byChannel), byMonth: p.byMonth.result(p.s.byMonth) };
  }
  return results;
}

/** A static server for the repo root: GET and HEAD only, no path outside the root, JavaScript as text/javascript. */
function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if ((req.method !== "GET" && req.method !== "HEAD") || !path.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    if (!stat.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": MIME[extname(path)] ?? "application/octet-stream", "content-length": stat.size, "cache-control": "no-store" });
    if (req.method === "HEAD") res.end();
    else createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The file input has a label, progress is announced politely, errors assertively, and headings start at h1. */
async function checkAccessibleForm(page) {
  const info = await page.evaluate(() => ({
    fileLabel: document.querySelector('label[for="file-input"]')?.textContent.trim(),
    delimiterLabel: document.querySelector('label[for="delimiter"]')?.textContent.trim(),
    progressLabel: document.querySelector('label[for="progress"]')?.textContent.trim(),
    live: document.getElementById("status").getAttribute("aria-live"),
    alert: document.getElementById("error").getAttribute("role"),
    h1: document.querySelectorAll("h1").length,
    lang: document.documentElement.lang,
  }));
  assert.deepEqual(info, { fileLabel: "Survey CSV file", delimiterLabel: "Delimiter", progressLabel: "Progress", live: "polite", alert: "alert", h1: 1, lang: "en" });
}

/** Every [data-metric] figure on the page, against the same figure of the Node results. */
async function checkFigures(page, r) {
  const shown = Object.fromEntries(await page.$$eval("[data-metric]", (els) => els.map((e) => [e.dataset.metric, e.dataset.value])));
  const expected = {};
  for (const m of ["nps", "csat", "ces"]) {
    const o = r[m].overall;
    Object.assign(expected, {
      [m]: o.score,
      ...(o.ci && { [`${m}.ci.lower`]: o.ci.lower, [`${m}.ci.upper`]: o.ci.upper }),
      [`${m}.n`]: o.n,
      [`${m}.missing`]: o.missing,
      [`${m}.invalid`]: o.invalid.count,
      [`${m}.byMonth.invalid`]: r[m].byMonth.invalid.count,
    });
  }
  const { nps, csat, ces } = { nps: r.nps.overall, csat: r.csat.overall, ces: r.ces.overall };
  Object.assign(expected, {
    "nps.promoters": nps.promoters,
    "nps.passives": nps.passives,
    "nps.detractors": nps.detractors,
    "csat.satisfied": csat.satisfied,
    "csat.mean": csat.mean,
    "ces.easy": ces.easy.count,
    "ces.difficult": ces.difficult.count,
    "ces.netEasy": ces.netEasy,
  });
  for (const k of ["lines", "header", "blank", "rows", "complete", "withMissing", "rejected", "continuationLines"]) expected[`decode.${k}`] = r.decode[k];
  for (const [code, n] of Object.entries(r.decode.rejectedBy)) if (n > 0) expected[`decode.rejectedBy.${code}`] = n;
  assert.deepEqual(Object.keys(shown).sort(), Object.keys(expected).sort(), "the page shows other figures than expected");
  for (const [k, want] of Object.entries(expected)) {
    const got = Number(shown[k]);
    if (want === null) assert.equal(shown[k], "", `${k}: page ${shown[k]}, Node null`);
    else if (Number.isInteger(want)) assert.equal(got, want, `${k}: page ${shown[k]}, Node ${want}`);
    else assert.ok(Math.abs(got - want) <= TOLERANCE, `${k}: page ${shown[k]}, Node ${want}`);
  }
  // and the text a person reads says the same, rounded
  assert.equal(await page.textContent('[data-metric="nps"]'), nps.score === null ? "no data" : nps.score.toFixed(1));
  assert.equal(await page.textContent('[data-metric="nps.n"]'), String(nps.n).replace(/\B(?=(\d{3})+(?!\d))/g, ","));
}

/** The JSON the page offers for download equals the Node results (numbers to 1e-9, counts and labels exactly). */
async function checkResultsJson(page, expected) {
  const got = await page.evaluate(async () => (await fetch(document.getElementById("download").href)).json());
  // the records path and the columnar path word an unreadable instant differently; the counts must agree
  const strip = (x) => {
    const c = structuredClone(x);
    for (const m of ["nps", "csat", "ces"]) for (const b of ["byChannel", "byMonth"]) c[m][b].invalid = c[m][b].invalid && { count: c[m][b].invalid.count };
    return c;
  };
  assertClose(strip(got), strip(JSON.parse(JSON.stringify(expected))), "results");
}

function assertClose(got, want, path) {
  if (typeof want === "number" && !Number.isInteger(want)) {
    assert.equal(typeof got, "number", `${path}: ${JSON.stringify(got)}, expected a number`);
    assert.ok(Math.abs(got - want) <= TOLERANCE, `${path}: ${got}, expected ${want}`);
  } else if (want !== null && typeof want === "object") {
    assert.equal(Array.isArray(got), Array.isArray(want), `${path}: array or not`);
    assert.deepEqual(Object.keys(got ?? {}).sort(), Object.keys(want).sort(), `${path}: keys`);
    for (const k of Object.keys(want)) assertClose(got[k], want[k], `${path}.${k}`);
  } else {
    assert.equal(got, want, path);
  }
}

/** Charts are SVGs with a title and description; tables have captions and a row per breakdown row. */
async function checkChartsAndTables(page, r) {
  const charts = await page.$$eval("#charts svg", (svgs) => svgs.map((s) => ({ title: s.querySelector(":scope > title")?.textContent ?? "", desc: s.querySelector(":scope > desc")?.textContent ?? "", role: s.getAttribute("role") })));
  assert.ok(charts.length >= 7, `expected 7 charts (3 trends, NPS by channel, 3 distributions), found ${charts.length}`);
  for (const c of charts) {
    assert.ok(c.title.trim() !== "", "a chart has no <title>");
    assert.ok(c.desc.trim() !== "", `chart "${c.title}" has no <desc>`);
    assert.equal(c.role, "img", `chart "${c.title}" has no role="img"`);
  }
  const tables = await page.$$eval("#tables table.cx-table", (ts) => ts.map((t) => ({ caption: t.caption?.textContent ?? "", rows: t.tBodies[0]?.rows.length ?? 0 })));
  const wanted = ["nps", "csat", "ces"].flatMap((m) => [r[m].byChannel.rows.length, r[m].byMonth.rows.length]);
  assert.equal(tables.length, wanted.length, "expected a table by channel and by month for each metric");
  tables.forEach((t, i) => {
    assert.ok(t.caption.trim() !== "", `table ${i + 1} has no caption`);
    assert.ok(t.rows >= wanted[i], `table "${t.caption}": ${t.rows} rows, expected at least ${wanted[i]}`);
  });
}
