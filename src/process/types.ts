/**
 * What crosses from the parent to a Process's worker (thread or child
 * process). One message, sent once: as workerData for a thread, as the first
 * IPC message for a forked child.
 */
import type { FnShape } from '../pool/fn_source.js';
import type { SharedTable } from '../shared/shareable.js';

/** The per-worker identity `currentProcess()` reports, kept on globalThis under {@link kCurrent}. */
export interface ProcessInfo {
  /** The name given to `new Process({ name })` ('MainProcess' on the main thread). */
  readonly name: string;
  /** Thread id (context 'thread') or pid (context 'process' and the main thread). */
  readonly ident: number;
  /** The OS process id. */
  readonly pid: number;
  readonly daemon: boolean;
}

/** Parent → Process worker: what to run. */
export interface ProcessInit {
  readonly type: 'corepool:process-init';
  /** The target's shippable form; undefined runs nothing (Python: target=None). */
  readonly target: FnShape | undefined;
  /** Without their shared objects, which `argsTable` lists (thread context only; a child gets plain values). */
  readonly args: unknown[];
  readonly argsTable: SharedTable | undefined;
  readonly name: string;
  readonly daemon: boolean;
}

/**
 * Where a worker keeps its ProcessInfo. A Symbol.for key, because the worker
 * entry bundle and a `corepool` imported by the target's module are separate
 * module instances that must agree.
 */
export const kCurrent: unique symbol = Symbol.for('corepool.currentProcess') as typeof kCurrent;
