import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, type TestDtype } from '../helpers/data.js';

const backend = process.env.COREPOOL_BACKEND;
type Arr = ArrayLike<number> & { length: number; constructor: unknown; buffer: ArrayBufferLike };
type Operand = Arr | number;
type Kernel = (a: unknown, b: unknown, c: unknown, o?: unknown) => Promise<Arr>;
type KernelSync = (a: unknown, b: unknown, c: unknown, o?: unknown) => Arr;
const kernel = (name: string): Kernel => (cp as unknown as Record<string, Kernel>)[name]!;
const kernelSync = (name: string): KernelSync => (sync as unknown as Record<string, KernelSync>)[`${name}Sync`]!;
const at = (v: Operand, i: number): number => (typeof v === 'number' ? v : v[i]!);
const f32 = Math.fround;

// References written from the documented formulas with exact integer
// arithmetic (BigInt) and explicit float32 rounding of every step.
function reference(name: string, a: number, b: number, c: number, out: Arr): number {
  const isF32 = out instanceof Float32Array;
  const isInt = !(out instanceof Float64Array) && !isF32;
  switch (name) {
    case 'fma':
      if (isInt) {
        const bits = 8 * (out as unknown as Int8Array).BYTES_PER_ELEMENT;
        const exact = BigInt(a) * BigInt(b) + BigInt(c);
        return Number(
          out instanceof Int8Array || out instanceof Int16Array || out instanceof Int32Array
            ? BigInt.asIntN(bits, exact)
            : BigInt.asUintN(bits, exact),
        );
      }
      return isF32 ? f32(f32(a * b) + c) : a * b + c;
    case 'clip': {
      const t = Number.isNaN(a) ? a : a > b ? a : b;
      return Number.isNaN(t) ? t : t < c ? t : c;
    }
    case 'lerp':
      return isF32 ? f32(a + f32(c * f32(b - a))) : a + c * (b - a);
    default:
      return a !== 0 ? b : c;
  }
}

function expected(name: string, a: Operand, b: Operand, c: Operand, out: Arr): Arr {
  const ref = new (out.constructor as Float64ArrayConstructor)(out.length);
  for (let i = 0; i < out.length; i++) ref[i] = reference(name, at(a, i), at(b, i), at(c, i), ref);
  return ref;
}

function expectSameBits(actual: Arr, wanted: Arr, label: string): void {
  expect(actual.constructor).toBe(wanted.constructor);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], wanted[i])) throw new Error(`${label} [${i}]: got ${actual[i]}, expected ${wanted[i]}`);
  }
}

const resultType = (name: string, dtype: TestDtype): TestDtype =>
  name === 'lerp' && !dtype.startsWith('float') ? 'float64' : dtype === 'uint8clamped' ? 'uint8' : dtype;

