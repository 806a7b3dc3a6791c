import type { Aggregator, AggregatorState } from "./aggregator.ts";

/** Anything `runAggregator` can read records from. */
export type RecordSource<In> = Iterable<In> | AsyncIterable<In> | ReadableStream<In>;

/** Options of {@link runAggregator}. */
export interface RunOptions<S> {
  /** Continue from this state instead of `empty()` (it may be mutated). */
  initial?: S;
  /** Index of the first record, for error reports when a source is one chunk of a larger input. Default 0. */
  startIndex?: number;
}

/**
 * Feed every record of a source through an aggregator and return the final state (not the result, so that
 * states from several sources can be merged first; call `aggregator.result(state)` for the result).
 *
 * Sources: arrays and any iterable, async iterables (Node streams in object mode, generators) and web
 * `ReadableStream`s (browser, Deno, Node 18+). Records are numbered from `startIndex` for error reports.
 * O(records) time, the aggregator's memory.
 *
 * @param aggregator any aggregator
 * @param source the records
 * @returns a promise of the final state
 * @example
 * const agg = npsAggregator();
 * agg.result(await runAggregator(agg, [10, 9, 3])).score // => 33.33...
 * @see DESIGN.md section 3
 */
export async function runAggregator<In, S extends AggregatorState, Out>(
  aggregator: Aggregator<In, S, Out>,
  source: RecordSource<In>,
  options: RunOptions<S> = {},
): Promise<S> {
  let state = options.initial ?? aggregator.empty();
  let index = options.startIndex ?? 0;
  if (isReadableStream(source)) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        state = aggregator.add(state, value, index++);
      }
    } finally {
      reader.releaseLock();
    }
    return state;
  }
  if (Symbol.asyncIterator in source) {
    for await (const r of source as AsyncIterable<In>) state = aggregator.add(state, r, index++);
    return state;
  }
  for (const r of source as Iterable<In>) state = aggregator.add(state, r, index++);
  return state;
}

function isReadableStream<In>(source: RecordSource<In>): source is ReadableStream<In> {
  return typeof (source as ReadableStream<In>).getReader === "function";
}
