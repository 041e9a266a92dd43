import * as cp from 'corepool';
import type { NumericArray } from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, rng, type TestDtype } from '../helpers/data.js';

const backend = process.env.COREPOOL_BACKEND;
type Arr = NumericArray;
type Kernel = (x: unknown, y: unknown, o?: unknown) => Promise<Arr>;
type KernelSync = (x: unknown, y: unknown, o?: unknown) => Arr;
const kernel = (name: string): Kernel => (cp as unknown as Record<string, Kernel>)[name]!;
const kernelSync = (name: string): KernelSync => (sync as unknown as Record<string, KernelSync>)[`${name}Sync`]!;

/** Distance in units in the last place, in the precision of `f32 ? float32 : float64`. */
function ulps(a: number, b: number, f32: boolean): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  const key = (v: number): bigint => {
    const bits = f32 ? BigInt(new Uint32Array(new Float32Array([v]).buffer)[0]!) : new BigUint64Array(new Float64Array([v]).buffer)[0]!;
    const sign = f32 ? 1n << 31n : 1n << 63n;
    return bits & sign ? -(bits ^ sign) : bits;
  };
  return Number(key(a) > key(b) ? key(a) - key(b) : key(b) - key(a));
}

// Exact references, written independently of the kernels: BigInt for integer
// powers, the numpy sign rule for mod; libm-class functions within a bound.
function bigPow(base: number, exp: number, bits: number, signed: boolean): number {
  let result = 1n;
  let factor = BigInt(base);
  const mod = 1n << BigInt(bits);
  for (let e = BigInt(exp); e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * factor) % mod;
    factor = (factor * factor) % mod;
  }
  return Number(signed ? BigInt.asIntN(bits, result) : BigInt.asUintN(bits, result));
}

function numpyMod(a: number, b: number, integer: boolean): number {
  if (integer && b === 0) return 0;
  const m = a % b;
  if (m === 0) return b < 0 ? -0 : 0;
  return m < 0 !== b < 0 ? m + b : m;
}

function c99Pow(a: number, b: number): number {
  return a === 1 || (a === -1 && Math.abs(b) === Infinity) ? 1 : a ** b;
}

const INT_BITS: Partial<Record<TestDtype, number>> = { int32: 32, uint32: 32, int16: 16, uint16: 16, int8: 8, uint8: 8, uint8clamped: 8 };

/** Small non-negative exponents for integer powers, any exponent for floats. */
function exponents(dtype: TestDtype, n: number, seed: number): Arr {
  const y = makeArray(dtype, n, { seed, offset: 2 });
  if (INT_BITS[dtype] !== undefined) for (let i = 0; i < n; i++) y[i] = Math.abs(y[i]!) % 40;
  else for (let i = 0; i < n; i++) y[i] = (y[i]! * 7) % 9;
  return y;
}

function checkOp(name: string, dtype: TestDtype, x: Arr, y: Arr, out: Arr): void {
  const f32 = dtype === 'float32';
  const bits = INT_BITS[dtype];
  const resultType =
    name === 'atan2' || name === 'hypot' ? (f32 ? Float32Array : Float64Array) : CTORS[dtype === 'uint8clamped' ? 'uint8' : dtype];
  expect(out).toBeInstanceOf(resultType);
  const round = (v: number): number => new (out.constructor as Float64ArrayConstructor)([v])[0]!;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    let want: number;
    let bound = 0;
    if (name === 'pow') {
      want = bits !== undefined ? bigPow(a, b, bits, dtype.startsWith('int')) : round(c99Pow(a, b));
      bound = bits !== undefined ? 0 : f32 ? 1 : 2;
    } else if (name === 'mod') {
      want = round(numpyMod(a, b, bits !== undefined));
    } else if (name === 'atan2') {
      want = round(Math.atan2(a, b));
      bound = f32 ? 1 : 2;
    } else {
      want = round(Math.hypot(a, b));
      bound = f32 ? 1 : 2;
    }
    const got = out[i]!;
    if (bound === 0 ? !Object.is(got, want) : ulps(got, want, f32) > bound) {
      throw new Error(`${name} ${dtype} [${i}]: ${name}(${a}, ${b}) = ${got}, expected ${want} (±${bound} ulp)`);
    }
  }
}

