import * as cp from 'corepool';
import { randomSync } from 'corepool/sync';
import { describe, expect, it } from 'vitest';

const { random } = cp;
const BACKEND = process.env.COREPOOL_BACKEND;

/** Bit-for-bit equality of two arrays (-0 and NaN included); fast where toEqual on big arrays is not. */
const same = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function padded<T extends ArrayBufferView>(C: new (b: ArrayBufferLike, o: number, n: number) => T, n: number, shared: boolean): T {
  const size = (C as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const buffer = shared ? new SharedArrayBuffer((n + 5) * size) : new ArrayBuffer((n + 5) * size);
  return new C(buffer, 3 * size, n);
}

type FloatDraw = (n: number, options?: Record<string, unknown>) => Promise<Float64Array | Float32Array>;
type FloatDrawSync = (n: number, options?: Record<string, unknown>) => Float64Array | Float32Array;
// The overloads of uniform and normal do not survive indexing by a union of names.
const draw = { uniform: random.uniform as FloatDraw, normal: random.normal as FloatDraw };
const drawSync = { uniform: randomSync.uniform as FloatDrawSync, normal: randomSync.normal as FloatDrawSync };

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
}

function syncCode(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe(`random on the ${BACKEND} backend`, () => {
  it('allocates the documented default dtypes, or options.dtype', async () => {
    expect(await random.uniform(5, { seed: 1 })).toBeInstanceOf(Float64Array);
    expect(await random.normal(5, { seed: 1 })).toBeInstanceOf(Float64Array);
    expect(await random.integers(5, { seed: 1, high: 9 })).toBeInstanceOf(Int32Array);
    expect(await random.uniform(5, { seed: 1, dtype: 'float32' })).toBeInstanceOf(Float32Array);
    expect(await random.normal(5, { seed: 1, dtype: 'float32' })).toBeInstanceOf(Float32Array);
    expect(await random.integers(5, { seed: 1, high: 9, dtype: 'uint8clamped' })).toBeInstanceOf(Uint8ClampedArray);
    // The overloads carry the dtype into the static type.
    const f32: Float32Array = await random.normal(2, { dtype: 'float32' });
    const u16: Uint16Array = randomSync.integers(2, { high: 9, dtype: 'uint16' });
    const same16: Uint16Array = await random.integers(u16, { high: 9 });
    expect([f32, u16, same16].map((a) => a.constructor.name)).toEqual(['Float32Array', 'Uint16Array', 'Uint16Array']);
    expect((await random.normal(0)).length).toBe(0);
    const shared = await random.normal(70_000, { seed: 1, shared: true });
    expect(Object.prototype.toString.call(shared.buffer)).toBe('[object SharedArrayBuffer]');
    expect(same(shared, await random.normal(70_000, { seed: 1 }))).toBe(true);
  });

  it.each([false, true])('fills a given array in place at a non-zero byteOffset (shared: %s)', async (shared) => {
    for (const n of [1, 17, 70_001]) {
      const out = padded(Float64Array, n, shared);
      const guard = new Float64Array(out.buffer, 0, 3);
      guard.fill(7);
      expect(await random.normal(out, { seed: 5 })).toBe(out);
      expect(same(out, await random.normal(n, { seed: 5 }))).toBe(true);
      expect([...guard]).toEqual([7, 7, 7]);
      expect(new Float64Array(out.buffer, (n + 3) * 8, 2)[0]).toBe(0);
    }
  });

  it('gives the same bits for the same seed, a number seed equals the same bigint, and seeds differ', async () => {
    for (const kind of ['uniform', 'normal'] as const) {
      const a = await draw[kind](1000, { seed: 42 });
      expect(same(await draw[kind](1000, { seed: 42n }), a)).toBe(true);
      expect(same(await draw[kind](1000, { seed: 43 }), a)).toBe(false);
      expect(same(drawSync[kind](1000, { seed: 42 }), a)).toBe(true);
    }
    const big = await random.integers(1000, { seed: 2n ** 64n - 1n, high: 100 });
    expect(big.every((v) => v >= 0 && v < 100)).toBe(true);
    const top = await random.integers(1000, { seed: 2 ** 53 - 1, high: 100 });
    expect(same(top, await random.integers(1000, { seed: 2n ** 53n - 1n, high: 100 }))).toBe(true);
  });

  it('draws an OS seed when none is given and reports it in random.lastSeed', async () => {
    const a = await random.normal(100);
    const seed = random.lastSeed;
    expect(Number.isSafeInteger(seed)).toBe(true);
    expect(randomSync.lastSeed).toBe(seed);
    expect(same(await random.normal(100, { seed }), a)).toBe(true);
    await random.uniform(3);
    expect(random.lastSeed).not.toBe(seed);
    await random.uniform(3, { seed: 9n });
    expect(random.lastSeed).toBe(9n);
    const fresh = random.newSeed();
    expect(Number.isSafeInteger(fresh) && fresh >= 0).toBe(true);
  });

  it('makes element i a function of (seed, offset + i) only: lengths, offsets and pieces agree', async () => {
    for (const kind of ['uniform', 'normal'] as const) {
      for (const dtype of ['float64', 'float32'] as const) {
        const whole = await draw[kind](70_010, { seed: 3, dtype });
        for (const [offset, n] of [
          [0, 5],
          [1, 4],
          [3, 70_000],
          [16_383, 3],
        ] as const) {
          const piece = await draw[kind](n, { seed: 3, dtype, offset });
          expect(same(piece, whole.subarray(offset, offset + n))).toBe(true);
        }
        const far = 2 ** 33 - 3; // pair indices cross 2^32
        const longer = await draw[kind](9, { seed: 3, dtype, offset: far - 2 });
        expect(same(await draw[kind](5, { seed: 3, dtype, offset: far }), longer.subarray(2, 7))).toBe(true);
      }
    }
    const ints = await random.integers(1001, { seed: 3, low: 0, high: 3 * 2 ** 30, dtype: 'uint32' });
    for (const offset of [1, 2, 3, 5, 998]) {
      const piece = await random.integers(3, { seed: 3, low: 0, high: 3 * 2 ** 30, dtype: 'uint32', offset });
      expect([...piece]).toEqual([...ints.subarray(offset, offset + 3)]);
    }
  });

  it('scales exactly: uniform is low + (high − low)·u, normal is mean + std·z', async () => {
    const u = await random.uniform(1000, { seed: 8 });
    const scaled = await random.uniform(1000, { seed: 8, low: -2, high: 6 });
    expect(
      same(
        scaled,
        u.map((v) => -2 + 8 * v),
      ),
    ).toBe(true);
    const z = await random.normal(1001, { seed: 8 });
    const shifted = await random.normal(1001, { seed: 8, mean: 3, std: 0.5 });
    expect(
      same(
        shifted,
        z.map((v) => 3 + 0.5 * v),
      ),
    ).toBe(true);
    expect([...(await random.normal(4, { seed: 8, mean: 2.5, std: 0 }))]).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('float32 streams are the float64 streams truncated (uniform) and rounded (normal)', async () => {
    const u64 = await random.uniform(5001, { seed: 11 });
    const u32 = await random.uniform(5001, { seed: 11, dtype: 'float32' });
    expect(
      same(
        u32,
        Float32Array.from(u64, (v) => Math.floor(v * 2 ** 24) / 2 ** 24),
      ),
    ).toBe(true);
    const z64 = await random.normal(5001, { seed: 11 });
    const z32 = await random.normal(5001, { seed: 11, dtype: 'float32' });
    expect(same(z32, Float32Array.from(z64))).toBe(true);
  });

  it('keeps uniform in [low, high) and integers in [low, high), or [low, high] with endpoint', async () => {
    const u = await random.uniform(100_000, { seed: 2, low: 5, high: 7 });
    expect(u.every((v) => v >= 5 && v < 7)).toBe(true);
    const cases = [
      ['int8', -128, 127, true],
      ['uint8', 0, 256, false],
      ['uint8clamped', 0, 255, true],
      ['int16', -5, 5, false],
      ['uint16', 65_530, 65_535, true],
      ['int32', -7, -2, false],
      ['uint32', 2 ** 32 - 4, 2 ** 32 - 1, true],
    ] as const;
    for (const [dtype, low, high, endpoint] of cases) {
      const x = await random.integers(100_000, { seed: 2, low, high, endpoint, dtype });
      const top = endpoint ? high : high - 1;
      let min = Infinity;
      let max = -Infinity;
      for (const v of x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect([dtype, min, max]).toEqual([dtype, low, top]);
    }
    const full = await random.integers(1000, { seed: 2, low: -(2 ** 31), high: 2 ** 31, dtype: 'int32' });
    expect(new Set(full).size).toBeGreaterThan(990);
  });

  it('pins the stream format: the first values for seed 0 never change', async () => {
    // Changing these breaks every user's reproducible runs: bump a stream version instead.
    expect([...(await random.uniform(3, { seed: 0 }))]).toEqual([0.8266322213777539, 0.9812043463560802, 0.9624388366346157]);
    expect([...(await random.normal(3, { seed: 0 }))]).toEqual([-0.6218742861569186, -0.1752786196626275, -0.21576983483508128]);
    expect([...(await random.integers(5, { seed: 0, high: 1000 }))]).toEqual([728, 969, 431, 948, 821]);
  });

  it('rejects bad arguments with stable codes and never throws synchronously', async () => {
    const bad = [
      [() => random.normal('x' as never), 'ERR_INVALID_ARG_TYPE'],
      [() => random.normal(-1), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(1.5), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(new Int32Array(3) as never), 'ERR_INVALID_DTYPE'],
      [() => random.normal(new BigInt64Array(3) as never), 'ERR_INVALID_DTYPE'],
      [() => random.integers(new Float64Array(3) as never, { high: 3 }), 'ERR_INVALID_DTYPE'],
      [() => random.uniform(3, { dtype: 'int8' as never }), 'ERR_INVALID_DTYPE'],
      [() => random.uniform(new Float32Array(3), { dtype: 'float64' as never }), 'ERR_INVALID_DTYPE'],
      [() => random.uniform(3, null as never), 'ERR_INVALID_ARG_TYPE'],
      [() => random.uniform(3, { seed: -1 }), 'ERR_OUT_OF_RANGE'],
      [() => random.uniform(3, { seed: 0.5 }), 'ERR_OUT_OF_RANGE'],
      [() => random.uniform(3, { seed: 2n ** 64n }), 'ERR_OUT_OF_RANGE'],
      [() => random.uniform(3, { seed: '1' as never }), 'ERR_INVALID_OPTION'],
      [() => random.uniform(3, { low: '0' as never }), 'ERR_INVALID_OPTION'],
      [() => random.uniform(3, { high: Infinity }), 'ERR_OUT_OF_RANGE'],
      [() => random.uniform(3, { low: -1.7e308, high: 1.7e308 }), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(3, { std: -1 }), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(3, { mean: NaN }), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(3, { offset: -1 }), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(3, { offset: 2 ** 53 - 2 }), 'ERR_OUT_OF_RANGE'],
      [() => random.normal(3, { signal: {} as never }), 'ERR_INVALID_OPTION'],
      [() => random.normal(3, { shared: 1 as never }), 'ERR_INVALID_OPTION'],
      [() => random.integers(3, {} as never), 'ERR_INVALID_OPTION'],
      [() => random.integers(3, { low: 5, high: 5 }), 'ERR_OUT_OF_RANGE'],
      [() => random.integers(3, { low: 0.5, high: 5 }), 'ERR_OUT_OF_RANGE'],
      [() => random.integers(3, { high: 129, dtype: 'int8' }), 'ERR_OUT_OF_RANGE'],
      [() => random.integers(3, { low: -1, high: 5, dtype: 'uint16' }), 'ERR_OUT_OF_RANGE'],
      [() => random.integers(3, { high: 2 ** 31 + 1 }), 'ERR_OUT_OF_RANGE'],
      [() => random.integers(3, { high: 3, endpoint: 'yes' as never }), 'ERR_INVALID_OPTION'],
    ] as const;
    for (const [call, expected] of bad) {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = call())).not.toThrow();
      expect(await code(promise!)).toBe(expected);
    }
    expect(syncCode(() => randomSync.normal(-1))).toBe('ERR_OUT_OF_RANGE');
    expect(syncCode(() => randomSync.integers(3, { high: 0 }))).toBe('ERR_OUT_OF_RANGE');
    const detached = new Float64Array(4);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(await code(random.normal(detached))).toBe('ERR_DETACHED_BUFFER');
  });

  it('rejects with AbortError when the signal fires, before or during the call', async () => {
    const before = new AbortController();
    before.abort();
    expect(await code(random.normal(10, { signal: before.signal }))).toBe('ABORT_ERR');
    expect(syncCode(() => randomSync.normal(10, { signal: before.signal }))).toBe('ABORT_ERR');
    for (const shared of [false, true]) {
      const during = new AbortController();
      const promise = random.normal(4_000_000, { seed: 1, shared, signal: during.signal });
      during.abort(new Error('stop'));
      const error = await promise.then(
        () => undefined,
        (e: Error & { code?: string; cause?: unknown }) => e,
      );
      expect(error?.name).toBe('AbortError');
      expect(error?.code).toBe('ABORT_ERR');
      expect((error?.cause as Error | undefined)?.message).toBe('stop');
    }
    const unused = new AbortController();
    const x = await random.uniform(100_000, { seed: 1, signal: unused.signal });
    expect(same(x, await random.uniform(100_000, { seed: 1 }))).toBe(true);
  });
});
