/**
 * How a proxy in a worker reaches the Manager's server: one request Queue
 * (many producers, the server consumes) and a fixed set of reply slots, each
 * a Queue of its own. A caller takes a free slot (a Semaphore counts them,
 * a CAS on a shared flag picks one), sends its request naming the slot and
 * waits on that slot's Queue. Everything is shared memory, so a proxy works
 * from any worker and inside Pool tasks, without MessagePorts to transfer.
 */
import { Closed, CorepoolError, ErrorCode, deserializeError } from '../errors.js';
import { Queue } from '../queue/queue.js';
import { kShare, reviveDescriptor, type ShareDescriptor } from '../shared/shareable.js';
import { Semaphore } from '../sync/semaphore.js';
import type { ManagerReply, ManagerRequest } from './types.js';

/** Concurrent calls in flight from workers; more callers wait for a slot. */
export const REPLY_SLOTS = 8;
const RING_BYTES = 1 << 20;

export interface ChannelParts {
  readonly requests: Queue;
  readonly replies: readonly Queue[];
  readonly slots: Semaphore;
  readonly flags: Int32Array;
  /** Bumped and notified after each request: the server waits on it without keeping the event loop alive. */
  readonly bell: Int32Array;
}

export function closedError(cause?: unknown): CorepoolError {
  return new CorepoolError(ErrorCode.MANAGER_CLOSED, 'the Manager has been shut down', { cause });
}

export class ManagerChannel {
  readonly parts: ChannelParts;

  constructor(parts: ChannelParts) {
    this.parts = parts;
  }

  static create(): ManagerChannel {
    const replies = Array.from({ length: REPLY_SLOTS }, () => new Queue(0, { bufferBytes: RING_BYTES }));
    return new ManagerChannel({
      requests: new Queue(0, { bufferBytes: RING_BYTES }),
      replies,
      slots: new Semaphore(REPLY_SLOTS),
      flags: new Int32Array(new SharedArrayBuffer(4 * REPLY_SLOTS)),
      bell: new Int32Array(new SharedArrayBuffer(4)),
    });
  }

  /** The structured-cloneable form, nested in each proxy's descriptor. */
  encode(): unknown {
    const { requests, replies, slots, flags, bell } = this.parts;
    return {
      requests: requests[kShare](),
      replies: replies.map((q) => q[kShare]()),
      slots: slots[kShare](),
      flags: flags.buffer,
      bell: bell.buffer,
    };
  }

  static decode(data: unknown): ManagerChannel {
    // Part of a ManagerProxy descriptor, so as trusted as it (see shareable.ts).
    const d = data as {
      requests: ShareDescriptor;
      replies: ShareDescriptor[];
      slots: ShareDescriptor;
      flags: SharedArrayBuffer;
      bell: SharedArrayBuffer;
    };
    return new ManagerChannel({
      requests: reviveDescriptor(d.requests) as Queue,
      replies: d.replies.map((q) => reviveDescriptor(q) as Queue),
      slots: reviveDescriptor(d.slots) as Semaphore,
      flags: new Int32Array(d.flags),
      bell: new Int32Array(d.bell),
    });
  }

  /** A blocking call (worker threads only). */
  callSync(id: number, method: string, args: unknown[]): unknown {
    const { requests, replies, slots } = this.parts;
    slots.acquireSync();
    const slot = this.#claim();
    try {
      send(() => requests.putSync({ slot, id, method, args } satisfies ManagerRequest));
      this.ring();
      return unwrap(replies[slot]!.getSync() as ManagerReply);
    } finally {
      this.#free(slot);
    }
  }

  /** The same call without blocking the thread. */
  async call(id: number, method: string, args: unknown[]): Promise<unknown> {
    const { requests, replies, slots } = this.parts;
    await slots.acquire();
    const slot = this.#claim();
    try {
      await sendAsync(requests.put({ slot, id, method, args } satisfies ManagerRequest));
      this.ring();
      return unwrap((await replies[slot]!.get()) as ManagerReply);
    } finally {
      this.#free(slot);
    }
  }

  /** Wakes the server. */
  ring(): void {
    Atomics.add(this.parts.bell, 0, 1);
    Atomics.notify(this.parts.bell, 0);
  }

  #claim(): number {
    const { flags } = this.parts;
    // The semaphore guarantees a free flag exists; concurrent claimers may race for the same one.
    for (;;) {
      for (let i = 0; i < flags.length; i++) if (Atomics.compareExchange(flags, i, 0, 1) === 0) return i;
    }
  }

  #free(slot: number): void {
    Atomics.store(this.parts.flags, slot, 0);
    this.parts.slots.release();
  }
}

function send(put: () => void): void {
  try {
    put();
  } catch (error) {
    throw error instanceof Closed ? closedError(error) : error;
  }
}

async function sendAsync(put: Promise<void>): Promise<void> {
  try {
    await put;
  } catch (error) {
    throw error instanceof Closed ? closedError(error) : error;
  }
}

function unwrap(reply: ManagerReply): unknown {
  if (reply.ok) return reply.value;
  throw deserializeError(reply.error);
}