describe(`pow, mod, atan2, hypot on the ${backend} backend`, () => {
  describe.each(DTYPES)('%s arrays', (dtype) => {
    it.each([1, 1025, 16385, 70_001])('n=%i: every op matches its reference, array and scalar forms, async and sync', async (n) => {
      for (const shared of [false, true]) {
        const x = makeArray(dtype, n, { offset: 1, shared, seed: n });
        const y = exponents(dtype, n, n + 1);
        for (const name of ['pow', 'mod', 'atan2', 'hypot']) {
          const rhs = name === 'pow' ? y : makeArray(dtype, n, { offset: 3, shared, seed: n + 2 });
          const out = await kernel(name)(x, rhs);
          expect(out.buffer instanceof SharedArrayBuffer).toBe(shared);
          checkOp(name, dtype, x, rhs, out);
          expect([...kernelSync(name)(x, rhs)]).toEqual([...out]);
          const scalar = name === 'pow' ? 3 : 7;
          checkOp(name, dtype, x, new Float64Array(n).fill(scalar), await kernel(name)(x, scalar));
          checkOp(name, dtype, new Float64Array(n).fill(scalar), rhs, await kernel(name)(scalar, rhs));
        }
      }
    });
  });

  it('integer powers wrap modulo 2^bits like numpy', async () => {
    expect([...(await cp.pow(new Int32Array([3, 2, -2, 0, 0, 7]), new Int32Array([40, 31, 31, 0, 5, 1])))]).toEqual([
      689956897, -2147483648, -2147483648, 1, 0, 7,
    ]);
    expect([...(await cp.pow(new Int8Array([3, 2]), new Int8Array([5, 7])))]).toEqual([-13, -128]);
    expect([...(await cp.pow(new Uint32Array([4294967295, 3]), new Uint32Array([4294967295, 20])))]).toEqual([
      4294967295,
      bigPow(3, 20, 32, false),
    ]);
    const mixed = await cp.pow(new Uint8Array([3, 2]), new Int8Array([5, 7]));
    expect(mixed).toEqual(new Int16Array([243, 128]));
  });

  it('float pow follows C99 (numpy) where Math.pow differs', async () => {
    const x = new Float64Array([1, 1, 1, -1, -1, NaN, 2, 0, -0, -8, -0]);
    const y = new Float64Array([NaN, Infinity, -Infinity, Infinity, -Infinity, 0, NaN, -1, -1, 1 / 3, -3]);
    const got = [...(await cp.pow(x, y))];
    expect(got).toEqual([1, 1, 1, 1, 1, 1, NaN, Infinity, -Infinity, NaN, -Infinity]);
    expect([...(await cp.pow(new Float32Array([1, -1]), new Float32Array([NaN, Infinity])))]).toEqual([1, 1]);
  });

  it('a negative exponent of an integer power rejects with RangeError ERR_OUT_OF_RANGE (numpy raises)', async () => {
    const expected = { name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message: /^y must be non-negative for an integer power/ };
    await expect(cp.pow(new Int32Array([2, 2]), new Int32Array([1, -1]))).rejects.toMatchObject(expected);
    await expect(cp.pow(new Int16Array([2]), -2)).rejects.toMatchObject(expected);
    await expect(cp.pow(2, new Int8Array(70_000).fill(-1, 69_999))).rejects.toMatchObject(expected);
    expect(() => sync.powSync(new Int8Array([2]), new Int8Array([-3]))).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    // Float results take negative exponents; unsigned exponents cannot be negative.
    expect([...(await cp.pow(new Int32Array([16, 4]), -1.5))]).toEqual([1 / 64, 1 / 8]);
    expect([...(await cp.pow(new Float32Array([2]), new Int8Array([-1])))]).toEqual([0.5]);
    expect([...(await cp.pow(new Int32Array([2]), new Uint32Array([3])))]).toEqual([8]);
    expect(await cp.pow(new Int32Array([2]), new Uint32Array([3]))).toBeInstanceOf(Float64Array);
  });

  it('mod takes the sign of the divisor; integer division by zero gives 0', async () => {
    const x = new Float64Array([5, -5, 5, -5, -0, 0, 5, -5, 7.5, -1e-320, Infinity, 5]);
    const y = new Float64Array([3, 3, -3, -3, 3, -3, Infinity, Infinity, -2, 3, 3, 0]);
    const got = [...(await cp.mod(x, y))].map((v) => (Object.is(v, -0) ? '-0' : String(v)));
    expect(got).toEqual(['2', '1', '-1', '-2', '0', '-0', '5', 'Infinity', '-0.5', '3', 'NaN', 'NaN']);
    expect([...(await cp.mod(new Int8Array([-3, 3, -128, 0, 5, -7]), new Int8Array([2, -2, -1, 0, 0, 3])))]).toEqual([1, -1, 0, 0, 0, 2]);
    expect([...(await cp.mod(new Int32Array([-(2 ** 31), 7]), new Int32Array([-1, -(2 ** 31)])))]).toEqual([0, -2147483641]);
    expect(await cp.mod(new Int32Array([7]), 2.5)).toEqual(new Float64Array([2]));
  });

  it('atan2 and hypot give float results with C99 special values', async () => {
    const atan = await cp.atan2(
      new Float64Array([0, -0, 0, -0, Infinity, -Infinity, NaN]),
      new Float64Array([0, 0, -0, -0, -Infinity, Infinity, 0]),
    );
    expect([...atan].map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual([0, '-0', Math.PI, -Math.PI, (3 * Math.PI) / 4, -Math.PI / 4, NaN]);
    expect(await cp.atan2(new Int32Array([1]), new Int32Array([1]))).toEqual(new Float64Array([Math.PI / 4]));
    expect(await cp.atan2(new Float32Array([1]), new Int16Array([1]))).toBeInstanceOf(Float32Array);
    const h = await cp.hypot(
      new Float64Array([Infinity, NaN, -Infinity, 3, 1e308, 5e-324, 0]),
      new Float64Array([NaN, -Infinity, NaN, -4, 1e308, 5e-324, -0]),
    );
    expect([...h]).toEqual([Infinity, Infinity, Infinity, 5, 1.4142135623730951e308, 5e-324, 0]);
    expect([...(await cp.hypot(new Float32Array([3e38, NaN, 3]), new Float32Array([3e38, Infinity, 4])))]).toEqual([Infinity, Infinity, 5]);
  });

  it('hypot is within 1 ulp of an exact BigInt reference over the whole exponent range', async () => {
    const r = rng(11);
    const n = 4000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (r() + 0.5) * 2 ** Math.floor(r() * 1960 - 1000);
      y[i] = x[i]! * (r() + 0.01) * 2 ** Math.floor(r() * 60 - 30);
    }
    const h = await cp.hypot(x, y);
    for (let i = 0; i < n; i++) {
      // Exact: scale both to integers, integer sqrt with enough extra bits, then one rounding.
      const ref = exactHypot(x[i]!, y[i]!);
      if (ulps(h[i]!, ref, false) > 1) throw new Error(`hypot(${x[i]}, ${y[i]}) = ${h[i]}, exact ${ref}`);
    }
  });

  it('rejects bad operands and honours out and signal', async () => {
    const x = new Float64Array(4);
    await expect(cp.atan2(x, new Float64Array(3))).rejects.toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      message: /^x must have the length of y/,
    });
    await expect(cp.hypot(x, 'a' as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: /^y must be/ });
    await expect(cp.mod(x, x, { out: new Float32Array(4) })).rejects.toMatchObject({ code: 'ERR_INVALID_DTYPE' });
    await expect(cp.pow(new Int8Array(2), 300)).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE', message: /^y must fit in int8/ });
    const a = new Float64Array([2, 3]);
    expect(await cp.pow(a, 2, { out: a })).toBe(a);
    expect([...a]).toEqual([4, 9]);
    await expect(cp.hypot(new Float64Array(1e6), 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
      code: 'ABORT_ERR',
    });
    const big = new Float64Array(new SharedArrayBuffer(8 * 2e7));
    const controller = new AbortController();
    const pending = cp.atan2(big, big, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORT_ERR' });
  });
});

