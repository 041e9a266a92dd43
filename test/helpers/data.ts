/** Deterministic test data and exact references. */
import type { NumericArray } from 'corepool';

export const DTYPES = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped'] as const;
export type TestDtype = (typeof DTYPES)[number];

type Ctor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => NumericArray;
export const CTORS: Record<TestDtype, Ctor & { BYTES_PER_ELEMENT: number }> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  uint8clamped: Uint8ClampedArray,
};

/** mulberry32: a tiny seeded PRNG, so every run sees the same data. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MakeOptions {
  /** Elements of padding before the view, so byteOffset is non-zero. */
  offset?: number;
  shared?: boolean;
  seed?: number;
}

/** An array of `n` pseudo-random values spanning the dtype's range. */
export function makeArray(dtype: TestDtype, n: number, options: MakeOptions = {}): NumericArray {
  const { offset = 0, shared = false, seed = 1 } = options;
  const C = CTORS[dtype];
  const bytes = (n + offset + 1) * C.BYTES_PER_ELEMENT;
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const a = new C(buffer, offset * C.BYTES_PER_ELEMENT, n);
  const r = rng(seed);
  for (let i = 0; i < n; i++) {
    const u = r();
    if (dtype === 'float64' || dtype === 'float32') a[i] = (u - 0.5) * 2 ** Math.floor(r() * 20 - 10);
    else a[i] = Math.floor(u * 2 ** 32) - (dtype.startsWith('int') ? 2 ** 31 : 0);
  }
  return a;
}

/** Exact sum of doubles as a correctly rounded double (Shewchuk/fsum partials). */
export function fsum(values: ArrayLike<number>): number {
  const partials: number[] = [];
  for (let k = 0; k < values.length; k++) {
    let x = values[k]!;
    let i = 0;
    for (const p of partials) {
      let y = p;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  return partials.reduce((s, p) => s + p, 0);
}

/** Exact integer sum via BigInt, rounded once to a double. */
export function bigSum(values: ArrayLike<number>): number {
  let total = 0n;
  for (let i = 0; i < values.length; i++) total += BigInt(values[i]!);
  return Number(total);
}

/** Bit pattern of a double, so tests can compare results exactly (-0 vs +0 too). */
export function bits(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return Number.isNaN(x) ? 'NaN' : view.getBigUint64(0).toString(16);
}

/** The first index of the min/max under numpy's rules (first NaN wins). */
export function refArg(a: ArrayLike<number>, max: boolean): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (Number.isNaN(v)) return i;
    if (max ? v > a[best]! : v < a[best]!) best = i;
  }
  return best;
}
