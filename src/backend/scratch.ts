/**
 * Shared scratch memory for the fallback backend's worker calls, reused
 * across calls.
 *
 * Why not a fresh SharedArrayBuffer per call: each worker that receives one
 * keeps its own handle to the memory until that worker's isolate collects
 * garbage, and an idle kernel worker with a tiny heap almost never does. Fresh
 * buffers grew RSS by about 75 MB over 1e4 `random.normal` calls
 * (`npm run soak`, fallback); reused ones keep it flat.
 */
import type { NumericArray } from '../dtypes.js';

/** Buffers kept for reuse at most; more would only hold memory. */
const MAX_CACHED = 8;
/** An unused cache is dropped after this long, so a burst of big calls does not pin memory for ever. */
const IDLE_MS = 2000;
/** Sizes round up to a power of two from here, so similar requests share buffers. */
const MIN_BYTES = 4096;

const cache: SharedArrayBuffer[] = [];
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function roundUp(bytes: number): number {
  let size = MIN_BYTES;
  while (size < bytes) size *= 2;
  return size;
}

function acquire(bytes: number): SharedArrayBuffer {
  const want = roundUp(bytes);
  const i = cache.findIndex((b) => b.byteLength === want);
  if (i >= 0) return cache.splice(i, 1)[0]!;
  return new SharedArrayBuffer(want);
}

function release(buffer: SharedArrayBuffer): void {
  cache.push(buffer);
  // The smallest go first: big ones are the costly ones to make again.
  if (cache.length > MAX_CACHED) cache.sort((x, y) => y.byteLength - x.byteLength).length = MAX_CACHED;
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    cache.length = 0;
    idleTimer = undefined;
  }, IDLE_MS);
  idleTimer.unref();
}

type Ctor<T> = new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => T;

/**
 * The scratch arrays of one call. Arrays it hands out are views of pooled
 * memory: they must not outlive the call, and `release()` must run once the
 * workers are done with them (after the call settles, successfully or not).
 */
export class Scratch {
  readonly #taken: SharedArrayBuffer[] = [];

  /** A shared array of `length` elements; its contents are undefined unless `zeroed`. */
  array<T extends NumericArray>(ctor: Ctor<T>, length: number, zeroed = false): T {
    const bytesPer = (ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    const buffer = acquire(length * bytesPer);
    this.#taken.push(buffer);
    const view = new ctor(buffer, 0, length);
    if (zeroed) view.fill(0);
    return view;
  }

  /** A shared array of `a`'s dtype and length, holding a copy of `a` when `copy`. */
  like<T extends NumericArray>(a: T, copy: boolean): T {
    const view = this.array(a.constructor as Ctor<T>, a.length);
    if (copy) view.set(a as never); // same dtype: a byte copy, NaN payloads kept
    return view;
  }

  /** Returns every array of this call to the pool. */
  release(): void {
    for (const buffer of this.#taken.splice(0)) release(buffer);
  }

  /** Forgets every array of this call without reusing it. */
  discard(): void {
    this.#taken.length = 0;
  }
}

/**
 * Runs `body` with a Scratch whose arrays go back to the pool when it
 * resolves. When it rejects they are dropped instead: a worker that failed may
 * leave others still writing into them, and a later call must not see that.
 */
export async function withScratch<R>(body: (scratch: Scratch) => Promise<R>): Promise<R> {
  const scratch = new Scratch();
  try {
    const result = await body(scratch);
    scratch.release();
    return result;
  } catch (error) {
    scratch.discard();
    throw error;
  }
}
