// Resizable and growable buffers (issue 10, finding 3). A resizable
// ArrayBuffer could shrink under a running kernel, so every kernel refuses it
// with ERR_RESIZABLE_BUFFER on both backends, async and sync. A growable
// SharedArrayBuffer never shrinks and is accepted; a call uses the view's
// length at call time.
import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';

type Call = (a: Float64Array) => unknown;

// The TypeScript lib in use predates resizable and growable buffers (ES2024).
type Growable = SharedArrayBuffer & { grow(byteLength: number): void };
const ResizableBuffer = ArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => ArrayBuffer;
const GrowableBuffer = SharedArrayBuffer as unknown as new (byteLength: number, options: { maxByteLength: number }) => Growable;

const n = 64;
const other = (): Float64Array => new Float64Array(n).fill(1);

/** One representative call per family: [family, async form, sync form]. */
const families: Array<[string, Call, Call]> = [
  ['reduce', (a) => cp.sum(a), (a) => sync.sumSync(a)],
  ['reduce of two', (a) => cp.dot(other(), a), (a) => sync.dotSync(other(), a)],
  ['unary', (a) => cp.exp(a), (a) => sync.expSync(a)],
  ['unary out', (a) => cp.exp(other(), { out: a }), (a) => sync.expSync(other(), { out: a })],
  ['elementwise', (a) => cp.add(other(), a), (a) => sync.addSync(other(), a)],
  ['binary math', (a) => cp.pow(a, 2), (a) => sync.powSync(a, 2)],
  ['fused', (a) => cp.fma(a, 2, 1), (a) => sync.fmaSync(a, 2, 1)],
  ['cast', (a) => cp.astype(a, 'float32'), (a) => sync.astypeSync(a, 'float32')],
  ['stats', (a) => cp.variance(a), (a) => sync.varianceSync(a)],
  ['scan', (a) => cp.cumsum(a), (a) => sync.cumsumSync(a)],
  ['histogram', (a) => cp.histogram(a, { bins: 4 }), (a) => sync.histogramSync(a, { bins: 4 })],
  ['random', (a) => cp.random.normal(a), (a) => sync.randomSync.normal(a)],
  ['sort', (a) => cp.sort(a), (a) => sync.sortSync(a)],
  ['argsort', (a) => cp.argsort(a), (a) => sync.argsortSync(a)],
  ['partition', (a) => cp.partition(a, 3), (a) => sync.partitionSync(a, 3)],
  ['topk', (a) => cp.topk(a, 3), (a) => sync.topkSync(a, 3)],
  ['searchsorted', (a) => cp.searchsorted(a, other()), (a) => sync.searchsortedSync(a, other())],
  ['unique', (a) => cp.unique(a), (a) => sync.uniqueSync(a)],
  ['matmul', (a) => cp.matmul(a, other(), { m: 8, k: 8, n: 8 }), (a) => sync.matmulSync(a, other(), { m: 8, k: 8, n: 8 })],
  ['transpose', (a) => cp.transpose(a, { rows: 8, cols: 8 }), (a) => sync.transposeSync(a, { rows: 8, cols: 8 })],
];

function resizable(): Float64Array {
  const a = new Float64Array(new ResizableBuffer(8 * n, { maxByteLength: 16 * n }));
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

async function code(run: () => unknown): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe(`resizable and growable buffers on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each(families)('%s refuses a resizable ArrayBuffer with ERR_RESIZABLE_BUFFER, async and sync', async (_family, call, blocking) => {
    let promise: unknown;
    expect(() => (promise = call(resizable()))).not.toThrow();
    await expect(promise).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_RESIZABLE_BUFFER' });
    expect(() => blocking(resizable())).toThrow(expect.objectContaining({ name: 'TypeError', code: 'ERR_RESIZABLE_BUFFER' }));
  });

  it('is not fooled by a user-defined resizable or buffer property', async () => {
    const a = resizable();
    Object.defineProperty(a.buffer, 'resizable', { value: false });
    expect(await code(() => cp.sum(a))).toBe('ERR_RESIZABLE_BUFFER');
    // A view that redefines its own `buffer` is refused as a liar before its buffer is looked at.
    const b = resizable();
    Object.defineProperty(b, 'buffer', { value: new ArrayBuffer(8 * n) });
    expect(await code(() => cp.sort(b))).toBe('ERR_INVALID_ARG_TYPE');
    expect(await code(() => sync.expSync(b))).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('a copy made with .slice() is fixed-length and accepted', async () => {
    expect(await cp.sum(resizable().slice())).toBe((n * (n - 1)) / 2);
  });

  it('accepts growable SharedArrayBuffers and gives the right results', async () => {
    const big = 1 << 20;
    const sab = new GrowableBuffer(8 * big, { maxByteLength: 16 * big });
    const a = new Float64Array(sab, 0, big);
    for (let i = 0; i < big; i++) a[i] = (i * 7919) % 1009;
    let expected = 0;
    for (let i = 0; i < big; i++) expected += a[i]!;
    expect(await cp.sum(a)).toBe(expected);
    expect(sync.sumSync(a)).toBe(expected);
    const sorted = Float64Array.from(a).sort();
    await cp.sort(a);
    expect(a).toEqual(sorted);
    const out = new Float64Array(new GrowableBuffer(8 * big, { maxByteLength: 8 * big + 8 }));
    await cp.neg(a, { out });
    expect(out[big - 1]).toBe(-sorted[big - 1]!);
  });

  it('a length-tracking view that grows during the call gives the answer for its length at call time', async () => {
    const big = (1 << 20) + 3; // not a whole number of blocks
    const sab = new GrowableBuffer(8 * big, { maxByteLength: 8 * 4 * big });
    const a = new Float64Array(sab); // length-tracking
    a.fill(1);
    const sum = cp.sum(a);
    const out = new Float64Array(new SharedArrayBuffer(8 * big));
    const copy = cp.neg(a, { out });
    sab.grow(8 * 4 * big);
    a.fill(1, big);
    expect(a.length).toBe(4 * big);
    expect(await sum).toBe(big);
    await copy;
    expect(out.every((x) => x === -1)).toBe(true);
  });
});
