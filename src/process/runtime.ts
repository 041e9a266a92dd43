/**
 * The two ways a Process runs, behind one interface (tinypool's model):
 * 'thread' is a worker_threads Worker, 'process' a child_process.fork. Both
 * start dist/process_worker.js, which reads a {@link ProcessInit}.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { childExecArgv } from '../exec_argv.js';
import { reportError } from './report.js';
import { processWorker } from './spare.js';
import type { ProcessInit } from './types.js';

const ENTRY = new URL('./process_worker.js', import.meta.url);

/** How the worker ended: Python's exitcode (negative signal number for a kill). */
export type ExitListener = (exitCode: number) => void;

export interface ProcessRuntime {
  /** Thread id or pid. */
  readonly ident: number;
  /** Stops the worker; `signal` matters only to a child process. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** Whether the worker keeps the parent's event loop alive. */
  setRef(ref: boolean): void;
}

class ThreadProcess implements ProcessRuntime {
  readonly #worker: Worker;
  // threadId reads -1 once the thread has ended; Python keeps ident after exit.
  readonly ident: number;
  #stopped: number | undefined;

  constructor(init: ProcessInit, onExit: ExitListener) {
    this.#worker = processWorker(ENTRY, init);
    this.ident = this.#worker.threadId;
    // An error thrown outside the target (a timer it left behind) ends the
    // thread with code 1; the entry reports errors from the target itself.
    this.#worker.on('error', (error) => reportError(init.name, error));
    this.#worker.on('exit', (code) => onExit(this.#stopped ?? code));
  }

  stop(signal: 'SIGTERM' | 'SIGKILL'): void {
    // A thread cannot be signalled; both stop it at once, and exitCode says which was asked for.
    this.#stopped ??= -constants.signals[signal];
    void this.#worker.terminate();
  }

  setRef(ref: boolean): void {
    if (ref) this.#worker.ref();
    else this.#worker.unref();
  }
}

// Daemon children are stopped when the parent exits (Python terminates them at exit).
const daemons = new Set<ChildProcess>();
let exitHookInstalled = false;
function stopDaemonsAtExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of daemons) child.kill('SIGTERM');
  });
}

class ChildProcessRuntime implements ProcessRuntime {
  readonly #child: ChildProcess;
  readonly ident: number;

  constructor(init: ProcessInit, onExit: ExitListener) {
    // Never the parent's `-e <script>` or `--input-type`: the child must run its entry, not the user's script again.
    this.#child = fork(ENTRY, [], { serialization: 'advanced', stdio: 'inherit', execArgv: childExecArgv() });
    this.ident = this.#child.pid ?? -1;
    this.#child.send(init);
    this.#child.on('exit', (code, signal) => {
      daemons.delete(this.#child);
      onExit(signal !== null ? -(constants.signals[signal] ?? 1) : (code ?? 1));
    });
    if (init.daemon) {
      daemons.add(this.#child);
      stopDaemonsAtExit();
    }
  }

  stop(signal: 'SIGTERM' | 'SIGKILL'): void {
    this.#child.kill(signal);
  }

  setRef(ref: boolean): void {
    if (ref) this.#child.ref();
    else this.#child.unref();
    // The IPC channel is a handle of its own.
    const channel = this.#child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (ref) channel?.ref?.();
    else channel?.unref?.();
  }
}

/** Starts the worker for `init` in `context`. */
export function startRuntime(context: 'thread' | 'process', init: ProcessInit, onExit: ExitListener): ProcessRuntime {
  return context === 'thread' ? new ThreadProcess(init, onExit) : new ChildProcessRuntime(init, onExit);
}
