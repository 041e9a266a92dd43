import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, type TestDtype } from '../helpers/data.js';

const backend = process.env.COREPOOL_BACKEND;
const ARITH = ['add', 'sub', 'mul', 'minimum', 'maximum'] as const;
const COMPARE = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
type Name = (typeof ARITH)[number] | 'div' | (typeof COMPARE)[number];

// Exact references: BigInt for integer products, plain doubles otherwise; the
// store into the result array applies the dtype's wrap or rounding.
function reference(name: Name, a: number, b: number, out: ArrayLike<number> & { constructor: unknown }): number {
  const int32ish = out instanceof Int32Array || out instanceof Uint32Array;
  switch (name) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return int32ish ? Number(BigInt.asIntN(32, BigInt(a) * BigInt(b))) : a * b;
    case 'div':
      return a / b;
    case 'minimum':
      return a < b || Number.isNaN(a) ? a : b;
    case 'maximum':
      return a > b || Number.isNaN(a) ? a : b;
    case 'eq':
      return a === b ? 1 : 0;
    case 'ne':
      return a !== b ? 1 : 0;
    case 'lt':
      return a < b ? 1 : 0;
    case 'le':
      return a <= b ? 1 : 0;
    case 'gt':
      return a > b ? 1 : 0;
    case 'ge':
      return a >= b ? 1 : 0;
  }
}

