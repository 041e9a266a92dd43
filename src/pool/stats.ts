/**
 * What `pool.stats()` reports, and the cheap recorders behind it: counters,
 * plus ring buffers of the latest run and wait times for the percentiles.
 */
import type { WorkerHandle } from './worker_handle.js';

/** Distribution of a duration in ms; percentiles cover the latest 4096 samples. */
export interface TimeSummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface WorkerStats {
  /** The pool's id for the worker (as in WorkerCrashedError.workerId). */
  id: number;
  /** Its threadId (or pid for a process worker). */
  osId: number;
  /** Tasks it completed (a map chunk is one task). */
  tasks: number;
  /** Tasks it holds now (running or sent to it). */
  held: number;
  busyMs: number;
  aliveMs: number;
  /** busyMs / aliveMs, from 0 to 1. */
  utilization: number;
}

export interface PoolStats {
  processes: number;
  /** Workers alive now (started lazily, stopped by idleTimeout). */
  workers: number;
  /** Tasks that completed successfully (a map chunk is one task; kernel calls count too). */
  completed: number;
  /** Tasks that failed: the function threw, a worker crashed, a timeout, an abort, terminate(). */
  failed: number;
  /** Tasks waiting for a worker (retries waiting out retryDelay included). */
  queued: number;
  /** Tasks handed to workers and not settled yet. */
  running: number;
  /** Workers that died without being asked to. */
  crashes: number;
  /** Times a task was sent again after its worker crashed or timed out (options.retries). */
  retries: number;
  /** Tasks an idle worker took from another worker that held them but had not started them (thread context). */
  steals: number;
  /** Time a task ran in its worker. */
  runTime: TimeSummary;
  /** Time a task waited in the queue before it was first handed to a worker (counted once per task). */
  waitTime: TimeSummary;
  perWorker: WorkerStats[];
}

const WINDOW = 4096;

export class Reservoir {
  readonly #ring = new Float64Array(WINDOW);
  #count = 0;
  #sum = 0;
  #max = 0;

  add(ms: number): void {
    this.#ring[this.#count % WINDOW] = ms;
    this.#count++;
    this.#sum += ms;
    if (ms > this.#max) this.#max = ms;
  }

  summary(): TimeSummary {
    const n = Math.min(this.#count, WINDOW);
    const sorted = this.#ring.slice(0, n).sort();
    const at = (q: number): number => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor(q * n))]!);
    return {
      count: this.#count,
      mean: this.#count === 0 ? 0 : this.#sum / this.#count,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: this.#max,
    };
  }
}

export class StatsRecorder {
  completed = 0;
  failed = 0;
  crashes = 0;
  retries = 0;
  steals = 0;
  readonly run = new Reservoir();
  readonly wait = new Reservoir();
}

/** The stats() report for a pool's current state. */
export function snapshot(processes: number, workers: ReadonlyMap<number, WorkerHandle>, stats: StatsRecorder, queued: number): PoolStats {
  const now = performance.now();
  let running = 0;
  const perWorker = [...workers.values()].map((w) => {
    running += w.held;
    const aliveMs = now - w.startedAt;
    const utilization = aliveMs > 0 ? Math.min(1, w.busyMs / aliveMs) : 0;
    return { id: w.id, osId: w.runtime.osId, tasks: w.completed, held: w.held, busyMs: w.busyMs, aliveMs, utilization };
  });
  const { completed, failed, crashes, retries, steals } = stats;
  const times = { runTime: stats.run.summary(), waitTime: stats.wait.summary() };
  return { processes, workers: workers.size, completed, failed, queued, running, crashes, retries, steals, ...times, perWorker };
}
