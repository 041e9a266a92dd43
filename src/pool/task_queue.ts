/**
 * The pool's FIFO of tasks not yet handed to a worker. Removal (abort,
 * fail-fast) marks a task cancelled and leaves it for shift() to skip, so it
 * costs O(1).
 */
import { type Task, TaskState } from './task.js';

export class TaskQueue {
  #items: Task[] = [];
  #head = 0;
  #live = 0;

  /** Tasks waiting (cancelled ones excluded). */
  get size(): number {
    return this.#live;
  }

  push(task: Task): void {
    this.#items.push(task);
    this.#live++;
  }

  /** Puts tasks back at the front, in their order (work a dead worker never started). */
  pushFront(tasks: readonly Task[]): void {
    if (tasks.length === 0) return;
    for (const t of tasks) t.state = TaskState.QUEUED;
    this.#items = [...tasks, ...this.#items.slice(this.#head)];
    this.#head = 0;
    this.#live += tasks.length;
  }

  peek(): Task | undefined {
    this.#skipCancelled();
    return this.#items[this.#head];
  }

  shift(): Task | undefined {
    this.#skipCancelled();
    if (this.#head >= this.#items.length) return undefined;
    const task = this.#items[this.#head++]!;
    this.#live--;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return task;
  }

  /** Cancels a queued task; false when it is not queued any more. */
  remove(task: Task): boolean {
    if (task.state !== TaskState.QUEUED) return false;
    task.state = TaskState.CANCELLED;
    this.#live--;
    return true;
  }

  /** Empties the queue, returning the tasks still waiting. */
  drain(): Task[] {
    const live = this.#items.slice(this.#head).filter((t) => t.state === TaskState.QUEUED);
    this.#items = [];
    this.#head = 0;
    this.#live = 0;
    return live;
  }

  #skipCancelled(): void {
    while (this.#head < this.#items.length && this.#items[this.#head]!.state !== TaskState.QUEUED) this.#head++;
  }
}