function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(`index ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

function expected(name: Name, x: ArrayLike<number> | number, y: ArrayLike<number> | number, out: ArrayLike<number>): ArrayLike<number> {
  const ref = new (out.constructor as new (n: number) => Float64Array)(out.length);
  for (let i = 0; i < out.length; i++) {
    const a = typeof x === 'number' ? x : x[i]!;
    const b = typeof y === 'number' ? y : y[i]!;
    ref[i] = reference(name, a, b, ref);
  }
  return ref;
}

const kernel = (name: Name) => (cp as unknown as Record<Name, (x: unknown, y: unknown, o?: unknown) => Promise<Float64Array>>)[name];
const kernelSync = (name: Name) =>
  (sync as unknown as Record<string, (x: unknown, y: unknown, o?: unknown) => Float64Array>)[`${name}Sync`]!;

describe(`elementwise kernels on the ${backend} backend`, () => {
  describe.each(DTYPES)('%s arrays', (dtype: TestDtype) => {
    it.each([1, 1025, 16385, 70_001])('n=%i: every op matches the exact reference, async and sync', async (n) => {
      for (const shared of [false, true]) {
        const x = makeArray(dtype, n, { offset: 1, shared, seed: n });
        const y = makeArray(dtype, n, { offset: 2, shared, seed: n + 1 });
        for (const name of [...ARITH, 'div', ...COMPARE] as Name[]) {
          const out = await kernel(name)(x, y);
          expectSameBits(out, expected(name, x, y, out));
          expectSameBits(kernelSync(name)(x, y), out);
          expect(out.buffer instanceof SharedArrayBuffer).toBe(shared);
        }
      }
    });
  });

  it('integer arithmetic wraps like numpy; an int32 product equals Math.imul', async () => {
    const x = new Int32Array([2 ** 31 - 1, -(2 ** 31), 123456789, -7]);
    const y = new Int32Array([2, -1, 987654321, 3]);
    expect([...(await cp.mul(x, y))]).toEqual([0, 1, 2, 3].map((i) => Math.imul(x[i]!, y[i]!)));
    expect([...(await cp.add(x, y))]).toEqual([-2147483647, 2147483647, 1111111110, -4]);
    expect([...(await cp.add(new Uint8Array([250, 3]), new Uint8Array([10, 255])))]).toEqual([4, 2]);
    expect([...(await cp.mul(new Uint32Array([4294967295]), new Uint32Array([4294967295])))]).toEqual([1]);
    expect([...(await cp.sub(new Int8Array([-128]), 1))]).toEqual([127]);
  });

  it.each([
    ['int8', 'uint8', Int16Array],
    ['int16', 'uint16', Int32Array],
    ['int32', 'uint32', Float64Array],
    ['float32', 'int16', Float32Array],
    ['float32', 'int32', Float64Array],
    ['float32', 'float64', Float64Array],
    ['uint8clamped', 'uint8clamped', Uint8Array],
    ['uint8', 'uint16', Uint16Array],
  ] as const)('promotes %s with %s to %o', async (a, b, result) => {
    const out = await cp.add(new CTORS[a](new ArrayBuffer(8), 0, 2), new CTORS[b](new ArrayBuffer(16), 0, 2));
    expect(out).toBeInstanceOf(result);
    expect(await cp.div(new Int8Array(2), new Int8Array(2))).toBeInstanceOf(Float64Array);
    expect(await cp.lt(new Float32Array(2), new Int32Array(2))).toBeInstanceOf(Uint8Array);
  });

  it('numbers are weak scalars, on either side', async () => {
    const i16 = new Int16Array([1, -2, 300]);
    expect(await cp.add(i16, 5)).toEqual(new Int16Array([6, 3, 305]));
    expect(await cp.sub(5, i16)).toEqual(new Int16Array([4, 7, -295]));
    expect(await cp.add(i16, 0.5)).toEqual(new Float64Array([1.5, -1.5, 300.5]));
    expect(await cp.mul(new Float32Array([3]), 0.1)).toEqual(new Float32Array([Math.fround(3 * Math.fround(0.1))]));
    expect(await cp.gt(i16, 0.5)).toEqual(new Uint8Array([1, 0, 1]));
    expect(await cp.maximum(NaN, new Float64Array([1, 2]))).toEqual(new Float64Array([NaN, NaN]));
    await expect(cp.add(i16, 40_000)).rejects.toMatchObject({
      name: 'RangeError',
      code: 'ERR_OUT_OF_RANGE',
      message: /^y must fit in int16/,
    });
    await expect(cp.add(1, 2)).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  });

  it('minimum and maximum propagate NaN and keep numpy order on ±0', async () => {
    const a = new Float64Array([NaN, 1, -0, 0, 2]);
    const b = new Float64Array([1, NaN, 0, -0, 1]);
    for (const n of [5, 70_000]) {
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        x[i] = a[i % 5]!;
        y[i] = b[i % 5]!;
      }
      const lo = await cp.minimum(x, y);
      const hi = await cp.maximum(x, y);
      expect([...lo.subarray(0, 5)].map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(['NaN', 'NaN', '0', '-0', '1']);
      expect([...hi.subarray(0, 5)].map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual(['NaN', 'NaN', '0', '-0', '2']);
      expect(Object.is(lo[n - 1], n % 5 === 0 ? 1 : lo[n - 1])).toBe(true);
    }
  });

  it('writes into options.out, which may be an input (in place)', async () => {
    for (const n of [10, 100_000]) {
      const x = new Float64Array(n).fill(2);
      const y = new Float64Array(n).fill(3);
      const out = new Float64Array(n);
      expect(await cp.mul(x, y, { out })).toBe(out);
      expect(out[n - 1]).toBe(6);
      expect(await cp.add(x, y, { out: x })).toBe(x);
      expect(x[0]).toBe(5);
      expect(x[n - 1]).toBe(5);
      expect(sync.subSync(x, 1, { out: x })[n - 1]).toBe(4);
    }
  });

  it('rejects bad options with coded errors naming them', async () => {
    const x = new Float64Array(4);
    await expect(cp.add(x, x, { out: new Float32Array(4) })).rejects.toMatchObject({
      code: 'ERR_INVALID_DTYPE',
      message: /^options\.out must be a Float64Array/,
    });
    await expect(cp.add(x, x, { out: new Float64Array(5) })).rejects.toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      message: /^options\.out must have length 4/,
    });
    await expect(cp.add(x, x, { out: [] as never })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_TYPE',
      message: /^options\.out must be/,
    });
    await expect(cp.add(x, x, 5 as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: /^options must be an object/ });
    await expect(cp.add(x, x, { signal: {} as never })).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: /^options\.signal must be an AbortSignal/,
    });
    const whole = new Float64Array(10);
    await expect(cp.add(whole.subarray(0, 8), 1, { out: whole.subarray(2) })).rejects.toMatchObject({ code: 'ERR_OVERLAP' });
    await expect(cp.add(x, new Float64Array(3))).rejects.toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      message: /^y must have the length of x/,
    });
    await expect(cp.add(x, 'a' as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: /^y must be/ });
    await expect(cp.add(new BigInt64Array(2) as never, 1)).rejects.toMatchObject({ code: 'ERR_INVALID_DTYPE', message: /^x must be/ });
    expect(() => sync.addSync(x, new Float64Array(3))).toThrow(expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH' }));
  });

  it.each([
    ['an ordinary buffer', false],
    ['a SharedArrayBuffer', true],
  ])('options.signal aborts a running call on %s with AbortError', async (_label, shared) => {
    const n = 3e7;
    const make = (): Float64Array => new Float64Array(shared ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
    const controller = new AbortController();
    const pending = cp.mul(make(), make(), { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', cause: reason });
    const already = AbortSignal.abort();
    await expect(cp.add(make(), 1, { signal: already })).rejects.toMatchObject({ code: 'ABORT_ERR' });
    // A signal that never fires changes nothing.
    const fine = await cp.add(new Float64Array(4), 1, { signal: new AbortController().signal });
    expect([...fine]).toEqual([1, 1, 1, 1]);
  });
});
