/** Readers of the CDNOW files in ../shared/data/cdnow/ (see its README): the sample's transactions and summaries. */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CDNOW_DIR: string = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/data/cdnow");

export interface CdnowTransaction {
  customerId: number;
  at: string;
  cds: number;
  amount: number;
}

/** CDNOW_sample.txt: master id, sample id, YYYYMMDD, CDs, dollars; the customer is the sample id (1..2357). */
export function readCdnowSample(): CdnowTransaction[] {
  return readFileSync(resolve(CDNOW_DIR, "CDNOW_sample.txt"), "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [, sampleId, date, cds, dollars] = l.trim().split(/\s+/);
      return { customerId: Number(sampleId), at: `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6, 8)}`, cds: Number(cds), amount: Number(dollars) };
    });
}

/** A CSV with a header row, as objects of numbers (CRLF or LF line ends). */
export function readNumberCsv(file: string): Record<string, number>[] {
  const [header, ...lines] = readFileSync(resolve(CDNOW_DIR, file), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const names = header!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, Number(v)])));
}
