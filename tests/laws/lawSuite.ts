/**
 * The shared aggregator law suite (DESIGN 3). Every aggregator of the library registers here with a generator of
 * inputs that includes edge values; the suite checks, with seeded fast-check properties:
 *  1. identity: merge(empty, s) and merge(s, empty) equal s (state and result);
 *  2. associativity and commutativity of merge (results equal, floating sums within `tolerance`);
 *  3. homomorphism: for random splits of the input, merging the parts' states gives the one-pass result;
 *  4. JSON round-trip: fromJSON(JSON.parse(JSON.stringify(s))) gives the same state and result;
 *  5. purity: merge and result leave their arguments unchanged;
 * and that fromJSON rejects another kind, another version, a state missing any field and a state with any field
 * of the wrong type; that merging states built with different options throws IncompatibleStatesError (or that
 * fromJSON refuses the other state); and that runAggregator over an array, an iterable, an async iterable and a
 * web ReadableStream gives identical states.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Aggregator, AggregatorState } from "../../src/aggregate/aggregator.ts";
import { runAggregator } from "../../src/aggregate/runAggregator.ts";
import { IncompatibleStatesError, InvalidStateError } from "../../src/errors.ts";

export interface LawSpec<In, S extends AggregatorState, Out> {
  /** A fresh aggregator (called once per property run, since add may mutate states). */
  make: () => Aggregator<In, S, Out>;
  /** Inputs, including edge values the aggregator must accept (or count as invalid). */
  input: fc.Arbitrary<In>;
  /** An aggregator of the same kind built with other options, whose states must not merge with make()'s. */
  other?: () => Aggregator<In, S, Out>;
  /** Relative tolerance for numbers in results compared after merges in a different order (0 = exact). */
  tolerance?: number;
  /** Number of runs per property (default 200). */
  numRuns?: number;
}

const SEED = 20261124;

/** Fold inputs into a state, numbering them from `start` (their position in the whole input). */
export function fold<In, S extends AggregatorState, Out>(agg: Aggregator<In, S, Out>, inputs: readonly In[], start = 0): S {
  let s = agg.empty();
  inputs.forEach((x, i) => (s = agg.add(s, x, start + i)));
  return s;
}

