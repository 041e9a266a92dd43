import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';

const f64 = Float64Array.from([3, 1, 2]);

/** The promise rejects (never throws) with `code`; the sync twin throws the same. */
async function rejects(
  call: () => Promise<unknown>,
  blocking: (() => unknown) | undefined,
  cls: ErrorConstructor,
  code: string,
): Promise<void> {
  let promise: Promise<unknown> | undefined;
  expect(() => (promise = call())).not.toThrow();
  await expect(promise).rejects.toBeInstanceOf(cls);
  await expect(promise).rejects.toHaveProperty('code', code);
  if (blocking !== undefined) {
    expect(blocking).toThrow(cls);
    try {
      blocking();
    } catch (error) {
      expect((error as { code: string }).code).toBe(code);
    }
  }
}

function detached(): Float64Array {
  const buffer = new ArrayBuffer(16);
  const view = new Float64Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

describe(`sort family errors on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each([
    ['an array', [3, 1], 'ERR_INVALID_ARG_TYPE'],
    ['a BigInt64Array', new BigInt64Array(2), 'ERR_INVALID_DTYPE'],
    ['a DataView', new DataView(new ArrayBuffer(8)), 'ERR_INVALID_ARG_TYPE'],
    ['null', null, 'ERR_INVALID_ARG_TYPE'],
  ])('a that is %s: TypeError %s from every function', async (_label, bad, code) => {
    const a = bad as unknown as Float64Array;
    await rejects(
      () => cp.sort(a),
      () => sync.sortSync(a),
      TypeError,
      code,
    );
    await rejects(
      () => cp.argsort(a),
      () => sync.argsortSync(a),
      TypeError,
      code,
    );
    await rejects(
      () => cp.partition(a, 0),
      () => sync.partitionSync(a, 0),
      TypeError,
      code,
    );
    await rejects(
      () => cp.topk(a, 0),
      () => sync.topkSync(a, 0),
      TypeError,
      code,
    );
    await rejects(
      () => cp.unique(a),
      () => sync.uniqueSync(a),
      TypeError,
      code,
    );
    await rejects(
      () => cp.searchsorted(a, 1),
      () => sync.searchsortedSync(a, 1),
      TypeError,
      code,
    );
    await rejects(
      () => cp.searchsorted(f64, a),
      () => sync.searchsortedSync(f64, a),
      TypeError,
      code,
    );
  });

  it('a detached buffer: TypeError ERR_DETACHED_BUFFER', async () => {
    await rejects(
      () => cp.sort(detached()),
      () => sync.sortSync(detached()),
      TypeError,
      'ERR_DETACHED_BUFFER',
    );
    await rejects(() => cp.argsort(detached()), undefined, TypeError, 'ERR_DETACHED_BUFFER');
    await rejects(() => cp.searchsorted(f64, detached()), undefined, TypeError, 'ERR_DETACHED_BUFFER');
  });

  it.each([-1, 3, 1.5, NaN, Infinity])('k=%s out of range or not an integer: RangeError ERR_OUT_OF_RANGE naming k', async (k) => {
    const topkBad = k === 3 ? 4 : k;
    await rejects(
      () => cp.partition(f64, k),
      () => sync.partitionSync(f64, k),
      RangeError,
      'ERR_OUT_OF_RANGE',
    );
    await rejects(
      () => cp.topk(f64, topkBad),
      () => sync.topkSync(f64, topkBad),
      RangeError,
      'ERR_OUT_OF_RANGE',
    );
    await expect(cp.partition(f64, k)).rejects.toThrow(/^k must/);
  });

  it('k of the wrong type: TypeError; partition of an empty array: RangeError', async () => {
    await rejects(() => cp.partition(f64, '1' as unknown as number), undefined, TypeError, 'ERR_INVALID_ARG_TYPE');
    await rejects(() => cp.partition(new Float64Array(0), 0), undefined, RangeError, 'ERR_OUT_OF_RANGE');
    expect((await cp.topk(new Float64Array(0), 0)).values.length).toBe(0);
  });

  it.each([
    ['options not an object', 5, 'ERR_INVALID_ARG_TYPE'],
    ['descending not a boolean', { descending: 1 }, 'ERR_INVALID_OPTION'],
    ['signal not an AbortSignal', { signal: {} }, 'ERR_INVALID_OPTION'],
  ])('%s: TypeError %s', async (_label, options, code) => {
    await rejects(
      () => cp.sort(f64.slice(), options as never),
      () => sync.sortSync(f64.slice(), options as never),
      TypeError,
      code,
    );
    await rejects(() => cp.argsort(f64, options as never), undefined, TypeError, code);
  });

  it('bad topk largest, searchsorted side and unique counts: ERR_INVALID_OPTION', async () => {
    await rejects(
      () => cp.topk(f64, 1, { largest: 'yes' as never }),
      () => sync.topkSync(f64, 1, { largest: 'yes' as never }),
      TypeError,
      'ERR_INVALID_OPTION',
    );
    await rejects(
      () => cp.searchsorted(f64, 1, { side: 'middle' as never }),
      () => sync.searchsortedSync(f64, 1, { side: 'middle' as never }),
      TypeError,
      'ERR_INVALID_OPTION',
    );
    await rejects(() => cp.unique(f64, { counts: 1 as never }), undefined, TypeError, 'ERR_INVALID_OPTION');
  });

  it('sort out of the wrong dtype, length or overlapping: TypeError / RangeError', async () => {
    await rejects(
      () => cp.sort(f64, { out: new Float32Array(3) }),
      () => sync.sortSync(f64, { out: new Float32Array(3) }),
      TypeError,
      'ERR_INVALID_DTYPE',
    );
    await rejects(
      () => cp.sort(f64, { out: new Float64Array(4) }),
      () => sync.sortSync(f64, { out: new Float64Array(4) }),
      RangeError,
      'ERR_LENGTH_MISMATCH',
    );
    const big = new Float64Array(8);
    await rejects(() => cp.sort(big.subarray(0, 4), { out: big.subarray(2, 6) }), undefined, RangeError, 'ERR_OVERLAP');
    await rejects(() => cp.sort(f64, { out: [0, 0, 0] as never }), undefined, TypeError, 'ERR_INVALID_ARG_TYPE');
  });

  it.each([1000, 300_000])('an aborted signal rejects every async form with AbortError ABORT_ERR (n=%i)', async (n) => {
    const a = new Float64Array(new SharedArrayBuffer(8 * n)).map((_, i) => (i * 7919) % 1013);
    const before = a.slice();
    const done = new AbortController();
    done.abort(new Error('stop'));
    const signal = done.signal;
    for (const call of [
      () => cp.sort(a, { signal }),
      () => cp.argsort(a, { signal }),
      () => cp.partition(a, 1, { signal }),
      () => cp.topk(a, 1, { signal }),
      () => cp.searchsorted(a, a, { signal }),
      () => cp.searchsorted(a, 1, { signal }),
      () => cp.unique(a, { signal }),
    ]) {
      await rejects(call, undefined, Error, 'ABORT_ERR');
      await expect(call()).rejects.toHaveProperty('name', 'AbortError');
    }
    expect(a).toEqual(before); // nothing ran
    expect(() => sync.sortSync(a, { signal })).toThrow(expect.objectContaining({ code: 'ABORT_ERR' }));
  });

  it('aborting while a large sort runs rejects with AbortError', async () => {
    const n = 2_000_000;
    const a = new Float64Array(new SharedArrayBuffer(8 * n)).map((_, i) => Math.sin(i));
    const controller = new AbortController();
    const pending = cp.argsort(a, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toHaveProperty('code', 'ABORT_ERR');
  });
});
