// The dashboard's main thread: takes a file (picker, drop, or a generated sample), hands it to the worker, shows
// progress, then draws the worker's results (plain JSON) with the library's tables and charts. No network, no
// framework: the library's bundle is the only import.
import { surveyCsvChunks } from "../../../dist/cx-metrics.browser.js";

const $ = (id) => document.getElementById(id);
const app = $("app");
const input = $("file-input");
const dropZone = $("drop-zone");
const progress = $("progress");
const status = $("status");
const errorBox = $("error");
let worker = null;
let downloadUrl = null;

input.addEventListener("change", () => {
  if (input.files && input.files[0]) start(input.files[0]);
});
$("sample-button").addEventListener("click", () => {
  const file = new File([...surveyCsvChunks({ seed: 2025, count: 20_000 })], "generated-survey.csv", { type: "text/csv" });
  $("delimiter").value = ",";
  start(file);
});
for (const type of ["dragenter", "dragover"]) {
  dropZone.addEventListener(type, (e) => {
    e.preventDefault();
    dropZone.classList.add("dragover");
  });
}
for (const type of ["dragleave", "drop"]) dropZone.addEventListener(type, () => dropZone.classList.remove("dragover"));
dropZone.addEventListener("drop", (e) => {
  e.preventDefault();
  const file = e.dataTransfer?.files?.[0];
  if (file) start(file);
});

/** Read one file in a fresh worker (a file picked while another is read replaces it). */
function start(file) {
  worker?.terminate();
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  app.dataset.state = "reading";
  errorBox.hidden = true;
  $("results").hidden = true;
  progress.value = 0;
  let announced = -1;
  setStatus(`Reading ${file.name} (${formatBytes(file.size)})...`);
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      const share = data.total > 0 ? Math.min(1, data.bytes / data.total) : 1;
      progress.value = share;
      // the live region speaks every 10 %, not every batch
      const tenth = Math.floor(share * 10);
      if (tenth !== announced) {
        announced = tenth;
        setStatus(`Reading ${file.name}: ${Math.round(share * 100)} % (${formatCount(data.rows)} rows)`);
      }
    } else if (data.type === "done") {
      progress.value = 1;
      show(data.results);
      setStatus(`Done: ${formatCount(data.results.decode.rows)} rows of ${file.name} in ${(data.elapsedMs / 1000).toFixed(1)} s.`);
      app.dataset.state = "done";
      finish();
    } else {
      fail(data.message);
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || "the worker could not start");
  };
  worker.postMessage({ type: "start", file, delimiter: $("delimiter").value });
}

function finish() {
  worker?.terminate();
  worker = null;
}

function fail(message) {
  errorBox.textContent = `The file could not be read: ${message}`;
  errorBox.hidden = false;
  setStatus("Stopped.");
  app.dataset.state = "error";
  finish();
}

function setStatus(text) {
  status.textContent = text;
}

/** Draw everything from the results: headline figures, row counts, charts, tables, and the JSON download. */
function show(results) {
  $("file-name").textContent = results.file.name;
  $("headline").replaceChildren(npsCard(results.nps.overall), csatCard(results.csat.overall), cesCard(results.ces.overall));
  $("quality").replaceChildren(qualityTable(results));
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([JSON.stringify(results, null, 2)], { type: "application/json" }));
  $("download").href = downloadUrl;
  $("results").hidden = false;
}

// ---- headline cards ----

function npsCard(r) {
  return card("nps", "NPS", r, 1, "points, -100 to 100", [
    ["promoters (9-10)", "nps.promoters", r.promoters],
    ["passives (7-8)", "nps.passives", r.passives],
    ["detractors (0-6)", "nps.detractors", r.detractors],
  ]);
}

function csatCard(r) {
  return card("csat", "CSAT", r, 1, `% satisfied (${r.satisfiedMin}+ of ${r.scale.min}-${r.scale.max})`, [
    ["satisfied", "csat.satisfied", r.satisfied],
    ["mean answer", "csat.mean", r.mean, 2],
  ]);
}

function cesCard(r) {
  return card("ces", "CES", r, 2, `mean answer, ${r.scale.min}-${r.scale.max} (${r.scale.max} = very easy)`, [
    ["easy answers", "ces.easy", r.easy.count],
    ["difficult answers", "ces.difficult", r.difficult.count],
    ["net easy (points)", "ces.netEasy", r.netEasy, 1],
  ]);
}

