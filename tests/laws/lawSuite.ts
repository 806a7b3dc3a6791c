/**
 * The shared aggregator law suite (DESIGN 3). Every aggregator of the library registers here with a generator of
 * inputs that includes edge values; the suite checks, with seeded fast-check properties:
 *  1. identity: merge(empty, s) and merge(s, empty) equal s (state and result);
 *  2. associativity and commutativity of merge (results equal, floating sums within `tolerance`);
 *  3. homomorphism: for random splits of the input, merging the parts' states gives the one-pass result;
 *  4. JSON round-trip: fromJSON(JSON.parse(JSON.stringify(s))) gives the same state and result;
 *  5. purity: merge and result leave their arguments unchanged;
 * and that fromJSON rejects another kind, another version and a state missing any field, and that merging
 * states built with different options throws IncompatibleStatesError.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Aggregator, AggregatorState } from "../../src/aggregate/aggregator.ts";
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
        }),
        options,
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
    }
  });
}
