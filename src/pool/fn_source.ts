/**
 * Turns what a caller passes as `fn` into something a worker can rebuild:
 * a self-contained function's source (checked for free variables here, on the
 * caller's thread) or a module reference. Kernel references are not shipped
 * (they run on the main thread's backend): {@link kernelEntry} gives them an
 * entry, and the public classes tell them apart with kernel_refs.ts's
 * isKernelRef, which this file must not import (kernel_refs.ts imports the
 * engine, which imports this file).
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { sourceShape } from './fn_check.js';
import type { KernelCall } from './kernel_call.js';
import { isTaskRef, type TaskRef } from './module_ref.js';
import type { FnDef } from './types.js';

/** A function's shippable form, without the per-pool id. */
export type FnShape = { type: 'source'; source: string; method: boolean } | { type: 'module'; url: string; exportName: string };

/**
 * The shippable shape of `fn`, or the error explaining why it has none.
 * Never throws: the caller turns the error into a rejection.
 */
export function shapeFn(fn: unknown, argName = 'fn'): FnShape | Error {
  if (isTaskRef(fn)) return { type: 'module', url: (fn as TaskRef).url, exportName: (fn as TaskRef).exportName };
  if (typeof fn !== 'function') {
    return new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `${argName} must be a function, a task() reference or a kernels.* reference; got ${fn === null ? 'null' : typeof fn}`,
    );
  }
  // sourceShape caches its parse by source text, so a new function object
  // with a known source (an inline arrow per call) costs a lookup.
  return sourceShape(fn as (...args: never[]) => unknown, argName);
}

/** One pool's ids for the functions it has shipped, plus their measured cost. */
export interface FnEntry {
  readonly def: FnDef;
  /** Average run time per item (ms), or -1 before the first measurement. */
  perItemMs: number;
  /** Set for corepool kernels, which run on the main thread's backend instead. */
  readonly kernel?: KernelCall | undefined;
  /** Function objects remembered for this entry (see FnRegistry.entry). */
  objects: number;
}

const OBJECTS_REMEMBERED = 8;

/** Assigns ids to the functions one pool ships; a worker learns each id's definition once. */
export class FnRegistry {
  /**
   * Context 'inline': a function is used as it is (no self-containment check, no source), each function object
   * its own entry; task() references are still imported by URL.
   */
  byReference = false;
  /** Source-text functions by their source; module references by `url#exportName`. */
  readonly #bySource = new Map<string, FnEntry>();
  readonly #byModule = new Map<string, FnEntry>();
  readonly #byFn = new WeakMap<object, FnEntry>();
  #nextId = 1;

  /** The entry for `fn`, or the error that keeps it from being shipped. */
  entry(fn: unknown, argName = 'fn'): FnEntry | Error {
    if (typeof fn === 'function') {
      const known = this.#byFn.get(fn);
      if (known !== undefined) return known;
      if (this.byReference) {
        const entry: FnEntry = { def: { id: this.#nextId++, type: 'inline', fn: fn as never }, perItemMs: -1, objects: 1 };
        this.#byFn.set(fn, entry);
        return entry;
      }
    }
    const shape = shapeFn(fn, argName);
    if (shape instanceof Error) return shape;
    // One source text always parses to the same shape, method flag included.
    const [table, key] = shape.type === 'source' ? [this.#bySource, shape.source] : [this.#byModule, `${shape.url}#${shape.exportName}`];
    let entry = table.get(key);
    if (entry === undefined) {
      entry = { def: { id: this.#nextId++, ...shape } as FnDef, perItemMs: -1, objects: 0 };
      table.set(key, entry);
    }
    // The first few function objects of a source are remembered, so a reused
    // function skips even the source lookup. An inline arrow per call makes a
    // new object every time: remembering each would only load the WeakMap
    // (and the GC's ephemeron work) for objects never seen again.
    if (typeof fn === 'function' && entry.objects < OBJECTS_REMEMBERED) {
      entry.objects++;
      this.#byFn.set(fn, entry);
    }
    return entry;
  }
}

/** The entry of a `kernels.*` reference: never shipped, so it takes no id. */
export function kernelEntry(kernel: KernelCall): FnEntry {
  return { def: { id: 0, type: 'module', url: 'corepool:kernel', exportName: kernel.name }, perItemMs: -1, kernel, objects: 0 };
}