/** Deep equality where numbers may differ by a relative tolerance. */
export function expectClose(actual: unknown, expected: unknown, tolerance: number, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (Object.is(actual, expected)) return;
    const scale = Math.max(Math.abs(actual), Math.abs(expected), 1e-300);
    if (!(Math.abs(actual - expected) <= tolerance * scale || Math.abs(actual - expected) <= 1e-12 * tolerance)) {
      throw new Error(`${path}: ${actual} differs from ${expected} beyond relative tolerance ${tolerance}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) throw new Error(`${path}: array ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    expected.forEach((e, i) => expectClose(actual[i], e, tolerance, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") throw new Error(`${path}: ${JSON.stringify(actual)} is not an object`);
    const ka = Object.keys(actual).sort();
    const ke = Object.keys(expected).sort();
    if (JSON.stringify(ka) !== JSON.stringify(ke)) throw new Error(`${path}: keys ${ka} vs ${ke}`);
    for (const k of ke) expectClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], tolerance, `${path}.${k}`);
    return;
  }
  if (!Object.is(actual, expected)) throw new Error(`${path}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
}

/** Split `xs` into consecutive parts at the given cut points (sorted, deduplicated, clipped). */
function splitAt<T>(xs: readonly T[], cuts: number[]): { start: number; part: T[] }[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, xs.length)))].sort((a, b) => a - b);
  const parts: { start: number; part: T[] }[] = [];
  let prev = 0;
  for (const c of [...points, xs.length]) {
    parts.push({ start: prev, part: xs.slice(prev, c) });
    prev = c;
  }
  return parts;
}

const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/**
 * Change every value reachable from `x` in place (numbers, strings, booleans, nulls, and push onto arrays), so that
 * any object or array shared with another value shows up as a change there.
 */
export function scramble(x: unknown): void {
  if (x === null || typeof x !== "object") return;
  const o = x as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v !== null && typeof v === "object") scramble(v);
    else o[k] = typeof v === "number" ? v + 1 : typeof v === "string" ? `${v}!` : typeof v === "boolean" ? !v : 12345;
  }
  if (Array.isArray(x)) x.push(-7);
  else o["scrambled"] = true;
}

/** Every path (list of keys) to a node below the root of a JSON value, the root's own `v` and `kind` excluded. */
function pathsOf(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (x === null || typeof x !== "object") return [];
  const out: (string | number)[][] = [];
  for (const [k, v] of Object.entries(x)) {
    if (prefix.length === 0 && (k === "v" || k === "kind")) continue;
    const p = [...prefix, Array.isArray(x) ? Number(k) : k];
    out.push(p, ...pathsOf(v, p));
  }
  return out;
}

/** A deep copy of `x` with the node at `path` replaced by `value`. */
function replaceAt(x: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = json(x);
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

/** The same records as an array, a plain iterable, an async iterable and a web ReadableStream. */
function sourcesOf<T>(xs: readonly T[]): [string, Iterable<T> | AsyncIterable<T> | ReadableStream<T>][] {
  return [
    ["array", [...xs]],
    ["iterable", { *[Symbol.iterator]() { yield* xs; } }],
    ["async iterable", (async function* () { for (const x of xs) yield x; })()],
    ["ReadableStream", new ReadableStream<T>({ start(c) { xs.forEach((x) => c.enqueue(x)); c.close(); } })],
  ];
}

/** Register the laws for one aggregator as a vitest `describe` block. */
export function checkAggregatorLaws<In, S extends AggregatorState, Out>(name: string, spec: LawSpec<In, S, Out>): void {
  const tol = spec.tolerance ?? 0;
  const numRuns = spec.numRuns ?? 200;
  const list = fc.array(spec.input, { maxLength: 60 });
  const options = { seed: SEED, numRuns };

  describe(`aggregator laws: ${name}`, () => {
    it("states and results are plain JSON (no Maps, classes, typed arrays, undefined or non-finite numbers)", () => {
      fc.assert(
        fc.property(list, (xs) => {
          const agg = spec.make();
          const s = fold(agg, xs);
          expect(json(s)).toEqual(s);
          expect(json(agg.result(s))).toEqual(agg.result(s));
        }),
        options,
      );
    });

    it("identity: merge(empty, s) = s = merge(s, empty)", () => {
      fc.assert(
        fc.property(list, (xs) => {
          const agg = spec.make();
          const s = fold(agg, xs);
          const r = agg.result(s);
          expect(json(agg.merge(agg.empty(), s))).toEqual(json(s));
          expect(json(agg.merge(s, agg.empty()))).toEqual(json(s));
          expect(agg.result(agg.merge(agg.empty(), s))).toEqual(r);
          expect(agg.result(agg.empty())).toEqual(agg.result(agg.merge(agg.empty(), agg.empty())));
        }),
        options,
      );
    });

    it("merge is commutative and associative", () => {
      fc.assert(
        fc.property(list, list, list, (xs, ys, zs) => {
          const agg = spec.make();
          // Global positions so that invalid-record examples are comparable.
          const a = fold(agg, xs, 0);
          const b = fold(agg, ys, xs.length);
          const c = fold(agg, zs, xs.length + ys.length);
          expectClose(agg.result(agg.merge(a, b)), agg.result(agg.merge(b, a)), tol);
          expectClose(agg.result(agg.merge(agg.merge(a, b), c)), agg.result(agg.merge(a, agg.merge(b, c))), tol);
        }),
        options,
      );
    });

    it("homomorphism: merging the states of any split equals one pass", () => {
      fc.assert(
        fc.property(list, fc.array(fc.nat({ max: 60 }), { maxLength: 5 }), fc.boolean(), (xs, cuts, reverse) => {
          const agg = spec.make();
          const whole = agg.result(fold(agg, xs));
          const states = splitAt(xs, cuts).map(({ start, part }) => fold(agg, part, start));
          if (reverse) states.reverse();
          const merged = states.reduce((acc, s) => agg.merge(acc, s), agg.empty());
          expectClose(agg.result(merged), whole, tol);
        }),
        options,
      );
    });

    it("JSON round-trip keeps the state and its result", () => {
      fc.assert(
        fc.property(list, (xs) => {
          const agg = spec.make();
          const s = fold(agg, xs);
          const back = agg.fromJSON(JSON.parse(JSON.stringify(s)));
          expect(back).toEqual(json(s));
          expect(agg.result(back)).toEqual(agg.result(s));
          // A read-back state keeps working: adding to it equals adding to the original.
          const extra = fold(agg, xs, xs.length);
          expect(agg.result(agg.merge(back, extra))).toEqual(agg.result(agg.merge(s, extra)));
        }),
        options,
      );
    });

    it("purity: merge and result leave their arguments unchanged", () => {
      fc.assert(
        fc.property(list, list, (xs, ys) => {
          const agg = spec.make();
          const a = fold(agg, xs);
          const b = fold(agg, ys, xs.length);
          const before = [JSON.stringify(a), JSON.stringify(b)];
          const m = agg.merge(a, b);
          agg.result(a);
          agg.result(m);
          expect([JSON.stringify(a), JSON.stringify(b)]).toEqual(before);
          // The merged state shares nothing mutable with its inputs.
          const again = fold(agg, ys, 0);
          agg.merge(m, again);
          for (const y of ys) agg.add(m, y);
          expect([JSON.stringify(a), JSON.stringify(b)]).toEqual(before);
          // Changing every value of a merged state (also one merged with the identity) leaves the inputs alone.
          scramble(m);
          const e = agg.merge(agg.empty(), a);
          const f = agg.merge(b, agg.empty());
          scramble(e);
          scramble(f);
          expect([JSON.stringify(a), JSON.stringify(b)]).toEqual(before);
        }),
        options,
      );
    });

    it("purity: a result shares nothing with its state (changing the result changes neither state nor next result)", () => {
      fc.assert(
        fc.property(list, (xs) => {
          const agg = spec.make();
          const s = fold(agg, xs);
          const before = JSON.stringify(s);
          const r0 = JSON.stringify(agg.result(s));
          const r = agg.result(s);
          scramble(r);
          expect(JSON.stringify(s)).toBe(before);
          expect(JSON.stringify(agg.result(s))).toBe(r0);
        }),
        options,
      );
    });

    it("fromJSON rejects a state with any field of the wrong type, naming the state in a clear error", () => {
      fc.assert(
        fc.property(list, (xs) => {
          const agg = spec.make();
          const s = json(fold(agg, xs));
          for (const path of pathsOf(s)) {
            let node: unknown = s;
            for (const k of path) node = (node as Record<string | number, unknown>)[k];
            // No field of any state may be an array where an object or a scalar belongs, or an object elsewhere.
            const wrong = node !== null && typeof node === "object" && !Array.isArray(node) ? [] : {};
            let err: unknown;
            try {
              agg.fromJSON(replaceAt(s, path, wrong));
            } catch (e) {
              err = e;
            }
            expect(err, `${path.join(".")} := ${JSON.stringify(wrong)}`).toBeInstanceOf(InvalidStateError);
            expect((err as Error).message).toMatch(/^[a-z-]+ state: .{8,}/);
          }
        }),
        { ...options, numRuns: Math.min(numRuns, 15) },
      );
    });

    it("runAggregator over an array, an iterable, an async iterable and a ReadableStream gives identical states", async () => {
      await fc.assert(
        fc.asyncProperty(list, async (xs) => {
          const agg = spec.make();
          const expected = json(fold(agg, xs));
          for (const [name, source] of sourcesOf(xs)) {
            const s = await runAggregator(agg, source);
            expect(json(s), name).toEqual(expected);
          }
        }),
        { ...options, numRuns: Math.min(numRuns, 50) },
      );
    });

    it("fromJSON rejects another kind, another version and any missing field", () => {
      fc.assert(
        fc.property(list, (xs) => {
          const agg = spec.make();
          const s = json(fold(agg, xs)) as Record<string, unknown>;
          expect(() => agg.fromJSON({ ...s, kind: `${agg.kind}-other` })).toThrow(InvalidStateError);
          expect(() => agg.fromJSON({ ...s, v: 2 })).toThrow(InvalidStateError);
          expect(() => agg.fromJSON(null)).toThrow(InvalidStateError);
          expect(() => agg.fromJSON([s])).toThrow(InvalidStateError);
          for (const key of Object.keys(s)) {
            if (key === "v" || key === "kind") continue;
            const damaged = { ...s };
            delete damaged[key];
            expect(() => agg.fromJSON(damaged), `missing ${key}`).toThrow(InvalidStateError);
          }
        }),
        { ...options, numRuns: Math.min(numRuns, 30) },
      );
    });

    if (spec.other) {
      const other = spec.other;
      it("merging states built with different options throws", () => {
        const agg = spec.make();
        expect(() => agg.merge(agg.empty(), other().empty())).toThrow(IncompatibleStatesError);
        expect(() => agg.merge(other().empty(), agg.empty())).toThrow(IncompatibleStatesError);
      });

      it("states built with different options never mix: merge throws, and fromJSON refuses or the merge throws", () => {
        fc.assert(
          fc.property(list, list, (xs, ys) => {
            const agg = spec.make();
            const o = other();
            const a = fold(agg, xs);
            const b = fold(o, ys, xs.length);
            expect(() => agg.merge(a, b)).toThrow(IncompatibleStatesError);
            expect(() => o.merge(b, a)).toThrow(IncompatibleStatesError);
            let read: S;
            try {
              read = agg.fromJSON(json(b));
            } catch (e) {
              expect(e).toBeInstanceOf(InvalidStateError);
              return;
            }
            expect(() => agg.merge(a, read)).toThrow(IncompatibleStatesError);
          }),
          { ...options, numRuns: Math.min(numRuns, 50) },
        );
      });
    }
  });
}
