import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';

type Kernel = (a: never, b?: never) => Promise<number>;
const ONE_ARG: Array<[string, Kernel]> = [
  ['sum', cp.sum as Kernel],
  ['mean', cp.mean as Kernel],
  ['min', cp.min as Kernel],
  ['max', cp.max as Kernel],
  ['argmin', cp.argmin as Kernel],
  ['argmax', cp.argmax as Kernel],
  ['norm', cp.norm as Kernel],
];

function detached(): Float64Array {
  const buffer = new ArrayBuffer(64);
  const view = new Float64Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

const BAD: Array<[string, unknown, string, string]> = [
  ['a string', 'abc', 'TypeError', 'ERR_INVALID_ARG_TYPE'],
  ['a plain array', [1, 2, 3], 'TypeError', 'ERR_INVALID_ARG_TYPE'],
  ['undefined', undefined, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
  ['null', null, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
  ['a DataView', new DataView(new ArrayBuffer(8)), 'TypeError', 'ERR_INVALID_ARG_TYPE'],
  ['an ArrayBuffer', new ArrayBuffer(8), 'TypeError', 'ERR_INVALID_ARG_TYPE'],
  ['a BigInt64Array', new BigInt64Array(4), 'TypeError', 'ERR_INVALID_DTYPE'],
  ['a BigUint64Array', new BigUint64Array(4), 'TypeError', 'ERR_INVALID_DTYPE'],
  ['a detached buffer', detached(), 'TypeError', 'ERR_DETACHED_BUFFER'],
];

describe(`bad input on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  describe.each(ONE_ARG)('%s', (name, kernel) => {
    it.each(BAD)('rejects %s with a coded error naming the argument, without throwing', async (_label, value, type, code) => {
      let promise: Promise<number> | undefined;
      expect(() => {
        promise = kernel(value as never);
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ name: type, code, message: expect.stringMatching(/^a must /) });
      const syncName = `${name}Sync` as keyof typeof sync;
      expect(() => (sync[syncName] as (a: unknown) => number)(value)).toThrow(expect.objectContaining({ code }));
    });
  });

  it.each([
    ['min', cp.min],
    ['max', cp.max],
    ['argmin', cp.argmin],
    ['argmax', cp.argmax],
  ])('%s of an empty array rejects with ERR_EMPTY_INPUT', async (_name, kernel) => {
    await expect(kernel(new Float64Array(0))).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_EMPTY_INPUT' });
    expect(() => sync.minSync(new Int8Array(0))).toThrow(expect.objectContaining({ code: 'ERR_EMPTY_INPUT' }));
  });

  it('dot rejects mismatched lengths and dtypes, naming b', async () => {
    await expect(cp.dot(new Float64Array(3), new Float64Array(4))).rejects.toMatchObject({
      name: 'RangeError',
      code: 'ERR_LENGTH_MISMATCH',
      message: expect.stringMatching(/^b must /),
    });
    await expect(cp.dot(new Float64Array(3), new Float32Array(3))).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_DTYPE',
      message: expect.stringMatching(/^b must /),
    });
    await expect(cp.dot(new Float64Array(3), 'x' as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_TYPE',
      message: expect.stringMatching(/^b must /),
    });
    await expect(cp.dot(detached(), new Float64Array(8))).rejects.toMatchObject({ code: 'ERR_DETACHED_BUFFER' });
    expect(() => sync.dotSync(new Float64Array(3), new Float64Array(4))).toThrow(expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH' }));
  });

  it('errors are instances of the standard classes and of corepool classes', async () => {
    const error = await cp.sum('x' as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(cp.CorepoolTypeError);
    expect(cp.ErrorCode.INVALID_ARG_TYPE).toBe('ERR_INVALID_ARG_TYPE');
  });
});
