import { decodeShared, encodeShared, ErrorCode, Lock, RawArray, RLock, SharedArray, sum } from 'corepool';
import { describe, expect, it } from 'vitest';
import { spawn } from '../sync/workers.js';

describe('SharedArray', () => {
  it('is a TypedArray of the typecode over a SharedArrayBuffer', () => {
    const a = SharedArray('d', 4);
    expect(a).toBeInstanceOf(Float64Array);
    expect(a).toBeInstanceOf(SharedArray);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a.length).toBe(4);
    a[2] = 1.5;
    expect([...a]).toEqual([0, 0, 1.5, 0]);
    expect(Object.prototype.toString.call(a)).toBe('[object Float64Array]');
    expect(new Float64Array(4)).not.toBeInstanceOf(SharedArray);
    expect(a.typecode).toBe('d');
  });

  it('fills from arrays, iterables and TypedArrays; bigints for q', () => {
    expect([...SharedArray('i', [1, 2, 3])]).toEqual([1, 2, 3]);
    expect([...new SharedArray('h', new Set([4, 5]))]).toEqual([4, 5]);
    expect([...SharedArray('f', new Float64Array([0.5, 2]))]).toEqual([0.5, 2]);
    expect([...SharedArray('q', [1, 2n])]).toEqual([1n, 2n]);
    expect([...SharedArray('Q', new BigUint64Array([9n]))]).toEqual([9n]);
    expect(() => SharedArray('i', -1)).toThrow(expect.objectContaining({ code: ErrorCode.OUT_OF_RANGE }));
    expect(() => SharedArray('i', 'abc' as unknown as number)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
    expect(() => SharedArray('q', [1.5])).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
  });

  it('getLock(): an RLock by default, none with lock: false, or the lock given', () => {
    expect(SharedArray('i', 1).getLock()).toBeInstanceOf(RLock);
    expect(() => SharedArray('i', 1, { lock: false }).getLock()).toThrow(expect.objectContaining({ code: ErrorCode.NO_LOCK }));
    const lock = new Lock();
    expect(SharedArray('i', 1, { lock }).getLock()).toBe(lock);
  });

  it('getObj(), slice() and map() give plain TypedArrays; getObj() shares memory', () => {
    const a = SharedArray('i', [1, 2, 3]);
    const obj = a.getObj();
    expect(obj.constructor).toBe(Int32Array);
    obj[0] = 9;
    expect(a[0]).toBe(9);
    expect(a.slice(1).constructor).toBe(Int32Array);
    expect(a.map((x) => x * 2).constructor).toBe(Int32Array);
    expect(a.subarray(1)).not.toBeInstanceOf(SharedArray);
  });

  it('works as a kernel input', async () => {
    expect(await sum(SharedArray('d', [1, 2, 3.5]))).toBe(6.5);
  });

  it('crosses threads as the same memory and lock; structured clone alone would lose the lock', async () => {
    const a = SharedArray('i', [1, 2, 3]);
    const back = decodeShared(encodeShared(a)) as typeof a;
    expect(back).toBeInstanceOf(SharedArray);
    expect(back).toBeInstanceOf(Int32Array);
    back[1] = 20;
    expect(a[1]).toBe(20);
    await back.getLock().acquire();
    expect(a.getLock().locked()).toBe(true);
    back.getLock().release();
    const w = spawn('increment', { array: a, n: 10, useLock: true });
    await w.next();
    expect([...a]).toEqual([11, 30, 13]);
  });
});

describe('RawArray', () => {
  it('is a plain TypedArray on shared memory', () => {
    const r = RawArray('B', [1, 2, 255]);
    expect(r.constructor).toBe(Uint8Array);
    expect(r.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...r]).toEqual([1, 2, 255]);
    expect(r).not.toBeInstanceOf(SharedArray);
    expect(RawArray('l', 2)).toBeInstanceOf(BigInt64Array);
  });
});
