/**
 * A finished result must not wait behind the next task on its worker. The
 * last task blocks until the caller has received the one before it, so if
 * the worker held that result back until it went idle, the last task would
 * wait out its whole bound and report 'timed out'. No clock is read: the
 * outcome is the order, not a duration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Pool } from 'corepool';

// Blocks (as a CPU-bound task would) until flag[0] is set, for at most `ms`.
const blockUntil = (flag: Int32Array, ms: number): string => (Atomics.wait(flag, 0, 0, ms) === 'timed-out' ? 'timed out' : 'released');
const shared = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));
const release = (flag: Int32Array): void => {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};

describe('results reach the caller while the worker runs its next task', () => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('a quick result is posted before a blocking task of the same function starts', async () => {
    pool = new Pool({ processes: 1 });
    const gate = shared();
    const flag = shared();
    // The gate keeps the worker busy while the next two tasks queue up behind it.
    const gated = pool.applyAsync(blockUntil, [gate, 20_000]);
    const quick = pool.applyAsync(blockUntil, [shared(), 0]);
    const last = pool.applyAsync(blockUntil, [flag, 20_000]);
    release(gate);
    expect(await gated.get()).toBe('released');
    expect(await quick.get()).toBe('timed out');
    release(flag);
    expect(await last.get()).toBe('released');
  }, 60_000);
});
