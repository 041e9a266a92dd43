import { inspect } from 'node:util';
import {
  arange,
  broadcastShapes,
  broadcastTo,
  concatenate,
  contiguousStrides,
  empty,
  ErrorCode,
  eye,
  full,
  linspace,
  NDArray,
  ndarray,
  normalizeAxes,
  ones,
  stack,
  zeros,
} from 'corepool';
import { describe, expect, it } from 'vitest';

const m = (): NDArray =>
  ndarray(
    new Float64Array(12).map((_, i) => i),
    [3, 4],
  );
const err = (name: string, code: string, message?: string | RegExp) =>
  expect.objectContaining({
    name,
    code,
    ...(message === undefined ? {} : { message: typeof message === 'string' ? message : expect.stringMatching(message) }),
  });
const isSab = (a: NDArray): boolean => a.data.buffer instanceof SharedArrayBuffer;

describe('the container', () => {
  it('views a TypedArray without copying, in C order, strides and offset in elements', () => {
    const data = new Float64Array(12).map((_, i) => i);
    const a = ndarray(data, [3, 4]);
    expect(a.data).toBe(data);
    expect([a.shape, a.strides, a.offset, a.dtype, a.ndim, a.size, a.isContiguous]).toEqual([[3, 4], [4, 1], 0, 'float64', 2, 12, true]);
    expect(Object.isFrozen(a.shape)).toBe(true);
    expect(ndarray(new Int16Array(3)).shape).toEqual([3]);
    const strided = ndarray(data, [2, 2], { strides: [6, -1], offset: 1 });
    expect(strided.toArray()).toEqual([
      [1, 0],
      [7, 6],
    ]);
    expect(strided.isContiguous).toBe(false);
  });

  it('builds from nested arrays and numbers, float64 unless options.dtype', () => {
    const a = ndarray([
      [1, 2],
      [3, 4],
    ]);
    expect([a.dtype, a.shape, a.toArray()]).toEqual([
      'float64',
      [2, 2],
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(ndarray([1.7, -2], { dtype: 'int8' }).toArray()).toEqual([1, -2]);
    expect(ndarray(5).toArray()).toBe(5);
    expect(ndarray(5).shape).toEqual([]);
    expect(ndarray([[], []]).shape).toEqual([2, 0]);
    expect(isSab(ndarray([1, 2], { shared: true }))).toBe(true);
  });

  it('get/set one element, negative indices allowed', () => {
    const a = m();
    expect(a.get(1, 2)).toBe(6);
    expect(a.get(-1, -1)).toBe(11);
    a.set([1, 2], 7);
    a.set([-3, -4], 70);
    expect(a.data[6]).toBe(7);
    expect(a.data[0]).toBe(70);
    expect(ndarray(3).get()).toBe(3);
  });

  it('T, transpose, slice and reshape views share data', () => {
    const a = m();
    expect(a.T.toArray()).toEqual(a.transpose([1, 0]).toArray());
    expect(a.T.strides).toEqual([1, 4]);
    const s = a.slice([0, 2], [null, null, -1]);
    expect(s.toArray()).toEqual([
      [3, 2, 1, 0],
      [7, 6, 5, 4],
    ]);
    expect(s.strides).toEqual([4, -1]);
    expect(a.slice('0:2, ::-1').toArray()).toEqual(s.toArray());
    expect(a.slice('1').toArray()).toEqual([4, 5, 6, 7]);
    expect(a.slice(1, null).toArray()).toEqual([4, 5, 6, 7]);
    expect(a.slice('..., 0').toArray()).toEqual([0, 4, 8]);
    expect(a.slice('-5:99').shape).toEqual([3, 4]);
    for (const v of [a.T, s, a.reshape([4, 3]), a.reshape([-1]), a.reshape(12)]) expect(v.data).toBe(a.data);
    s.set([0, 0], 100);
    expect(a.get(0, 3)).toBe(100);
    const copied = a.T.reshape([-1]);
    expect(copied.data).not.toBe(a.data);
    expect(copied.toArray()).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 100, 7, 11]);
  });

  it('broadcastTo (stride 0), squeeze and expandDims are views', () => {
    const row = ndarray([1, 2, 3]);
    const b = broadcastTo(row, [2, 3]);
    expect(b.strides).toEqual([0, 1]);
    expect(b.data).toBe(row.data);
    expect(b.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    const e = row.expandDims([0, -1]);
    expect(e.shape).toEqual([1, 3, 1]);
    expect(e.squeeze().shape).toEqual([3]);
    expect(e.squeeze(0).shape).toEqual([3, 1]);
    expect(e.data).toBe(row.data);
  });

  it('copy is C-contiguous with the same dtype; toArray nests', () => {
    const a = ndarray(new Int32Array([1, 2, 3, 4, 5, 6]), [2, 3]).T;
    const c = a.copy();
    expect([c.dtype, c.shape, c.isContiguous, c.data !== a.data]).toEqual(['int32', [3, 2], true, true]);
    expect(Array.from(c.data)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('zero-size dimensions work everywhere', () => {
    const z = zeros([2, 0, 3]);
    expect([z.size, z.isContiguous, z.toArray(), z.copy().shape]).toEqual([0, true, [[], []], [2, 0, 3]]);
    expect(z.reshape([0, 5]).shape).toEqual([0, 5]);
    expect(z.T.shape).toEqual([3, 0, 2]);
    expect(z.slice('1:, :, ::-1').shape).toEqual([1, 0, 3]);
    expect(concatenate([z, zeros([2, 1, 3])], 1).shape).toEqual([2, 1, 3]);
    expect(stack([z, z], -1).shape).toEqual([2, 0, 3, 2]);
    expect(broadcastTo(zeros([0, 1]), [4, 0, 3]).shape).toEqual([4, 0, 3]);
    expect(String(z)).toBe("ndarray([], dtype='float64', shape=[2,0,3])");
  });

  it('has a toStringTag and a numpy-like repr', () => {
    const a = ndarray(new Float32Array([0, 1.5, 2, 3]), [2, 2]);
    expect(Object.prototype.toString.call(a)).toBe('[object NDArray]');
    expect(String(a)).toBe(
      "ndarray([[0. , 1.5],\n         [2. , 3. ]], dtype='float32', shape=[2,2])"
        .replace('0. ', ' 0.')
        .replace('2. ', ' 2.')
        .replace('3. ', ' 3.'),
    );
    expect(inspect(ndarray(new Int8Array([1, -2])))).toBe("ndarray([ 1, -2], dtype='int8', shape=[2])");
    expect(String(arange(2000))).toContain('...');
  });
});

describe('constructors', () => {
  it('zeros, ones, full, empty, arange, linspace, eye take dtype and shared', () => {
    const z = zeros([2, 3], { dtype: 'float32', shared: true });
    expect([z.dtype, z.shape, isSab(z)]).toEqual(['float32', [2, 3], true]);
    expect(ones(2, { dtype: 'uint8' }).toArray()).toEqual([1, 1]);
    expect(full([2], 7.5).toArray()).toEqual([7.5, 7.5]);
    expect(empty([1, 2]).toArray()).toEqual([[0, 0]]);
    expect(arange(4).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 3, { dtype: 'int32' }).toArray()).toEqual([1, 2]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(linspace(0, 1, 3).toArray()).toEqual([0, 0.5, 1]);
    expect(linspace(0, 1).size).toBe(50);
    expect(linspace(0, 1, 4, { endpoint: false }).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(eye(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(2, 3, { k: 1, dtype: 'int8', shared: true }).toArray()).toEqual([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    for (const a of [
      ones(2, { shared: true }),
      full(1, 2, { shared: true }),
      arange(3, { shared: true }),
      linspace(0, 1, 2, { shared: true }),
    ]) {
      expect(isSab(a)).toBe(true);
    }
  });
});

describe('SharedArrayBuffer propagation', () => {
  it('copies, copying reshapes, concatenate and stack of shared inputs are shared; unshared stay unshared', () => {
    const s = arange(6, { shared: true }).reshape([2, 3]);
    expect(isSab(s)).toBe(true);
    expect(isSab(s.copy())).toBe(true);
    expect(isSab(s.T.reshape([-1]))).toBe(true);
    expect(isSab(concatenate([s, s]))).toBe(true);
    expect(isSab(stack([s, arange(6).reshape([2, 3])]))).toBe(true);
    const u = arange(6).reshape([2, 3]);
    for (const a of [u.copy(), u.T.reshape([-1]), concatenate([u, u]), stack([u])]) expect(isSab(a)).toBe(false);
  });
});

describe('helpers', () => {
  it('broadcastShapes, normalizeAxes, contiguousStrides', () => {
    expect(broadcastShapes([3, 1], [4], [1, 1, 1])).toEqual([1, 3, 4]);
    expect(broadcastShapes()).toEqual([]);
    expect(broadcastShapes([0], [1])).toEqual([0]);
    expect(normalizeAxes(undefined, 3)).toEqual([0, 1, 2]);
    expect(normalizeAxes(-1, 3)).toEqual([2]);
    expect(normalizeAxes([2, -3], 3)).toEqual([2, 0]);
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });
});

describe('errors', () => {
  it('ERR_SHAPE_MISMATCH, worded like numpy', () => {
    expect(() => broadcastShapes([3, 4], [3])).toThrow(
      err('RangeError', ErrorCode.SHAPE_MISMATCH, 'operands could not be broadcast together with shapes [3,4] and [3]'),
    );
    expect(() => broadcastShapes([2, 1], [5], [3, 1])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', 'operands could not be broadcast together with shapes [2,1] and [3,1]'),
    );
    expect(() => m().reshape([5, 3])).toThrow(err('RangeError', 'ERR_SHAPE_MISMATCH', 'cannot reshape array of size 12 into shape [5,3]'));
    expect(() => m().reshape([5, -1])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', 'cannot reshape array of size 12 into shape [5,-1]'),
    );
    expect(() => ndarray(new Float64Array(12), [5, 3])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', 'cannot reshape array of size 12 into shape [5,3]'),
    );
    expect(() => m().broadcastTo([3])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', 'cannot broadcast an array of shape [3,4] to shape [3]'),
    );
    expect(() => m().squeeze(0)).toThrow(err('RangeError', 'ERR_SHAPE_MISMATCH', /cannot squeeze axis 0/));
    expect(() => concatenate([m(), zeros([3, 3])])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', /along dimension 1, the array at index 0 has size 4 and the array at index 1 has size 3/),
    );
    expect(() => concatenate([m(), zeros([3])])).toThrow(err('RangeError', 'ERR_SHAPE_MISMATCH', /same number of dimensions/));
    expect(() => concatenate([ndarray(1)])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', 'zero-dimensional arrays cannot be concatenated'),
    );
    expect(() => stack([m(), zeros([4, 3])])).toThrow(err('RangeError', 'ERR_SHAPE_MISMATCH', /same shape.*\[3,4\].*\[4,3\]/));
    expect(() => ndarray([[1, 2], [3]])).toThrow(err('RangeError', 'ERR_SHAPE_MISMATCH', /data\[1\] must be an array of length 2/));
    expect(() => new NDArray(new Float64Array(4), [2, 2], [2])).toThrow(
      err('RangeError', 'ERR_SHAPE_MISMATCH', /strides must have one entry per axis/),
    );
  });

  it('ERR_AXIS_OUT_OF_RANGE', () => {
    const axisError = (message: string) => err('RangeError', ErrorCode.AXIS_OUT_OF_RANGE, message);
    expect(() => normalizeAxes(2, 2)).toThrow(axisError('axis 2 is out of bounds for array of dimension 2'));
    expect(() => normalizeAxes([0, -3], 2)).toThrow(axisError('axis[1] -3 is out of bounds for array of dimension 2'));
    expect(() => m().transpose([0, 2])).toThrow(axisError('axes[1] 2 is out of bounds for array of dimension 2'));
    expect(() => m().expandDims(3)).toThrow(axisError('axis 3 is out of bounds for array of dimension 3'));
    expect(() => m().squeeze(-3)).toThrow(axisError('axis -3 is out of bounds for array of dimension 2'));
    expect(() => concatenate([m()], 2)).toThrow(axisError('axis 2 is out of bounds for array of dimension 2'));
    expect(() => stack([m()], -4)).toThrow(axisError('axis -4 is out of bounds for array of dimension 3'));
  });

  it('ERR_OUT_OF_RANGE: indices, repeated axes, bad views and sizes', () => {
    const range = (message: string | RegExp) => err('RangeError', ErrorCode.OUT_OF_RANGE, message);
    expect(() => m().get(3, 0)).toThrow(range('index[0] 3 is out of bounds for axis 0 with size 3'));
    expect(() => m().get(0, -5)).toThrow(range('index[1] -5 is out of bounds for axis 1 with size 4'));
    expect(() => m().get(0)).toThrow(range('index must have 2 indices, one per axis; got 1'));
    expect(() => m().set([0, 4], 1)).toThrow(range('index[1] 4 is out of bounds for axis 1 with size 4'));
    expect(() => m().slice('3')).toThrow(range('index[0] 3 is out of bounds for axis 0 with size 3'));
    expect(() => m().slice(0, 0, 0)).toThrow(range('too many indices for array: array is 2-dimensional, but 3 were indexed'));
    expect(() => m().slice('::0')).toThrow(range('index[0] step must not be 0'));
    expect(() => m().slice('..., ...')).toThrow(range(/at most one ellipsis/));
    expect(() => normalizeAxes([1, -1], 2)).toThrow(range('axis must not repeat an axis; got [1,-1]'));
    expect(() => m().transpose([0])).toThrow(range('axes must list each of the 2 axes once; got [0]'));
    expect(() => m().reshape([-1, -1])).toThrow(range('shape can only specify one unknown dimension (-1)'));
    expect(() => ndarray(new Float64Array(4), [2, 2], { strides: [2, 2] })).toThrow(
      range(/reads elements 0\.\.4, outside data \(length 4\)/),
    );
    expect(() => ndarray(new Float64Array(4), [2], { offset: 5 })).toThrow(range('offset must be from 0 to data.length (4); got 5'));
    expect(() => zeros([-1])).toThrow(range('shape[0] must be an integer from 0 to 4294967296; got -1'));
    expect(() => zeros([2 ** 20, 2 ** 20])).toThrow(range(/shape must hold at most/));
    expect(() => arange(0, 1, 0)).toThrow(range('step must not be 0'));
    expect(() => arange(Number.POSITIVE_INFINITY)).toThrow(range('stop must be finite; got Infinity'));
    expect(() => linspace(0, 1, -1)).toThrow(range('num must be an integer from 0 to 4294967296; got -1'));
  });

  it('coded TypeErrors name the argument; unknown options are ERR_INVALID_OPTION', () => {
    const type = (code: string, message: string | RegExp) => err('TypeError', code, message);
    expect(() => zeros([2], { dtyp: 'float32' } as never)).toThrow(
      type(ErrorCode.INVALID_OPTION, 'options.dtyp is not an option of zeros; did you mean dtype?'),
    );
    expect(() => eye(2, { kk: 1 } as never)).toThrow(type('ERR_INVALID_OPTION', /options.kk is not an option of eye/));
    expect(() => ndarray(new Float64Array(2), [2], { dtype: 'float64' } as never)).toThrow(
      type('ERR_INVALID_OPTION', /options.dtype is not an option of ndarray/),
    );
    expect(() => zeros([2], { dtype: 'int64' as never })).toThrow(type(ErrorCode.INVALID_DTYPE, /options.dtype must be one of 'float64'/));
    expect(() => ones([2], { shared: 1 as never })).toThrow(type('ERR_INVALID_OPTION', 'options.shared must be a boolean; got 1'));
    expect(() => linspace(0, 1, 3, { endpoint: 'no' as never })).toThrow(
      type('ERR_INVALID_OPTION', 'options.endpoint must be a boolean; got no'),
    );
    expect(() => eye(2, 2, { k: 0.5 })).toThrow(type('ERR_INVALID_OPTION', 'options.k must be an integer; got 0.5'));
    expect(() => zeros([2], 5 as never)).toThrow(type('ERR_INVALID_ARG_TYPE', 'options must be an object or undefined; got 5'));
    expect(() => zeros('3' as never)).toThrow(type('ERR_INVALID_ARG_TYPE', 'shape must be an array of sizes or a size; got 3'));
    expect(() => zeros([1.5])).toThrow(err('RangeError', 'ERR_OUT_OF_RANGE', /shape\[0\]/));
    expect(() => ndarray('x' as never)).toThrow(
      type('ERR_INVALID_ARG_TYPE', /data must be a TypedArray, nested arrays of numbers or a number; got x/),
    );
    expect(() => ndarray([1, 'a'] as never)).toThrow(type('ERR_INVALID_ARG_TYPE', 'data[1] must be a number; got a'));
    expect(() => new NDArray(new BigInt64Array(2) as never)).toThrow(type(ErrorCode.INVALID_DTYPE, /data must be a Float64Array/));
    expect(() => m().get(0.5, 0)).toThrow(type('ERR_INVALID_ARG_TYPE', 'index[0] must be an integer; got 0.5'));
    expect(() => m().set([0, 0], '1' as never)).toThrow(type('ERR_INVALID_ARG_TYPE', 'value must be a number; got 1'));
    expect(() => m().slice('a:b')).toThrow(type('ERR_INVALID_ARG_TYPE', /index 'a:b' \(item 0\) must be an integer or empty; got 'a'/));
    expect(() => m().slice({} as never)).toThrow(
      type('ERR_INVALID_ARG_TYPE', /index\[0\] must be an integer, \[start, stop, step\], null or '...'/),
    );
    expect(() => normalizeAxes('0' as never, 2)).toThrow(
      type('ERR_INVALID_ARG_TYPE', /axis must be an integer, an array of integers or undefined/),
    );
    expect(() => concatenate([m(), [1] as never])).toThrow(type('ERR_INVALID_ARG_TYPE', 'arrays[1] must be an NDArray; got Array'));
    expect(() => concatenate([])).toThrow(err('RangeError', ErrorCode.EMPTY_INPUT, /needs at least one array/));
    expect(() => broadcastTo({} as never, [1])).toThrow(type('ERR_INVALID_ARG_TYPE', 'array must be an NDArray; got object'));
  });
});