/** A metric's card: score with its interval and n, then its counts, missing and invalid answers. */
function card(id, name, r, digits, unit, extra) {
  const el = h("article", { class: "card", "aria-labelledby": `${id}-heading` });
  el.append(
    h("h4", { id: `${id}-heading` }, name),
    h("p", { class: "figure" }, figure(id, r.score, digits)),
    h("p", { class: "unit" }, unit),
    h("p", { class: "ci" }, r.ci ? ["95 % interval ", figure(`${id}.ci.lower`, r.ci.lower, digits), " to ", figure(`${id}.ci.upper`, r.ci.upper, digits)] : "95 % interval: no data"),
  );
  const rows = [["answers (n)", `${id}.n`, r.n], ...extra, ["missing answers", `${id}.missing`, r.missing], ["invalid answers", `${id}.invalid`, r.invalid?.count ?? 0]];
  const dl = h("dl");
  for (const [label, key, value, d] of rows) dl.append(h("dt", {}, label), h("dd", {}, figure(key, value, d)));
  el.append(dl);
  return el;
}

/** A number as text, with its full-precision value in data-value (empty for null) for tests and scripts. */
function figure(key, value, digits) {
  const text = value === null || value === undefined ? "no data" : digits === undefined ? formatCount(value) : value.toFixed(digits);
  return h("span", { "data-metric": key, "data-value": value === null || value === undefined ? "" : String(value) }, text);
}

// ---- rows that did not count ----

function qualityTable(results) {
  const d = results.decode;
  const table = h("table", { class: "cx-table quality" });
  table.append(h("caption", {}, "Every line of the file lands in one count; answers that were missing or invalid are counted, never dropped silently."));
  const body = h("tbody");
  const row = (label, key, value) => body.append(h("tr", {}, [h("th", { scope: "row" }, label), h("td", { class: "num" }, figure(key, value))]));
  row("lines read", "decode.lines", d.lines);
  row("header line", "decode.header", d.header);
  row("blank lines (skipped)", "decode.blank", d.blank);
  row("data rows", "decode.rows", d.rows);
  row("rows with every value read", "decode.complete", d.complete);
  row("rows with a missing value (in the five columns read)", "decode.withMissing", d.withMissing);
  row("rows rejected (not read)", "decode.rejected", d.rejected);
  for (const [code, n] of Object.entries(d.rejectedBy)) if (n > 0) row(`  rejected: ${code}`, `decode.rejectedBy.${code}`, n);
  row("line breaks inside quoted fields", "decode.continuationLines", d.continuationLines);
  for (const [id, name] of [["nps", "NPS"], ["csat", "CSAT"], ["ces", "CES"]]) {
    row(`${name} answers without a readable month (left out of the month table)`, `${id}.byMonth.invalid`, results[id].byMonth.invalid?.count ?? 0);
  }
  table.append(body);
  const parts = [table];
  if (results.rejected.length > 0) {
    const list = h("ul");
    for (const r of results.rejected) list.append(h("li", {}, `line ${r.line}${r.field ? `, column "${r.field}"` : ""}: ${r.reason}`));
    parts.push(h("details", {}, [h("summary", {}, `First ${results.rejected.length} rejected rows`), list]));
  }
  const examples = [];
  for (const [id, name] of [["nps", "NPS"], ["csat", "CSAT"], ["ces", "CES"]]) {
    for (const e of results[id].overall.invalid?.examples ?? []) examples.push(`${name}: ${JSON.stringify(e.value)} ${e.reason}`);
  }
  if (examples.length > 0) {
    const list = h("ul");
    for (const e of examples) list.append(h("li", {}, e));
    parts.push(h("details", {}, [h("summary", {}, "Invalid answers (first examples)"), list]));
  }
  const wrap = h("div");
  wrap.append(...parts);
  return wrap;
}

// ---- small helpers ----

/** Create an element with attributes and children (strings become text, never HTML). */
function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...(Array.isArray(children) ? children : [children]));
  return el;
}

/** 1234567 -> "1,234,567" (the same on every locale, so screenshots and tests do not depend on it). */
function formatCount(n) {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : String(n);
}

function formatBytes(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`;
}
