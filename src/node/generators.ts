import { surveyCsvChunks } from "../sample/surveyCsvChunks.ts";
import { subscriptionsCsvChunks, ticketsCsvChunks, transactionsCsvChunks } from "./sampleCsvChunks.ts";

/** A seeded data generator of `cx-metrics generate`: CSV text chunks for `rows` rows. */
export type Generator = (options: { rows: number; seed: number }) => Iterable<string>;

/**
 * The kinds of `cx-metrics generate` (`null` would mark a planned one). `rows` counts survey answers and tickets,
 * and customers for subscriptions and transactions (src/node/sampleCsvChunks.ts).
 */
export const GENERATORS: Readonly<Record<string, Generator | null>> = {
  survey: ({ rows, seed }) => surveyCsvChunks({ count: rows, seed }),
  tickets: ticketsCsvChunks,
  subscriptions: subscriptionsCsvChunks,
  transactions: transactionsCsvChunks,
};
