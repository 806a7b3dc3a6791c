/**
 * The aggregator contract (DESIGN 3): every metric exists as a one-shot function and as an aggregator whose
 * state is versioned plain JSON, so it can be built in pieces, stored, sent between processes and merged.
 *
 * Laws (checked for every aggregator by the shared suite in tests/laws/):
 * 1. identity: merge(empty(), s) and merge(s, empty()) give s;
 * 2. merge is associative and commutative;
 * 3. homomorphism: merging the states of any split of the input gives the state of one pass;
 * 4. JSON round-trip: fromJSON(JSON.parse(JSON.stringify(s))) gives a state with the same result;
 * 5. purity: merge and result leave their arguments unchanged.
 */

/** The common header of every aggregator state: a format version and the aggregator's kind. */
export interface AggregatorState {
  /** Format version of the state; bumped when the layout changes. */
  readonly v: 1;
  /** The aggregator's kind, e.g. `"nps"`. */
  readonly kind: string;
}

/** A streaming, mergeable form of a metric. */
export interface Aggregator<In, S extends AggregatorState, Out> {
  /** The kind written into every state, e.g. `"nps"`. */
  readonly kind: string;
  /** A new identity state. */
  empty(): S;
  /**
   * Add one input. MAY mutate `state` and return it (for speed); nothing else is touched.
   * `index` is the input's position, used in error reports; it defaults to the number of inputs the state has seen.
   */
  add(state: S, input: In, index?: number): S;
  /** A new state holding both; never mutates `a` or `b`. Throws IncompatibleStatesError for different options. */
  merge(a: S, b: S): S;
  /** The result; pure, and never throws on a valid state, even an empty one. */
  result(state: S): Out;
  /** Validate a parsed JSON value and return it as a state; throws InvalidStateError on another kind, version or damage. */
  fromJSON(json: unknown): S;
}

/** What a caller wants done with an invalid record: stop with an error (default), or count it and go on. */
export type OnInvalid = "throw" | "count";

/** The input type of an aggregator. */
export type AggregatorInput<A> = A extends Aggregator<infer In, AggregatorState, unknown> ? In : never;
/** The state type of an aggregator. */
export type AggregatorStateOf<A> = A extends Aggregator<unknown, infer S, unknown> ? S : never;
/** The result type of an aggregator. */
export type AggregatorResult<A> = A extends Aggregator<never, AggregatorState, infer Out> ? Out : never;
