import { generateSubscriptions } from "../sample/generateSubscriptions.ts";
import { generateTickets, type SampleInstant } from "../sample/generateTickets.ts";
import { generateTransactions } from "../sample/generateTransactions.ts";

/** Rows generated per block: memory stays at one block whatever `--rows` is. */
export const SAMPLE_BLOCK: number = 65_536;

/** The seed of block k: block 0 uses the seed itself, so a file of up to one block equals the library's sample. */
function blockSeed(seed: number, k: number): number {
  return k === 0 ? seed : (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(k, 0x85ebca6b)) | 0;
}

function cell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function iso(t: SampleInstant | number | null): string {
  if (t === null) return "";
  return new Date(t).toISOString();
}

function* blocks<T>(rows: number, seed: number, header: string, make: (count: number, seed: number, offset: number) => T[], line: (r: T, offset: number) => string): Generator<string, void, undefined> {
  yield `${header}\n`;
  for (let k = 0, offset = 0; offset < rows; k++, offset += SAMPLE_BLOCK) {
    const count = Math.min(SAMPLE_BLOCK, rows - offset);
    const records = make(count, blockSeed(seed, k), offset);
    const lines: string[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) lines[i] = line(records[i]!, offset);
    if (lines.length > 0) yield `${lines.join("\n")}\n`;
  }
}

/** Header of `generate --kind tickets`. */
export const TICKETS_HEADER = "id,created_at,first_response_at,first_resolved_at,resolved_at,reopens,replies,priority,status,team,channel";

/**
 * Seeded tickets ({@link generateTickets}) as CSV with the header {@link TICKETS_HEADER}, instants as ISO strings
 * with Z, an empty field for an instant that has not happened (open tickets have no resolved_at). Generated in
 * blocks of {@link SAMPLE_BLOCK} tickets (block 0 with the seed itself, later blocks with seeds derived from it; ids
 * run on), so memory is one block whatever `rows` is. The same seed gives the same bytes.
 *
 * @param options rows (tickets) and seed
 * @returns chunks of CSV text, one per block after the header
 * @example
 * [...ticketsCsvChunks({ rows: 1, seed: 1 })][0] // => the header line
 * @see generateTickets
 */
export function ticketsCsvChunks(options: { rows: number; seed: number }): Generator<string, void, undefined> {
  return blocks(
    options.rows,
    options.seed,
    TICKETS_HEADER,
    (count, seed) => generateTickets({ count, seed, instants: "ms" }),
    (t, offset) =>
      [offset + t.id, iso(t.createdAt), iso(t.firstResponseAt), iso(t.firstResolvedAt), iso(t.resolvedAt), t.reopens, t.replies, cell(t.priority), t.status, cell(t.team), cell(t.channel)].join(","),
  );
}

/** Header of `generate --kind subscriptions`. */
export const SUBSCRIPTIONS_HEADER = "customerId,plan,start,end,reason,mrr";

/**
 * Seeded subscriptions ({@link generateSubscriptions}) as CSV with the header {@link SUBSCRIPTIONS_HEADER}.
 * `rows` is the number of customers: a returning customer adds a row. `end` and `reason` are empty while active
 * (and `reason` when the sample has none). Blocks of {@link SAMPLE_BLOCK} customers as for tickets, customer ids
 * running on. The same seed gives the same bytes.
 *
 * @param options rows (customers) and seed
 * @returns chunks of CSV text
 * @example
 * [...subscriptionsCsvChunks({ rows: 1, seed: 1 })][0] // => "customerId,plan,start,end,reason,mrr\n"
 * @see generateSubscriptions
 */
export function subscriptionsCsvChunks(options: { rows: number; seed: number }): Generator<string, void, undefined> {
  return blocks(
    options.rows,
    options.seed,
    SUBSCRIPTIONS_HEADER,
    (count, seed) => generateSubscriptions({ customers: count, seed, mrrEvents: false }).subscriptions,
    (s, offset) => [offset + s.customerId, cell(s.plan), iso(s.start), iso(s.end), cell(s.reason), s.mrr].join(","),
  );
}

/** Header of `generate --kind transactions`. */
export const TRANSACTIONS_HEADER = "customerId,at,amount";

/** The process behind `generate --kind transactions`: CDNOW's published BG/NBD and Gamma-Gamma fits, in weeks. */
export const TRANSACTION_SAMPLE_PARAMS = {
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  spend: { p: 6.25, q: 3.74, gamma: 15.44 },
  T: { min: 26, max: 78 },
} as const;

/**
 * Seeded purchases ({@link generateTransactions}: BG/NBD with CDNOW's fitted parameters, Gamma-Gamma spends, weeks
 * from 2024-01-01, customers joining over a year and observed 26-78 weeks) as CSV with the header
 * {@link TRANSACTIONS_HEADER}, `at` an ISO instant with Z (to the ms), `amount` to the cent. `rows` is the number
 * of customers (each makes one or more purchases). Blocks of {@link SAMPLE_BLOCK} customers, ids running on. The
 * same seed gives the same bytes.
 *
 * @param options rows (customers) and seed
 * @returns chunks of CSV text
 * @example
 * [...transactionsCsvChunks({ rows: 1, seed: 1 })][0] // => "customerId,at,amount\n"
 * @see generateTransactions; Fader, Hardie & Lee (2005), Marketing Science 24(2)
 */
export function transactionsCsvChunks(options: { rows: number; seed: number }): Generator<string, void, undefined> {
  return blocks(
    options.rows,
    options.seed,
    TRANSACTIONS_HEADER,
    (count, seed) => generateTransactions({ customers: count, seed, params: { ...TRANSACTION_SAMPLE_PARAMS.params }, spend: { ...TRANSACTION_SAMPLE_PARAMS.spend }, T: { ...TRANSACTION_SAMPLE_PARAMS.T } }),
    (t, offset) => [offset + t.customerId, iso(t.at), (Math.round(t.amount * 100) / 100).toFixed(2)].join(","),
  );
}
