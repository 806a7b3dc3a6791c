// Summarise a V8 .cpuprofile: self time per function (with its script and line), top 25.
//   node bench/profile-summary.mjs <file.cpuprofile>
import { readFileSync } from "node:fs";

const profile = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const f = node.callFrame;
  const key = `${f.functionName || "(anonymous)"}  ${f.url.replace(/^.*\/(dist|bench|node_modules)\//, "$1/")}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);

// With a function name as second argument: its hot source lines (V8 positionTicks), top 20.
const fn = process.argv[3];
if (fn) {
  const lines = new Map();
  let url = "";
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== fn) continue;
    url = node.callFrame.url;
    for (const { line, ticks } of node.positionTicks ?? []) lines.set(line, (lines.get(line) ?? 0) + ticks);
  }
  const sum = [...lines.values()].reduce((a, b) => a + b, 0);
  const src = url.startsWith("file://") ? readFileSync(new URL(url), "utf8").split("\n") : [];
  console.log(`\n${fn}: ${sum} ticks by line`);
  for (const [line, ticks] of [...lines.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`${((100 * ticks) / sum).toFixed(1).padStart(5)} %  ${String(line).padStart(5)}  ${(src[line - 1] ?? "").trim().slice(0, 110)}`);
  }
}
