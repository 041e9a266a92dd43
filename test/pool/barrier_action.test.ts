/**
 * A Barrier's action crosses threads through the same check and compiler as
 * a Pool task function, never as descriptor text run with `new Function`
 * (ISSUE10 finding 5; forged descriptors are in user_data.test.ts).
 */
import { Barrier, ErrorCode, Pool, Process, Queue } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

describe('a Barrier action crosses as a checked, self-contained function (ISSUE10 finding 5)', () => {
  const pool = new Pool({ processes: 1 });
  afterAll(() => pool.terminate());
  const marked = (): boolean => (globalThis as Record<string, unknown>).__corepoolBarrierAction === true;

  /** Meets the barrier in a task, reporting whether this thread ran the action. */
  const meet = (b: Barrier): { index: number; ran: boolean } => {
    const index = b.waitSync();
    return { index, ran: (globalThis as Record<string, unknown>).__corepoolBarrierAction === true };
  };

  it('a real Barrier with an action works in a Pool task: the action runs once, in the last arrival', async () => {
    delete (globalThis as Record<string, unknown>).__corepoolBarrierAction;
    const barrier = new Barrier(2, { action: () => ((globalThis as Record<string, unknown>).__corepoolBarrierAction = true) });
    const mine = barrier.wait();
    const theirs = await pool.apply(meet, [barrier]);
    const index = await mine;
    expect([index, theirs.index].sort()).toEqual([0, 1]);
    // Whichever side arrived last ran it; exactly one did.
    expect(Number(theirs.ran) + Number(marked())).toBe(1);
    delete (globalThis as Record<string, unknown>).__corepoolBarrierAction;
  });

  it('a real Barrier with an action works in a Process (the child arrives last and runs it)', async () => {
    const barrier = new Barrier(2, { action: () => ((globalThis as Record<string, unknown>).__corepoolBarrierAction = true) });
    const q = new Queue();
    const child = new Process({
      target: async (b: Barrier, out: Queue) => {
        await out.put('ready');
        const index = b.waitSync();
        await out.put([index, (globalThis as Record<string, unknown>).__corepoolBarrierAction === true]);
      },
      args: [barrier, q],
    });
    child.start();
    expect(await q.get()).toBe('ready');
    const mine = barrier.wait();
    const theirs = (await q.get()) as [number, boolean];
    await child.join();
    expect([await mine, theirs[0]].sort()).toEqual([0, 1]);
    expect(Number(theirs[1]) + Number(marked())).toBe(1);
    delete (globalThis as Record<string, unknown>).__corepoolBarrierAction;
  });

  it('an action that is not self-contained can be shared, and throws ERR_FN_NOT_SELF_CONTAINED where it would run', async () => {
    let runs = 0;
    const barrier = new Barrier(1, { action: () => runs++ });
    const outcome = await pool.apply(
      (b: Barrier) => {
        try {
          b.waitSync();
          return 'passed';
        } catch (error) {
          return (error as { code?: string }).code;
        }
      },
      [barrier],
    );
    expect(outcome).toBe(ErrorCode.FN_NOT_SELF_CONTAINED);
    expect(runs).toBe(0);
  });
});
