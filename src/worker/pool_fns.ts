/**
 * The worker's function table: shipped sources are compiled once and module
 * references imported once, then cached by id for the worker's lifetime.
 * Runs inside pool workers only.
 */
import { compileSource, type ShippedFn } from '../pool/fn_compile.js';
import type { FnDef } from '../pool/types.js';

export type TaskFn = ShippedFn;

function compile(def: Extract<FnDef, { type: 'source' }>): TaskFn {
  return compileSource(def.source, def.method, `corepool-fn-${def.id}`);
}

async function load(def: Extract<FnDef, { type: 'module' }>): Promise<TaskFn> {
  const mod = (await import(def.url)) as Record<string, unknown>;
  let fn = mod[def.exportName];
  // A CommonJS module's exports object is the ESM default export; named
  // exports are only present when Node's static analysis finds them.
  const cjs = mod.default as Record<string, unknown> | undefined;
  if (fn === undefined && typeof cjs === 'object' && cjs !== null) fn = cjs[def.exportName];
  if (typeof fn !== 'function') {
    throw new TypeError(`task(${def.url}, '${def.exportName}'): that export is not a function (got ${typeof fn})`);
  }
  return fn as TaskFn;
}

function failing(error: unknown): TaskFn {
  return () => {
    throw error;
  };
}

export class FnTable {
  readonly #fns = new Map<number, TaskFn | Promise<TaskFn>>();

  /** Compiles (or starts importing) `def`; a failure becomes a function that throws it. */
  define(def: FnDef): void {
    if (def.type === 'inline') {
      this.#fns.set(def.id, def.fn as TaskFn);
      return;
    }
    if (def.type === 'module') {
      this.#fns.set(
        def.id,
        load(def).then(
          (fn) => this.#settle(def.id, fn),
          (error) => this.#settle(def.id, failing(error)),
        ),
      );
      return;
    }
    try {
      this.#fns.set(def.id, compile(def));
    } catch (error) {
      this.#fns.set(def.id, failing(error));
    }
  }

  /** The function, or a promise of it while its module is still loading. */
  get(id: number): TaskFn | Promise<TaskFn> {
    const fn = this.#fns.get(id);
    return fn ?? failing(new Error(`internal: function ${id} was never defined in this worker`));
  }

  #settle(id: number, fn: TaskFn): TaskFn {
    this.#fns.set(id, fn);
    return fn;
  }
}