describe(`fma, clip, lerp, where, axpy on the ${backend} backend`, () => {
  describe.each(DTYPES)('%s arrays', (dtype) => {
    it.each([1, 1025, 16385, 70_001])('n=%i: bit-exact against the documented formulas, every array/number form', async (n) => {
      for (const shared of [false, true]) {
        const a = makeArray(dtype, n, { offset: 1, shared, seed: n });
        const b = makeArray(dtype, n, { offset: 2, shared, seed: n + 1 });
        const c = makeArray(dtype, n, { offset: 3, shared, seed: n + 2 });
        if (n > 3) a[3] = 0; // where: one zero mask
        for (const name of ['fma', 'clip', 'lerp', 'where']) {
          const s = name === 'lerp' ? 0.25 : 3;
          for (const [p, q, r] of [
            [a, b, c],
            [a, s, c],
            [s, b, c],
            [a, b, s],
            [a, s, 100],
          ] as Array<[Operand, Operand, Operand]>) {
            const out = await kernel(name)(p, q, r);
            const twoNumbers = name === 'where' && typeof q === 'number' && typeof r === 'number';
            expect(out).toBeInstanceOf(CTORS[twoNumbers ? 'float64' : resultType(name, dtype)]);
            expect(out.buffer instanceof SharedArrayBuffer).toBe(shared);
            expectSameBits(out, expected(name, p, q, r, out), `${name}(${[p, q, r].map((v) => (typeof v === 'number' ? v : 'array'))})`);
            expectSameBits(kernelSync(name)(p, q, r), out, `${name}Sync`);
          }
        }
      }
    });
  });

  it('axpy updates y in place as a·x + y and resolves to y', async () => {
    for (const n of [5, 100_001]) {
      const x = makeArray('float64', n, { seed: 3 });
      const y = makeArray('float64', n, { seed: 4, shared: n > 5 });
      const before = Float64Array.from(y);
      expect(await cp.axpy(2.5, x, y)).toBe(y);
      for (let i = 0; i < n; i++) if (!Object.is(y[i], 2.5 * x[i]! + before[i]!)) throw new Error(`axpy [${i}]`);
      expect(sync.axpySync(-1, 1, y)).toBe(y);
      expect(y[n - 1]).toBe(2.5 * x[n - 1]! + before[n - 1]! - 1);
    }
    const yi = new Int32Array([2 ** 31 - 1, 5]);
    await cp.axpy(3, new Int32Array([2 ** 30, -2]), yi);
    expect([...yi]).toEqual([Number(BigInt.asIntN(32, 3n * 2n ** 30n + 2n ** 31n - 1n)), -1]);
    const yf = new Float32Array([1]);
    await cp.axpy(0.1, new Float32Array([3]), yf);
    expect(yf[0]).toBe(f32(f32(f32(0.1) * 3) + 1));
  });

  it('axpy rejects what it cannot do in place, with coded errors', async () => {
    const x = new Float64Array(4);
    const y = new Float64Array(4);
    await expect(cp.axpy('2' as never, x, y)).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: /^a must be a number/,
    });
    await expect(cp.axpy(2, x, [1] as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: /^y must be/ });
    await expect(cp.axpy(0.5, new Int32Array(4), new Int32Array(4))).rejects.toMatchObject({
      code: 'ERR_INVALID_DTYPE',
      message: /^y must be a Float64Array/,
    });
    await expect(cp.axpy(1, x, new Float32Array(4))).rejects.toMatchObject({ code: 'ERR_INVALID_DTYPE' });
    await expect(cp.axpy(1, x, y, { out: y } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTION',
      message: /^options\.out must be undefined/,
    });
    await expect(cp.axpy(1, new Float64Array(3), y)).rejects.toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      message: /^y must have the length of x/,
    });
    const whole = new Float64Array(10);
    await expect(cp.axpy(1, whole.subarray(0, 8), whole.subarray(2))).rejects.toMatchObject({
      code: 'ERR_OVERLAP',
      message: /^x must be y itself/,
    });
    await expect(cp.axpy(300, new Int8Array(2), new Int8Array(2))).rejects.toMatchObject({
      code: 'ERR_OUT_OF_RANGE',
      message: /^a must fit in int8/,
    });
    expect(() => sync.axpySync(1, x, new Float32Array(4))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DTYPE' }));
    const self = new Float64Array([1, 2]);
    expect([...(await cp.axpy(2, self, self))]).toEqual([3, 6]);
  });

  it('fma is a·b + c with the product rounded first, like numpy (not a single-rounding fused multiply-add)', async () => {
    // 1 + 2^-30 squared is 1 + 2^-29 + 2^-60; the product rounds to 1 + 2^-29,
    // so subtracting that gives 0 here, where a fused multiply-add gives 2^-60.
    const e = 1 + 2 ** -30;
    expect([...(await cp.fma(new Float64Array([e]), e, -(1 + 2 ** -29)))]).toEqual([0]);
    expect([...(await cp.fma(new Int32Array([2 ** 30, 7]), 4, new Int32Array([1, -1])))]).toEqual([1, 27]);
    expect(await cp.fma(new Uint8Array([200]), new Int8Array([2]), 1)).toEqual(new Int16Array([401]));
  });

  it('clip follows numpy: NaN anywhere gives NaN, lo > hi gives hi, ties take the bound', async () => {
    const x = new Float64Array([-0, 0, NaN, 1, 5, -5, 2, 7]);
    const lo = new Float64Array([0, -0, 0, NaN, 0, -1, 3, 0]);
    const hi = new Float64Array([0, -0, 1, 2, NaN, 1, 1, 10]);
    const got = [...(await cp.clip(x, lo, hi))].map((v) => (Object.is(v, -0) ? '-0' : String(v)));
    expect(got).toEqual(['0', '-0', 'NaN', 'NaN', 'NaN', '-1', '1', '7']);
    expect([...(await cp.clip(new Int8Array([-128, 0, 127]), -5, 5))]).toEqual([-5, 0, 5]);
    expect(await cp.clip(new Uint8Array([1]), 0, 2.5)).toBeInstanceOf(Float64Array);
  });

  it('where: any mask dtype, NaN counts as true and −0 as false; a and b promote without the mask', async () => {
    const mask = new Float64Array([NaN, 0, -0, 0.5, -1]);
    expect([...(await cp.where(mask, new Int8Array(5).fill(1), new Int8Array(5).fill(2)))]).toEqual([1, 2, 2, 1, 1]);
    expect(await cp.where(mask, new Int8Array(5), new Int8Array(5))).toBeInstanceOf(Int8Array);
    expect(await cp.where(new Uint8Array(2), new Int8Array(2), new Uint8Array(2))).toBeInstanceOf(Int16Array);
    expect(await cp.where(new Int32Array(2), new Float32Array(2), 1)).toBeInstanceOf(Float32Array);
    expect([...(await cp.where(new Int32Array([1, 0]), 7, 8))]).toEqual([7, 8]);
    expect(await cp.where(new Int32Array([1, 0]), 7, 8)).toBeInstanceOf(Float64Array);
    expect([...(await cp.where(NaN, new Uint16Array([4]), 9))]).toEqual([4]);
    expect([...(await cp.where(-0, new Uint16Array([4]), 9))]).toEqual([9]);
    expect(await cp.where(new Float64Array(1), new Uint32Array(1), new Int32Array(1))).toBeInstanceOf(Float64Array);
    await expect(cp.where(new Uint8Array(2), new Int8Array(2), 300)).rejects.toMatchObject({
      code: 'ERR_OUT_OF_RANGE',
      message: /^b must fit in int8/,
    });
    await expect(cp.where(new Uint8Array(2), new Int8Array(3), 1)).rejects.toMatchObject({
      code: 'ERR_LENGTH_MISMATCH',
      message: /^a must have the length of mask/,
    });
  });

  it('lerp is a + t·(b − a) in the result dtype; integers give float64', async () => {
    expect([...(await cp.lerp(new Float64Array([0, 10, 1e16]), 20, new Float64Array([0.5, 1, 1])))]).toEqual([10, 20, 1e16 + (20 - 1e16)]);
    expect(await cp.lerp(new Int16Array([0]), 3, 0.5)).toEqual(new Float64Array([1.5]));
    expect(await cp.lerp(new Float32Array([0]), new Int8Array([3]), 0.5)).toEqual(new Float32Array([1.5]));
  });

  it('writes into out (which may be an input), rejects bad options and aborts', async () => {
    const n = 100_000;
    const x = new Float64Array(n).fill(2);
    expect(await cp.fma(x, x, 1, { out: x })).toBe(x);
    expect(x[n - 1]).toBe(5);
    await expect(cp.clip(x, 0, 1, { out: new Float32Array(n) })).rejects.toMatchObject({
      code: 'ERR_INVALID_DTYPE',
      message: /^options\.out must be a Float64Array/,
    });
    await expect(cp.lerp(1, 2, 3)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE', message: /^a or b or t must be a TypedArray/ });
    await expect(cp.fma(x, x, x, 7 as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    const big = new Float64Array(new SharedArrayBuffer(8 * 2e7));
    for (const [name, args] of [
      ['fma', [big, big, big]],
      ['clip', [big, 0, 1]],
      ['where', [big, big, 0]],
    ] as const) {
      const controller = new AbortController();
      const pending = kernel(name)(...(args as unknown as [unknown, unknown, unknown]), { signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    }
    const controller = new AbortController();
    const pending = cp.axpy(2, big, big, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORT_ERR' });
  });
});
