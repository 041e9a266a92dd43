/**
 * The pool's queue of tasks not yet handed to a worker, ordered by priority
 * with aging. A task's effective priority is
 *
 *     priority + (now - submittedAt) / aging      (aging: ms per priority level)
 *
 * so a waiting task gains one level every `aging` ms and nothing starves. All
 * tasks age at the same rate, so the order of two tasks never depends on
 * `now`: task a goes before b when `a.priority - a.submittedAt / aging` is
 * greater. Tasks of one priority therefore leave in submission order (FIFO),
 * and the queue keeps one FIFO lane per priority: the next task is the best
 * of the lanes' heads, an O(1) step for the usual single priority.
 *
 * Removal (abort, fail-fast) marks a task cancelled and leaves it for the
 * lane to skip, so it costs O(1).
 */
import { type Task, TaskState } from './task.js';

class Lane {
  items: Task[] = [];
  head = 0;
  constructor(readonly priority: number) {}

  /** The first live task, dropping cancelled ones before it. */
  first(): Task | undefined {
    const items = this.items;
    while (this.head < items.length && items[this.head]!.state !== TaskState.QUEUED) this.head++;
    return items[this.head];
  }

  advance(): void {
    if (++this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export class TaskQueue {
  readonly #aging: number;
  /** Lanes by descending priority. */
  #lanes: Lane[] = [];
  /** The lane the last push went to (most pushes share one priority). */
  #last: Lane | undefined;
  #live = 0;

  /** @param aging - ms for a waiting task to gain one priority level; Infinity: no aging. */
  constructor(aging = Infinity) {
    this.#aging = aging;
  }

  /** Tasks waiting (cancelled ones excluded). */
  get size(): number {
    return this.#live;
  }

  push(task: Task): void {
    this.#lane(task.priority).items.push(task);
    this.#live++;
  }

  /** Puts tasks back at the front of their lanes, in their order (work a dead worker never started). */
  pushFront(tasks: readonly Task[]): void {
    if (tasks.length === 0) return;
    const groups = new Map<Lane, Task[]>();
    for (const t of tasks) {
      t.state = TaskState.QUEUED;
      const lane = this.#lane(t.priority);
      const group = groups.get(lane);
      if (group === undefined) groups.set(lane, [t]);
      else group.push(t);
    }
    for (const [lane, group] of groups) {
      lane.items = [...group, ...lane.items.slice(lane.head)];
      lane.head = 0;
    }
    this.#live += tasks.length;
  }

  /** The task that goes next: the highest effective priority, FIFO among equals. */
  peek(): Task | undefined {
    const lanes = this.#lanes;
    // One priority in use (the usual case): a plain FIFO.
    if (lanes.length === 1) return lanes[0]!.first();
    return this.#best()?.first();
  }

  shift(): Task | undefined {
    const lanes = this.#lanes;
    const lane = lanes.length === 1 ? lanes[0]! : this.#best();
    const task = lane?.first();
    if (task === undefined) return undefined;
    lane!.advance();
    this.#live--;
    return task;
  }

  /** Cancels a queued task; false when it is not queued any more. */
  remove(task: Task): boolean {
    if (task.state !== TaskState.QUEUED) return false;
    task.state = TaskState.CANCELLED;
    this.#live--;
    return true;
  }

  /** Empties the queue, returning the tasks still waiting (highest priority lane first). */
  drain(): Task[] {
    const live: Task[] = [];
    for (const lane of this.#lanes)
      for (let i = lane.head; i < lane.items.length; i++) if (lane.items[i]!.state === TaskState.QUEUED) live.push(lane.items[i]!);
    this.#lanes = [];
    this.#last = undefined;
    this.#live = 0;
    return live;
  }

  #lane(priority: number): Lane {
    const last = this.#last;
    if (last !== undefined && last.priority === priority) return last;
    const lanes = this.#lanes;
    let at = 0;
    while (at < lanes.length && lanes[at]!.priority > priority) at++;
    let lane = lanes[at];
    if (lane === undefined || lane.priority !== priority) {
      lane = new Lane(priority);
      lanes.splice(at, 0, lane);
    }
    this.#last = lane;
    return lane;
  }

  /** The lane whose head goes next; drops empty lanes when there are several. */
  #best(): Lane | undefined {
    const lanes = this.#lanes;
    if (lanes.length <= 1 || this.#live === 0) return lanes[0];
    let best: Lane | undefined;
    let bestKey = -Infinity;
    let empty = false;
    for (const lane of lanes) {
      const head = lane.first();
      if (head === undefined) {
        empty = true;
        continue;
      }
      // Lanes are in descending priority: without aging the first non-empty one wins.
      if (this.#aging === Infinity) {
        best = lane;
        break;
      }
      const key = lane.priority - head.submittedAt / this.#aging;
      if (best === undefined || key > bestKey) {
        best = lane;
        bestKey = key;
      }
    }
    if (empty) this.#prune();
    return best;
  }

  #prune(): void {
    const kept = this.#lanes.filter((lane) => lane.first() !== undefined);
    if (kept.length === 0) kept.push(this.#lanes[0]!);
    if (this.#last !== undefined && !kept.includes(this.#last)) this.#last = undefined;
    this.#lanes = kept;
  }
}
