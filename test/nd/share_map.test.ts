// A shared NDArray view handed to a Pool task or a Process is the same
// memory there: an elementwise kernel run in the worker with `out` = that
// view writes elements the parent then reads.
import { arange, kernels, type NDArray, Pool, Process, task } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const pool = new Pool({ processes: 1 });
const work = (name: string) => task(new URL('../fixtures/nd_share_map_work.mjs', import.meta.url), name);
afterAll(() => pool.terminate());

/** rows 1..2 of arange(12) as [3, 4], columns 3 and 1: strides [4, -2], offset 7, shared memory. */
const sharedView = (): { base: NDArray; view: NDArray } => {
  const base = arange(12, { shared: true }).reshape([3, 4]);
  return { base, view: base.slice('1:, ::-2') };
};
const NEGATED = [
  [0, 1, 2, 3],
  [4, -5, 6, -7],
  [8, -9, 10, -11],
];

describe(`NDArray views in other threads run elementwise kernels in place (${process.env.COREPOOL_BACKEND})`, () => {
  it('a Pool task runs mul with out = the received view; the parent sees the products and nothing else changes', async () => {
    const { base, view } = sharedView();
    const seen = await pool.apply(work('squareInPlace'), [view]);
    expect(seen).toEqual({ same: true, shape: [2, 2], strides: [4, -2], offset: 7 });
    expect(base.toArray()).toEqual([
      [0, 1, 2, 3],
      [4, 25, 6, 49],
      [8, 81, 10, 121],
    ]);
  });

  it('a Process target runs negSync with out = the received view; the parent sees it after join', async () => {
    const { base, view } = sharedView();
    const p = new Process({
      target: work('negateInPlace'),
      args: [view],
    });
    p.start();
    await p.join();
    expect(p.exitCode).toBe(0);
    expect(base.toArray()).toEqual(NEGATED);
  });

  it("a view rebuilt from the received one with the worker's own NDArray is the same memory too", async () => {
    const { base, view } = sharedView();
    await pool.apply(work('negateRebuilt'), [view]);
    expect(base.toArray()).toEqual(NEGATED);
  });

  it('a kernel reference in a Pool call takes the view and out = the view', async () => {
    const { base, view } = sharedView();
    await pool.apply(kernels.neg, [view, { out: view }]);
    expect(base.toArray()).toEqual(NEGATED);
  });
});
