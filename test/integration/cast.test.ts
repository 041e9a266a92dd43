import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, type TestDtype } from '../helpers/data.js';

const backend = process.env.COREPOOL_BACKEND;
type Arr = ArrayLike<number> & { length: number; constructor: unknown; buffer: ArrayBufferLike; byteOffset: number };

/** Values where conversions differ: signed zeros, specials, range ends, halves, subnormals. */
const EDGES = [
  0,
  -0,
  Infinity,
  -Infinity,
  NaN,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  -(2 ** 32),
  2 ** 53,
  -(2 ** 53),
  0.5,
  1.5,
  2.5,
  -0.5,
  -1.5,
  255.5,
  254.5,
  256,
  127.5,
  128,
  -128,
  -128.5,
  -129,
  65535.5,
  65536,
  32767.5,
  -32768.5,
  2 ** 31 - 1,
  2 ** 32 - 1,
  -(2 ** 31) - 1,
  2 ** 31 + 0.5,
  2 ** 32 - 0.5,
  2 ** 32 + 1.5,
  2 ** 52 - 0.5,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 64),
  2 ** 84 + 2 ** 33,
  1e20,
  -1e20,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  3.4028234663852886e38,
  3.4028235677973366e38,
  3.402823567797337e38,
  1 + 2 ** -24,
  1 + 3 * 2 ** -24,
  16777217,
  16777219,
  0.49999999999999994,
  5e-324,
  -5e-324,
  1e-310,
  2.2250738585072014e-308,
  1e-40,
  1.401298464324817e-45,
  7e-46,
  0.1,
  -0.9,
  1,
  -1,
  42,
  -42,
];

/** EDGES stored into a `dtype` array (so each source dtype sees its own view of them), repeated past the 1024-element chunk. */
function edgeArray(dtype: TestDtype, repeat: number, shared: boolean): Arr {
  const C = CTORS[dtype];
  const n = EDGES.length * repeat;
  const bytes = (n + 3) * C.BYTES_PER_ELEMENT;
  const a = new C(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), 3 * C.BYTES_PER_ELEMENT, n);
  for (let i = 0; i < n; i++) a[i] = EDGES[i % EDGES.length]!;
  return a;
}

/** What JS itself stores: new Target([v])[0], one element at a time. */
function jsStore(source: Arr, target: TestDtype): Arr {
  const C = CTORS[target];
  const ref = new C(new ArrayBuffer(source.length * C.BYTES_PER_ELEMENT), 0, source.length);
  const Store = C as unknown as new (values: number[]) => Arr;
  for (let i = 0; i < source.length; i++) ref[i] = new Store([source[i]!])[0]!;
  return ref;
}

function expectSameBits(actual: Arr, wanted: Arr, label: string): void {
  expect(actual.constructor).toBe(wanted.constructor);
  expect(actual.length).toBe(wanted.length);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], wanted[i]))
      throw new Error(`${label} [${i}] from ${EDGES[i % EDGES.length]}: got ${actual[i]}, expected ${wanted[i]}`);
  }
}

describe(`astype on the ${backend} backend`, () => {
  describe.each(DTYPES)('from %s', (from) => {
    it.each(DTYPES)('to %s: every edge value converts exactly as a JS store does', async (to) => {
      for (const [repeat, shared] of [
        [1, false],
        [40, true],
        [1200, false],
      ] as const) {
        const source = edgeArray(from, repeat, shared);
        const wanted = jsStore(source, to);
        const out = await cp.astype(source as never, to);
        expectSameBits(out, wanted, `${from}→${to} (n=${source.length})`);
        expect(out.buffer instanceof SharedArrayBuffer).toBe(shared);
        expectSameBits(sync.astypeSync(source as never, CTORS[to] as never), wanted, `${from}→${to} sync`);
      }
    });
  });

  it('the JS store itself behaves as the documented rules say', () => {
    expect([...new Int32Array([2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5, -2.9, NaN, -Infinity])]).toEqual([
      -(2 ** 31),
      2 ** 31 - 1,
      5,
      -2,
      0,
      0,
    ]);
    expect([...new Uint8ClampedArray([0.5, 1.5, 2.5, 254.5, 255.5, -0.5, NaN, 300])]).toEqual([0, 2, 2, 254, 255, 0, 0, 255]);
    expect([...new Float32Array([1 + 2 ** -24, 1 + 3 * 2 ** -24])]).toEqual([1, 1 + 2 ** -22]);
  });

  it('accepts a dtype name or constructor, writes into out, and rejects what it cannot do', async () => {
    const a = new Float64Array([1.5, -2.5, 300]);
    expect(await cp.astype(a, 'int8')).toEqual(new Int8Array([1, -2, 44]));
    expect(await cp.astype(a, Uint8ClampedArray)).toEqual(new Uint8ClampedArray([2, 0, 255]));
    const copy = await cp.astype(a, 'float64');
    expect(copy).toEqual(a);
    expect(copy).not.toBe(a);
    const out = new Int16Array(3);
    expect(await cp.astype(a, 'int16', { out })).toBe(out);
    expect([...out]).toEqual([1, -2, 300]);
    // In place between dtypes of one element size.
    const buffer = new ArrayBuffer(12);
    const ints = new Int32Array(buffer).fill(-7);
    const floats = new Float32Array(buffer);
    expect(await cp.astype(ints, 'float32', { out: floats })).toBe(floats);
    expect([...floats]).toEqual([-7, -7, -7]);
    await expect(cp.astype(a, 'int64' as never)).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_DTYPE',
      message: /^dtype must be one of/,
    });
    await expect(cp.astype(a, BigInt64Array as never)).rejects.toMatchObject({ code: 'ERR_INVALID_DTYPE', message: /got BigInt64Array$/ });
    await expect(cp.astype(a, 'int16', { out: new Int32Array(3) })).rejects.toMatchObject({
      code: 'ERR_INVALID_DTYPE',
      message: /^options\.out must be a Int16Array/,
    });
    await expect(cp.astype(a, 'int16', { out: new Int16Array(2) })).rejects.toMatchObject({ code: 'ERR_LENGTH_MISMATCH' });
    await expect(cp.astype([1] as never, 'int16')).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: /^a must be/ });
    await expect(cp.astype(a, 'int16', 3 as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    const whole = new Float64Array(8);
    await expect(cp.astype(whole.subarray(0, 4), 'int32', { out: new Int32Array(whole.buffer, 8, 4) })).rejects.toMatchObject({
      code: 'ERR_OVERLAP',
    });
    expect(() => sync.astypeSync(a, 'nope' as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DTYPE' }));
    const big = makeArray('float64', 2e7, { shared: true });
    const controller = new AbortController();
    const pending = cp.astype(big, 'int32', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
  });
});
