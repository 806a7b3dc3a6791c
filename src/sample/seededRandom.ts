/** The generator returned by {@link seededRandom}. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box-Muller). */
  normal(): number;
  /** Pick an index by weights (need not sum to 1). */
  pick(weights: readonly number[]): number;
}

/**
 * A small, fast, seeded pseudo-random generator (sfc32, from PractRand) with a normal deviate, so that samples,
 * tests and benchmarks are the same on every machine and runtime. Not for cryptography.
 *
 *   state (a, b, c, d) 32-bit words; t = a + b + d; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t; d += 1
 *   next() = t / 2^32;  normal() by Box-Muller, one spare deviate kept
 *
 * O(1) time and memory per draw; 15 draws are discarded after seeding so nearby seeds diverge.
 *
 * @param seed any number; the same seed gives the same sequence everywhere
 * @returns the generator
 * @example
 * seededRandom(42).next() === seededRandom(42).next() // => true
 * @see Doty-Humphrey, C. PractRand: sfc32 ("small fast counting" generator).
 */
export function seededRandom(seed: number): SeededRandom {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 + seed * 7;
  let c = 0xb7e15162 ^ (seed >>> 3);
  let d = 1;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  let spare: number | null = null;
  return {
    next,
    int: (n: number): number => Math.floor(next() * n),
    normal(): number {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    pick(weights: readonly number[]): number {
      let total = 0;
      for (const w of weights) total += w;
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i]!;
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
