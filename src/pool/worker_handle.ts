/**
 * `WorkerHandle` is the engine's bookkeeping for one live worker: the tasks
 * it holds, in order, and what its control block says is running. The
 * worker itself is behind the runtime seam (runtime.ts).
 */
import type { RuntimeEvents, RuntimeKind, WorkerRuntime } from './runtime.js';
import { TaskState, type Task } from './task.js';
import { Claim, Control, controlBytes, slotIndexes, type WorkerInit } from './types.js';

/** Where a worker is in its life. */
export const WorkerPhase = { STARTING: 0, READY: 1, RETIRING: 2, EXITED: 3 } as const;
export type WorkerPhaseValue = (typeof WorkerPhase)[keyof typeof WorkerPhase];

export class WorkerHandle {
  phase: WorkerPhaseValue = WorkerPhase.STARTING;
  runtime!: WorkerRuntime;
  /** Tasks held, oldest first; inflight[head] is the next result expected. */
  readonly inflight: Task[] = [];
  #head = 0;
  nextSeq = 0;
  /** Function ids this worker has compiled or imported. */
  readonly known = new Set<number>();
  /** Tasks it may still be given before maxTasksPerChild retires it (0 once it is over maxMemoryPerChild). */
  quota: number;
  /** Its heap passed maxMemoryPerChild after a task: it retires once it holds nothing. */
  overMemory = false;
  /** Estimated ms of work it holds. */
  pendingMs = 0;
  completed = 0;
  busyMs = 0;
  readonly startedAt = performance.now();
  /** When the current head task became the head (runtimes without a control block). */
  headSince = 0;
  /** Why the engine is stopping it, when it is; decides what its exit means. */
  retireReason: 'idle' | 'quota' | 'memory' | 'close' | 'timeout' | 'abort' | 'terminate' | undefined;
  /** The error the worker reported before exiting, if any. */
  crashCause: Error | undefined;
  /** The signal that ended it (process context), once it has exited. */
  exitSignal: NodeJS.Signals | null = null;
  idleTimer: NodeJS.Timeout | undefined;
  /** terminate() with abortGrace: the worker is stopped when this fires, or earlier once its task has ended. */
  graceKill: NodeJS.Timeout | undefined;
  /** With graceKill: the sequence number of the task it waits for. */
  graceSeq = -1;
  /** With graceKill and concurrentTasksPerWorker > 1: the tasks it waits for. */
  graceSeqs: Set<number> | undefined;
  timeoutTimer: NodeJS.Timeout | undefined;
  readonly #ctl32: Int32Array | undefined;
  readonly #ctl64: Float64Array | undefined;
  /** The claim ring (Control.CLAIM_OFFSET); absent without shared memory, where nothing is stolen or cancelled once sent. */
  readonly #claims: Int32Array | undefined;
  /** Without a control block: the task assumed running when takeAll() emptied the handle (a crash is read after it). */
  #taken: { seq: number; since: number } | undefined;
  /** With slots > 1: the whole control block as Int32s (the slots follow Control.INT32S). */
  readonly #slots32: Int32Array | undefined;
  /** With slots > 1 and no control block: the tasks assumed running, with when they were first assumed so. */
  #assumed = new Map<number, number>();
  #takenAll: Array<{ seq: number; since: number }> | undefined;
  #takenLast = -1;

