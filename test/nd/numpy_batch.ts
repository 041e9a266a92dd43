import { spawnSync } from 'node:child_process';

/**
 * Runs `script` (Python, reading the JSON list `cases` from stdin and
 * printing a JSON list of answers) once for a whole batch.
 */
export function numpyBatch<T>(script: string, cases: readonly unknown[]): T[] {
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T[];
}

/** A small seeded PRNG (mulberry32), so a failing case can be replayed. */
export function rng(seed: number): {
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  chance: (p: number) => boolean;
} {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return { int, pick: (xs) => xs[int(0, xs.length - 1)]!, chance: (p) => next() < p };
}

/** A random shape of 0–5 axes whose sizes include 0 and 1. */
export function randomShape(r: ReturnType<typeof rng>, maxDims = 5, maxSize = 4): number[] {
  const ndim = r.int(0, maxDims);
  return Array.from({ length: ndim }, () => (r.chance(0.08) ? 0 : r.chance(0.2) ? 1 : r.int(1, maxSize)));
}

/** A random permutation of 0..n-1. */
export function permutation(r: ReturnType<typeof rng>, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = r.int(0, i);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}