/**
 * Correctly rounded √(x² + y²) for normal results, with BigInt: the exact
 * square sum, an integer square root keeping 64 guard bits, one rounding.
 */
function exactHypot(x: number, y: number): number {
  const parts = (v: number): [bigint, number] => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(v));
    const raw = view.getBigUint64(0);
    const e = Number(raw >> 52n);
    const m = raw & ((1n << 52n) - 1n);
    return e === 0 ? [m, -1074] : [m | (1n << 52n), e - 1075];
  };
  const [mx, ex] = parts(x);
  const [my, ey] = parts(y);
  const e = Math.min(ex, ey);
  const G = 64;
  // x² + y² = s · 4^e exactly; s · 4^G has an integer root with G extra bits.
  const scaled = (((mx * mx) << BigInt(2 * (ex - e))) + ((my * my) << BigInt(2 * (ey - e)))) << BigInt(2 * G);
  // Newton from above converges to floor(√scaled).
  let root = 1n << BigInt(Math.ceil(scaled.toString(2).length / 2) + 1);
  for (let next = (root + scaled / root) >> 1n; next < root; next = (root + scaled / root) >> 1n) root = next;
  const inexact = root * root !== scaled;
  const drop = BigInt(root.toString(2).length - 53);
  let q = root >> drop;
  const rest = root - (q << drop);
  const half = 1n << (drop - 1n);
  if (rest > half || (rest === half && (inexact || (q & 1n) === 1n))) q += 1n;
  return Number(q) * 2 ** (Number(drop) + e - G);
}
