// An NDArray crosses into Pool tasks as a view of the same memory when its
// data is on a SharedArrayBuffer, and as a copy otherwise.
import { arange, NDArray, ndarray, Pool, Queue } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const pool = new Pool({ processes: 1 });
afterAll(() => pool.terminate());

describe('NDArray in other threads', () => {
  it('on shared memory, arrives in a Pool task as a view of the same memory: its writes are seen here', async () => {
    const base = arange(12, { shared: true }).reshape([3, 4]);
    const view = base.slice('1:, ::-2'); // rows 1..2, columns 3 and 1
    const seen = await pool.apply(
      (a: NDArray) => {
        a.set([0, 0], 100);
        a.set([1, -1], 200);
        return {
          tag: Object.prototype.toString.call(a),
          shape: a.shape,
          strides: a.strides,
          values: a.toArray(),
          shared: a.data.buffer instanceof SharedArrayBuffer,
        };
      },
      [view],
    );
    expect(seen).toEqual({
      tag: '[object NDArray]',
      shape: [2, 2],
      strides: [4, -2],
      values: [
        [100, 5],
        [11, 200],
      ],
      shared: true,
    });
    expect(base.get(1, 3)).toBe(100);
    expect(base.get(2, 1)).toBe(200);
  });

  it('on an ordinary ArrayBuffer, is structured-cloned: a plain object holding copies', async () => {
    const a = ndarray(
      new Float64Array(12).map((_, i) => i),
      [3, 4],
    ).slice('1:, 1:3');
    const seen = await pool.apply(
      (v: NDArray) => {
        v.data[v.offset] = -1;
        return {
          tag: Object.prototype.toString.call(v),
          shape: v.shape,
          strides: v.strides,
          offset: v.offset,
          dtype: v.dtype,
          length: v.data.length,
        };
      },
      [a],
    );
    expect(seen).toEqual({ tag: '[object Object]', shape: [2, 2], strides: [4, 1], offset: 5, dtype: 'float64', length: 12 });
    expect(a.get(0, 0)).toBe(5);
  });

  it('a Queue carries an unshared NDArray as a plain-object copy and refuses a shared one, like any shared object', async () => {
    const q = new Queue();
    const a = ndarray(new Int32Array([1, 2, 3, 4]), [2, 2]);
    await q.put(a);
    const got = (await q.get()) as NDArray;
    const back = new NDArray(got.data, got.shape, got.strides, got.offset);
    expect(back.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(got.data).not.toBe(a.data);
    await expect(q.put(arange(2, { shared: true }))).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    q.close();
  });
});
