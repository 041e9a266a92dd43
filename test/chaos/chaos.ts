/**
 * Shared pieces of the chaos suites: a seeded PRNG (so a failing seed can be
 * replayed), a hang bound, and the checks that say "nothing lost, nothing
 * duplicated" for each kind of call.
 */
import { ErrorCode } from 'corepool';
import { expect } from 'vitest';

/** mulberry32: small, fast, and the same sequence on every run for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi). */
export const between = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo));

/**
 * Rejects with code CHAOS_HANG if `promise` has not settled after `ms`.
 * A bound on hangs, not a speed check: it is far above what any run needs.
 */
export function noHang<T>(promise: Promise<T>, what: string, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} did not settle within ${ms} ms`), { code: 'CHAOS_HANG' })), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/** Codes a call may reject with when workers are killed under it (README, Pool crash contract). */
export const CRASH_CODES: readonly string[] = [ErrorCode.WORKER_CRASHED, ErrorCode.POOL_BROKEN];

export function expectCrashError(error: unknown, allowed: readonly string[] = CRASH_CODES): void {
  expect(allowed, `unexpected error: ${String((error as Error)?.stack ?? error)}`).toContain((error as { code?: string })?.code);
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Drains an async iterator, recording each next() that rejects instead of stopping there. */
export async function drain<T>(iterable: AsyncIterable<T>, limit: number): Promise<Array<Outcome<T>>> {
  const it = iterable[Symbol.asyncIterator]();
  const out: Array<Outcome<T>> = [];
  // `limit` stops an iterator that would go on forever (a duplicate-delivery bug).
  while (out.length <= limit) {
    try {
      const r = await it.next();
      if (r.done === true) return out;
      out.push({ ok: true, value: r.value });
    } catch (error) {
      out.push({ ok: false, error });
    }
  }
  throw new Error(`the iterator yielded more than ${limit} outcomes`);
}

/**
 * imap, in input order: each chunk of `chunksize` items arrives whole, or as
 * one rejected next() at its position (README). Returns how many chunks failed.
 */
export function checkOrdered(outcomes: Array<Outcome<number>>, n: number, chunksize: number, f: (i: number) => number): number {
  let i = 0;
  let failed = 0;
  for (const o of outcomes) {
    if (o.ok) {
      expect(o.value, `item ${i}`).toBe(f(i));
      i++;
    } else {
      expectCrashError(o.error);
      expect(i % chunksize, 'a failed chunk starts at a chunk boundary').toBe(0);
      i = Math.min(n, i + chunksize);
      failed++;
    }
  }
  expect(i, 'every item delivered or failed with its chunk').toBe(n);
  return failed;
}

/**
 * imapUnordered: results carry their index. Each index arrives at most once,
 * with its right value, and the missing ones make up exactly the failed chunks.
 */
export function checkUnordered(outcomes: Array<Outcome<[number, number]>>, n: number, chunksize: number, f: (i: number) => number): number {
  const seen = new Set<number>();
  let failed = 0;
  for (const o of outcomes) {
    if (!o.ok) {
      expectCrashError(o.error);
      failed++;
      continue;
    }
    const [i, v] = o.value;
    expect(seen.has(i), `index ${i} delivered twice`).toBe(false);
    expect(v, `item ${i}`).toBe(f(i));
    seen.add(i);
  }
  const missingChunks = new Set<number>();
  for (let i = 0; i < n; i++) if (!seen.has(i)) missingChunks.add(Math.floor(i / chunksize));
  for (const c of missingChunks) {
    for (let i = c * chunksize; i < Math.min(n, (c + 1) * chunksize); i++) expect(seen.has(i), `chunk ${c} half delivered`).toBe(false);
  }
  expect(missingChunks.size, 'one rejected next() per lost chunk').toBe(failed);
  return failed;
}
