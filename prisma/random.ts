// The one random generator for generated data (the demo in prisma/demo-data.ts, the benchmark's
// national data set in scripts/bench-data.ts). Pure and deterministic: a generator is seeded by a
// string that names what it describes, so a figure depends only on its own key, never on how many
// numbers were drawn before it elsewhere. Changing anything here changes every demo figure, and
// tests/integration/seed.test.ts checks some of them exactly.

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
};

/** FNV-1a, 32 bits: turns the seed string into the generator's first state. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32 seeded with the FNV-1a hash of `seed`: small, fast, good enough for invented figures. */
export function seededRng(seed: string): Rng {
  let state = hash32(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    pick: (items) => items[Math.floor(items.length * next())],
  };
}
