/** JoinableQueue: a Queue that also tracks when every item has been processed. */
import { CorepoolError, ErrorCode } from '../errors.js';
import { registerShareable, type ShareDescriptor } from '../shared/shareable.js';
import { assertMayBlock, capDeadline, waitAsync, waitSync } from './futex.js';
import { channelBuffer, reviveWith } from './handoff.js';
import { Slot } from './layout.js';
import { Queue, channelOf, defineFlavour } from './queue.js';
import { OWNER_CHECK_MS, checkBroken, checkHolder } from './ring_lock.js';

/**
 * A {@link Queue} whose consumers call {@link taskDone} for each item they
 * finished, so that {@link join} can wait until all the work is done. The
 * count of unfinished items lives in the shared memory, so producers,
 * consumers and joiners may be in any threads.
 *
 * Python equivalent: `multiprocessing.JoinableQueue(maxsize)`.
 */
export class JoinableQueue extends Queue {
  /**
   * Marks one item taken with get() as processed.
   * @throws CorepoolError ERR_TASK_DONE_TOO_MANY when called more times than items were put.
   * Python equivalent: `q.task_done()` (which raises ValueError there).
   */
  taskDone(): void {
    const h = channelOf(this).header;
    for (;;) {
      const unfinished = Atomics.load(h, Slot.UNFINISHED);
      if (unfinished <= 0) {
        throw new CorepoolError(ErrorCode.TASK_DONE_TOO_MANY, 'taskDone() was called more times than items were put');
      }
      if (Atomics.compareExchange(h, Slot.UNFINISHED, unfinished, unfinished - 1) !== unfinished) continue;
      if (unfinished === 1) {
        Atomics.add(h, Slot.JOIN_SEQ, 1);
        Atomics.notify(h, Slot.JOIN_SEQ);
      }
      return;
    }
  }

  /** Items put and not yet marked done (racy, for monitoring). */
  get unfinishedTasks(): number {
    return Atomics.load(channelOf(this).header, Slot.UNFINISHED);
  }

  /**
   * Waits until every item put so far has been marked done with {@link taskDone}.
   * @returns a Promise that resolves then; the event loop keeps running meanwhile.
   * Python equivalent: `q.join()`.
   */
  async join(): Promise<void> {
    const h = channelOf(this).header;
    for (;;) {
      // Sequence word first, then the count: a taskDone() in between bumps the word and the wait returns at once.
      const seq = Atomics.load(h, Slot.JOIN_SEQ);
      if (Atomics.load(h, Slot.UNFINISHED) === 0) return;
      checkBroken(h);
      if ((await waitAsync(h, Slot.JOIN_SEQ, seq, capDeadline(Infinity, OWNER_CHECK_MS))) === 'timed-out') checkHolder(h);
    }
  }

  /**
   * Blocking {@link join}, for workers.
   * @throws CorepoolError ERR_BLOCKING_ON_MAIN_THREAD on the main thread.
   * Python equivalent: `q.join()`.
   */
  joinSync(): void {
    assertMayBlock('joinSync()', 'join()', Infinity);
    const h = channelOf(this).header;
    for (;;) {
      const seq = Atomics.load(h, Slot.JOIN_SEQ);
      if (Atomics.load(h, Slot.UNFINISHED) === 0) return;
      checkBroken(h);
      if (waitSync(h, Slot.JOIN_SEQ, seq, capDeadline(Infinity, OWNER_CHECK_MS)) === 'timed-out') checkHolder(h);
    }
  }
}

defineFlavour(JoinableQueue, { tag: 'JoinableQueue', joinable: true });
registerShareable('JoinableQueue', (d: ShareDescriptor) => reviveWith(channelBuffer(d, d.buffer), () => new JoinableQueue()));
