import { surveyCsvChunks } from "../sample/surveyCsvChunks.ts";

/** A seeded data generator of `cx-metrics generate`: CSV text chunks for `rows` rows. */
export type Generator = (options: { rows: number; seed: number }) => Iterable<string>;

/**
 * The kinds of `cx-metrics generate`. `null`: planned, being written on another branch. To wire one in, point it
 * at the generator, e.g. `tickets: ({ rows, seed }) => ticketsCsvChunks(generateTickets({ count: rows, seed }))`
 * (src/sample/generateTickets.ts; likewise generateSubscriptions.ts, generateTransactions.ts).
 */
export const GENERATORS: Readonly<Record<string, Generator | null>> = {
  survey: ({ rows, seed }) => surveyCsvChunks({ count: rows, seed }),
  tickets: null,
  subscriptions: null,
  transactions: null,
};