  /** @param slots - concurrentTasksPerWorker: most tasks it runs at once. */
  constructor(
    readonly id: number,
    control: SharedArrayBuffer | undefined,
    quota: number,
    readonly slots = 1,
  ) {
    this.quota = quota;
    this.#ctl32 = control && new Int32Array(control, 0, Control.INT32S);
    this.#ctl64 = control && new Float64Array(control);
    this.#claims = control && new Int32Array(control, Control.CLAIM_OFFSET, Control.CLAIMS);
    if (this.#ctl32 !== undefined) this.#ctl32[Control.SEQ] = -1;
    if (control !== undefined && slots > 1) {
      this.#slots32 = new Int32Array(control);
      for (let j = 0; j < slots; j++) this.#slots32[slotIndexes(j).seq] = -1;
    }
  }

  /** Whether tasks sent to this worker can still be taken back before they start. */
  get claims(): boolean {
    return this.#claims !== undefined;
  }

  /** Whether a task numbered `seq` may be sent: its claim cell is no longer in use by an older task. */
  claimFree(seq: number): boolean {
    return this.#claims === undefined || Atomics.load(this.#claims, seq % Control.CLAIMS) === Claim.FREE;
  }

  /** The worker's result for `seq` arrived: its claim cell may serve a later task. */
  release(seq: number): void {
    if (this.#claims !== undefined) Atomics.store(this.#claims, seq % Control.CLAIMS, Claim.FREE);
  }

  /** Marks held task `task` cancelled if the worker has not claimed it; the worker then skips it. */
  cancelUnstarted(task: Task): boolean {
    const claims = this.#claims;
    if (claims === undefined) return false;
    return Atomics.compareExchange(claims, task.seq % Control.CLAIMS, Claim.FREE, Claim.CANCELLED) === Claim.FREE;
  }

  /**
   * Takes back up to `count` of the newest held tasks that the worker has not
   * started, newest first as far as the worker has not claimed them (it claims
   * in order, so what is taken is always a tail of what it holds). The worker
   * skips them without a trace. Returns them oldest first.
   */
  steal(count: number): Task[] {
    const claims = this.#claims;
    if (claims === undefined) return [];
    let end = this.inflight.length;
    // Never the head: it may be running, and a held task the worker still has to reach is cheaper to leave than to move.
    const lowest = this.#head + 1;
    while (end > lowest && this.inflight.length - end < count) {
      const task = this.inflight[end - 1]!;
      // A task withdrawn through its call's abort flag waits there for the worker's skip report; a task whose
      // payload was transferred (a packed map chunk, applyAsync's `transfer`) left its data with this worker.
      if (task.state !== TaskState.DISPATCHED || task.transfer !== undefined) break;
      if (Atomics.compareExchange(claims, task.seq % Control.CLAIMS, Claim.FREE, Claim.STOLEN) !== Claim.FREE) break;
      end--;
    }
    const stolen = this.inflight.splice(end);
    this.quota += stolen.length;
    return stolen;
  }

  get held(): number {
    return this.inflight.length - this.#head;
  }

  head(): Task | undefined {
    return this.inflight[this.#head];
  }

  /** The held task numbered `seq`, if any. */
  find(seq: number): Task | undefined {
    for (let i = this.#head; i < this.inflight.length; i++) if (this.inflight[i]!.seq === seq) return this.inflight[i];
    return undefined;
  }

  /** Removes and returns the oldest held task. */
  shift(): Task {
    const task = this.inflight[this.#head]!;
    this.inflight[this.#head++] = undefined as unknown as Task;
    if (this.#head === this.inflight.length) {
      this.inflight.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.inflight.length) {
      // A worker that is never empty would otherwise keep every task it ever ran.
      this.inflight.splice(0, this.#head);
      this.#head = 0;
    }
    this.headSince = performance.now();
    return task;
  }

  /** Removes and returns the held task numbered `seq` (results of concurrent tasks arrive out of order). */
  take(seq: number): Task | undefined {
    const head = this.inflight[this.#head];
    if (head !== undefined && head.seq === seq) return this.shift();
    for (let i = this.#head + 1; i < this.inflight.length; i++) {
      if (this.inflight[i]!.seq !== seq) continue;
      return this.inflight.splice(i, 1)[0];
    }
    return undefined;
  }

  /** Every held task, oldest first, leaving the handle empty. */
  takeAll(): Task[] {
    if (this.slots > 1 && this.#ctl32 === undefined) {
      this.#takenAll = this.runningAll();
      this.#takenLast = this.lastStarted();
    }
    const all = this.inflight.slice(this.#head);
    if (this.#ctl32 === undefined)
      this.#taken = all.length === 0 ? undefined : { seq: all[0]!.seq, since: performance.timeOrigin + this.headSince };
    this.inflight.length = 0;
    this.#head = 0;
    return all;
  }

  /**
   * The task running right now and its start (epoch ms), from the control
   * block; without one, the oldest held task is assumed to run.
   */
  running(): { seq: number; since: number } | undefined {
    if (this.#ctl32 === undefined) {
      const head = this.head();
      return head === undefined ? this.#taken : { seq: head.seq, since: performance.timeOrigin + this.headSince };
    }
    if (Atomics.load(this.#ctl32, Control.STATE) !== 1) return undefined;
    return { seq: Atomics.load(this.#ctl32, Control.SEQ), since: this.#ctl64![Control.STARTED]! };
  }

  /**
   * Every task running right now with its start (epoch ms). With slots > 1 the control block's slots say; without a
   * control block the `slots` oldest held tasks are assumed running, from when they became so (see markStarts).
   */
  runningAll(): Array<{ seq: number; since: number }> {
    if (this.slots === 1) {
      const one = this.running();
      return one === undefined ? [] : [one];
    }
    const all: Array<{ seq: number; since: number }> = [];
    if (this.#slots32 !== undefined) {
      for (let j = 0; j < this.slots; j++) {
        const at = slotIndexes(j);
        const seq = Atomics.load(this.#slots32, at.seq);
        if (seq >= 0) all.push({ seq, since: this.#ctl64![at.since]! });
      }
      return all;
    }
    if (this.held === 0) return this.#takenAll ?? [];
    const now = performance.timeOrigin + performance.now();
    for (let i = this.#head; i < this.inflight.length && all.length < this.slots; i++) {
      const seq = this.inflight[i]!.seq;
      all.push({ seq, since: this.#assumed.get(seq) ?? now });
    }
    return all;
  }

  /** Whether the task numbered `seq` is running now. */
  isRunning(seq: number): boolean {
    if (this.slots === 1) return this.running()?.seq === seq;
    return this.runningAll().some((r) => r.seq === seq);
  }

  /**
   * Without a control block and with slots > 1: stamps the held tasks now assumed running (the `slots` oldest) with
   * the time they became so. Called after tasks were sent and after results came back.
   */
  markStarts(): void {
    if (this.slots === 1 || this.#ctl32 !== undefined) return;
    const now = performance.timeOrigin + performance.now();
    const next = new Map<number, number>();
    for (let i = this.#head; i < this.inflight.length && next.size < this.slots; i++) {
      const seq = this.inflight[i]!.seq;
      next.set(seq, this.#assumed.get(seq) ?? now);
    }
    this.#assumed = next;
  }

  /** Tells the worker to start no further task (see Control.STOP); call before splitHeld. */
  stop(): void {
    if (this.#ctl32 !== undefined) Atomics.store(this.#ctl32, Control.STOP, 1);
  }

  /** Sequence number of the last task the worker started (-1: none). */
  lastStarted(): number {
    if (this.#ctl32 === undefined && this.slots > 1) {
      if (this.held === 0) return this.#takenLast;
      return this.inflight[Math.min(this.inflight.length, this.#head + this.slots) - 1]!.seq;
    }
    if (this.#ctl32 === undefined) return this.head()?.seq ?? this.#taken?.seq ?? -1;
    return Atomics.load(this.#ctl32, Control.SEQ);
  }
}

/** What spawnWorker needs from the pool's options. */
export interface SpawnOptions {
  runtime: RuntimeKind;
  maxTasksPerChild: number;
  maxMemoryPerChild: number;
  resourceLimits: Record<string, number> | undefined;
  concurrentTasksPerWorker: number;
}

/**
 * Starts a worker through the runtime. A runtime that throws (a bad
 * resourceLimits, say) yields a handle whose exit is reported on the next
 * microtask, so the engine handles it like any failed start-up.
 */
export function spawnWorker(
  id: number,
  options: SpawnOptions,
  init: Omit<WorkerInit, 'workerId' | 'control'>,
  events: RuntimeEvents,
): WorkerHandle {
  const slots = options.concurrentTasksPerWorker;
  const control = options.runtime.sharesMemory ? new SharedArrayBuffer(controlBytes(slots)) : undefined;
  const worker = new WorkerHandle(id, control, options.maxTasksPerChild, slots);
  const workerInit: WorkerInit = {
    workerId: id,
    control,
    ...init,
    measureHeap: options.maxMemoryPerChild !== Infinity,
    concurrency: slots,
  };
  try {
    worker.runtime = options.runtime.create({
      init: workerInit,
      name: `corepool-pool-${id}`,
      resourceLimits: options.resourceLimits,
      events,
    });
  } catch (error) {
    worker.crashCause = error as Error;
    worker.runtime = { osId: -1, post() {}, terminate() {}, ref() {}, unref() {} };
    queueMicrotask(() => events.exit(1));
  }
  return worker;
}
