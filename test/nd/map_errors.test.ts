// Elementwise kernels on NDArrays: coded errors at the boundary. Promise
// forms reject and never throw; their Sync twins throw the same error.
import * as cp from 'corepool';
import { arange, broadcastTo, ErrorCode, type NDArray, ndarray, zeros } from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';

type Fn = (...args: unknown[]) => unknown;
const asyncFn = (name: string): Fn => (cp as unknown as Record<string, Fn>)[name]!;
const syncFn = (name: string): Fn => (sync as unknown as Record<string, Fn>)[`${name}Sync`]!;

/** Calls both forms: the async one must return a Promise that rejects, the Sync one must throw; both with `want`. */
async function fails(name: string, args: unknown[], want: Record<string, unknown>): Promise<void> {
  let promise: unknown;
  expect(() => {
    promise = asyncFn(name)(...args);
  }, `${name} threw synchronously`).not.toThrow();
  expect(promise).toBeInstanceOf(Promise);
  await expect(promise).rejects.toMatchObject(want);
  expect(() => syncFn(name)(...args)).toThrow(expect.objectContaining(want) as unknown as Error);
}

const m34 = (): NDArray => arange(12).reshape([3, 4]);

describe(`elementwise NDArray errors (${process.env.COREPOOL_BACKEND})`, () => {
  it("a broadcast failure is ERR_SHAPE_MISMATCH with numpy's message naming both shapes", async () => {
    const shape = { name: 'RangeError', code: ErrorCode.SHAPE_MISMATCH };
    await fails('add', [m34(), arange(3)], {
      ...shape,
      message: 'operands could not be broadcast together with shapes [3,4] and [3]',
    });
    // A TypedArray is a 1-d array; the order of the operands is the order of the message.
    await fails('sub', [new Float64Array(3), m34()], {
      ...shape,
      message: 'operands could not be broadcast together with shapes [3] and [3,4]',
    });
    await fails('mul', [m34().T, m34()], { ...shape, message: 'operands could not be broadcast together with shapes [4,3] and [3,4]' });
    await fails('fma', [zeros([2, 3]), zeros([3]), zeros([4])], {
      ...shape,
      message: 'operands could not be broadcast together with shapes [2,3] and [4]',
    });
    await fails('where', [zeros([2, 1]), zeros([5, 3]), 1], {
      ...shape,
      message: 'operands could not be broadcast together with shapes [2,1] and [5,3]',
    });
    await fails('lt', [zeros([0]), zeros([2])], shape);
    await fails('clip', [zeros([2, 2]), zeros([3]), 1], shape);
  });

  it('out of the wrong shape is ERR_SHAPE_MISMATCH, of the wrong dtype ERR_INVALID_DTYPE', async () => {
    await fails('add', [m34(), 1, { out: zeros([4, 3]) }], { name: 'RangeError', code: ErrorCode.SHAPE_MISMATCH });
    await fails('add', [m34(), 1, { out: zeros([12]) }], { name: 'RangeError', code: ErrorCode.SHAPE_MISMATCH });
    await fails('add', [m34(), 1, { out: zeros([1, 3, 4]) }], { name: 'RangeError', code: ErrorCode.SHAPE_MISMATCH });
    await fails('exp', [m34(), { out: new Float64Array(11) }], { name: 'RangeError', code: ErrorCode.SHAPE_MISMATCH });
    await fails('add', [m34(), 1, { out: zeros([3, 4], { dtype: 'float32' }) }], { name: 'TypeError', code: ErrorCode.INVALID_DTYPE });
    await fails('eq', [m34(), 1, { out: zeros([3, 4]) }], { name: 'TypeError', code: ErrorCode.INVALID_DTYPE });
    await fails('sqrt', [arange(4, { dtype: 'int32' }), { out: zeros([4], { dtype: 'int32' }) }], { code: ErrorCode.INVALID_DTYPE });
    await fails('astype', [m34(), 'int8', { out: zeros([3, 4], { dtype: 'uint8' }) }], { code: ErrorCode.INVALID_DTYPE });
  });

  it('out that repeats elements (a broadcast view, stride 0) is ERR_OVERLAP; out in place is fine', async () => {
    const out = broadcastTo(zeros([4]), [3, 4]);
    await fails('add', [m34(), 1, { out }], { name: 'RangeError', code: ErrorCode.OVERLAP });
    await fails('neg', [m34(), { out: zeros([3, 1]).broadcastTo([3, 4]) }], { code: ErrorCode.OVERLAP });
    const a = m34();
    await cp.add(a, 1, { out: a });
    expect(a.get(2, 3)).toBe(12);
  });

  it('option keys and values are checked: unknown keys and a non-object are errors', async () => {
    await fails('add', [m34(), 1, { outt: zeros([3, 4]) }], {
      code: ErrorCode.INVALID_OPTION,
      message: expect.stringContaining('options.outt'),
    });
    await fails('exp', [m34(), { axis: 0 }], { code: ErrorCode.INVALID_OPTION });
    await fails('where', [m34(), 1, 2, { dtype: 'float32' }], { code: ErrorCode.INVALID_OPTION });
    await fails('add', [m34(), 1, 'fast'], { name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE });
    await fails('add', [m34(), 1, { out: [1, 2] }], { name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE });
    await fails('axpy', [2, zeros([3]), zeros([3]), { out: zeros([3]) }], { code: ErrorCode.INVALID_OPTION });
  });

  it('bad operands: not arrays, integer scalars outside the dtype, negative integer powers, unknown dtypes', async () => {
    await fails('add', [m34(), 'x'], { name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE });
    await fails('add', [m34(), [1, 2, 3, 4]], { name: 'TypeError', code: ErrorCode.INVALID_ARG_TYPE });
    await fails('add', [ndarray(new Int8Array(4), [2, 2]), 300], { name: 'RangeError', code: ErrorCode.OUT_OF_RANGE });
    await fails('mul', [ndarray(new Uint8Array(4), [2, 2]), -1], { code: ErrorCode.OUT_OF_RANGE });
    await fails('pow', [ndarray(new Int32Array([1, 2, 3, 4]), [2, 2]), ndarray(new Int32Array([1, -1]), [2])], {
      code: ErrorCode.OUT_OF_RANGE,
    });
    await fails('astype', [m34(), 'float16'], { name: 'TypeError', code: ErrorCode.INVALID_DTYPE });
    // axpy's y must hold a·x + y: an int y with a fractional a is refused.
    await fails('axpy', [0.5, ndarray(new Int32Array(4), [2, 2]), ndarray(new Int32Array(4), [2, 2])], { code: ErrorCode.INVALID_DTYPE });
  });

  it("axpy: y must have the broadcast shape and must not repeat elements; x = y.T reads y's old values (numpy's y += a * y.T)", async () => {
    await fails('axpy', [2, arange(6).reshape([2, 3]), zeros([3])], { name: 'RangeError', code: ErrorCode.SHAPE_MISMATCH });
    await fails('axpy', [2, arange(6).reshape([2, 3]), zeros([3]).broadcastTo([2, 3])], { code: ErrorCode.OVERLAP });
    const y = arange(9).reshape([3, 3]);
    await cp.axpy(1, y.T, y);
    expect(y.toArray()).toEqual([
      [0, 4, 8],
      [4, 8, 12],
      [8, 12, 16],
    ]);
  });

  it('an aborted signal rejects with AbortError, and the NDArray result is not produced', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(cp.add(m34(), m34().T.T, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
