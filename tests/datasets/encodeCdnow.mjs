// Writes src/datasets/cdnowSampleData.ts from ../shared/data/cdnow/CDNOW_sample.txt (run: node tests/datasets/encodeCdnow.mjs).
// Encoding (base 36, fixed widths), per customer in sample-id order 1..2357:
//   master id (3 chars) + number of rows (2 chars), then per row: days since 1997-01-01 (2), CDs (2), cents (4).
// tests/clv/cdnowSample.test.ts checks that the decoded module equals the file row for row.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const rows = readFileSync(resolve(root, "../shared/data/cdnow/CDNOW_sample.txt"), "utf8")
  .split(/\r?\n/)
  .filter((l) => l.trim() !== "")
  .map((l) => l.trim().split(/\s+/));
const b36 = (n, width) => {
  const s = n.toString(36);
  if (!Number.isSafeInteger(n) || n < 0 || s.length > width) throw new Error(`${n} does not fit ${width} base-36 digits`);
  return s.padStart(width, "0");
};
const start = Date.UTC(1997, 0, 1);
let out = "";
let expected = 1;
for (let i = 0; i < rows.length; ) {
  const [master, sample] = rows[i];
  if (Number(sample) !== expected++) throw new Error(`sample ids are not 1, 2, 3, ... at row ${i}`);
  let j = i;
  while (j < rows.length && rows[j][1] === sample) j++;
  out += b36(Number(master), 3) + b36(j - i, 2);
  for (const [m, , date, cds, dollars] of rows.slice(i, j)) {
    if (m !== master) throw new Error(`sample id ${sample} has two master ids`);
    const day = (Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) - start) / 86_400_000;
    const cents = Math.round(Number(dollars) * 100);
    if ((cents / 100).toFixed(2) !== Number(dollars).toFixed(2)) throw new Error(`dollars ${dollars} are not whole cents`);
    out += b36(day, 2) + b36(Number(cds), 2) + b36(cents, 4);
  }
  i = j;
}
const lines = out.match(/.{1,116}/g).map((l) => `  "${l}"`);
writeFileSync(
  resolve(root, "src/datasets/cdnowSampleData.ts"),
  `/**\n * The CDNOW 1/10 sample (2,357 customers, ${rows.length} purchases), encoded by tests/datasets/encodeCdnow.mjs: see cdnowSample.ts for\n * the layout, the source and the licence. Only cdnowSample.ts imports this module.\n */\nexport const CDNOW_SAMPLE_DATA: string =\n${lines.join(" +\n")};\n`,
);
console.log(`${rows.length} rows, ${expected - 1} customers, ${out.length} characters`);
