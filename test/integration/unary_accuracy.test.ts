/**
 * Transcendental unary kernels against correctly rounded references
 * (test/fixtures/ulp/*.bin, made by make_ulp.py with mpmath): every result
 * within 1 ulp of the correctly rounded value on this backend, in float64 and
 * (from float32 inputs) in float32. Runs inline-sized and pool-sized arrays.
 */
import { readFileSync } from 'node:fs';
import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/child.js';

const FUNCTIONS = [
  'exp',
  'expm1',
  'exp2',
  'log',
  'log1p',
  'log2',
  'log10',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'cbrt',
] as const;
type Fn = (typeof FUNCTIONS)[number];
type Kernel = (x: Float64Array | Float32Array) => Promise<Float64Array | Float32Array>;
type SyncKernel = (x: Float64Array | Float32Array) => Float64Array | Float32Array;

interface Reference {
  x: Float64Array;
  ref: Float64Array;
  frac: Float32Array;
  x32: Float64Array;
  ref32: Float64Array;
}

function load(name: Fn): Reference {
  const bytes = readFileSync(fixture(`ulp/${name}.bin`));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  expect(new TextDecoder().decode(new Uint8Array(buffer, 0, 4))).toBe('ULP1');
  const [n, n32] = new Uint32Array(buffer, 4, 2) as unknown as [number, number];
  let at = 16;
  const take = (count: number): Float64Array => {
    const a = new Float64Array(buffer, at, count);
    at += 8 * count;
    return a;
  };
  const x = take(n);
  const ref = take(n);
  const x32 = take(n32);
  const ref32 = take(n32);
  return { x, ref, x32, ref32, frac: new Float32Array(buffer, at, n) };
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** Position of a double on the number line of doubles (-0 and +0 coincide). */
function ord64(v: number): bigint {
  f64[0] = v;
  const b = i64[0]!;
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

function ord32(v: number): number {
  f32[0] = v;
  const b = i32[0]!;
  return b < 0 ? -(b & 0x7fffffff) : b;
}

/** Doubles between a and b; NaN only matches NaN. */
function ulps(a: number, b: number, single = false): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  return single ? Math.abs(ord32(a) - ord32(b)) : Math.abs(Number(ord64(a) - ord64(b)));
}

/** The first few points farther than 1 ulp, for a readable failure. */
function farPoints(xs: ArrayLike<number>, got: ArrayLike<number>, want: ArrayLike<number>, single: boolean): string[] {
  const bad: string[] = [];
  for (let i = 0; i < xs.length && bad.length < 5; i++) {
    if (ulps(got[i]!, want[i]!, single) > 1) bad.push(`x=${xs[i]}: ${got[i]} vs ${want[i]}`);
  }
  return bad;
}

/** x repeated past the inline threshold, so the pool (or the fallback's workers) runs it. */
function tiled(x: Float64Array, shared: boolean): Float64Array {
  const copies = Math.ceil(70_000 / x.length);
  const n = x.length * copies;
  const out = shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
  for (let c = 0; c < copies; c++) out.set(x, c * x.length);
  return out;
}

describe(`unary accuracy on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each(FUNCTIONS)('%s: float64 within 1 ulp of the correctly rounded result', async (name) => {
    const { x, ref, frac } = load(name);
    const got = await (cp[name] as unknown as Kernel)(Float64Array.from(x));
    expect(got).toBeInstanceOf(Float64Array);
    expect(farPoints(x, got, ref, false)).toEqual([]);
    // The true error, from the reference's own distance to f(x), stays below 1 ulp.
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(ref[i]!) || ref[i] === 0) continue;
      worst = Math.max(worst, Math.abs(Number(ord64(got[i]!) - ord64(ref[i]!)) - frac[i]!));
    }
    expect(worst).toBeLessThan(1);
    expect(Array.from((sync[`${name}Sync`] as unknown as SyncKernel)(Float64Array.from(x)))).toEqual(Array.from(got));
  });

  it.each(FUNCTIONS)('%s: float32 within 1 ulp of the float64 reference rounded', async (name) => {
    const { x32, ref32 } = load(name);
    const got = await (cp[name] as unknown as Kernel)(Float32Array.from(x32));
    expect(got).toBeInstanceOf(Float32Array);
    const want = Array.from(ref32, Math.fround);
    expect(farPoints(x32, got, want, true)).toEqual([]);
  });

  it.each(FUNCTIONS)('%s: the same values through the thread pool, ordinary and shared memory', async (name) => {
    const { x } = load(name);
    const inline = await (cp[name] as unknown as Kernel)(Float64Array.from(x));
    for (const shared of [false, true]) {
      const big = tiled(x, shared);
      const got = await (cp[name] as unknown as Kernel)(big);
      const mismatch = got.findIndex((v, i) => ulps(v, inline[i % x.length]!) !== 0);
      expect(mismatch).toBe(-1);
    }
  });
});
