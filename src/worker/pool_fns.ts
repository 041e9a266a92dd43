/**
 * The worker's function table: shipped sources are compiled once and module
 * references imported once, then cached by id for the worker's lifetime.
 * Runs inside pool workers only.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FnDef } from '../pool/types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TaskFn = (...args: any[]) => unknown;

/**
 * Names a shipped function may use besides the standard globals (see
 * ALLOWED_GLOBALS in src/pool/free_vars.ts): `require`, resolving from the
 * current directory, and `__name`, the helper esbuild-based loaders (tsx,
 * vitest) insert when they keep function names.
 */
const requireFromCwd = createRequire(pathToFileURL(join(process.cwd(), 'noop.js')).href);
function keepName(target: object, value: string): object {
  return Object.defineProperty(target, 'name', { value, configurable: true });
}

function compile(def: Extract<FnDef, { type: 'source' }>): TaskFn {
  const body = def.method
    ? `const o = ({ ${def.source}\n}); return o[Reflect.ownKeys(o)[0]];`
    : `return (${def.source}\n);`;
  // Names the code in stack traces: "at square (corepool-fn-3.js:1:40)".
  const named = `${body}\n//# sourceURL=corepool-fn-${def.id}.js`;
  // The source was checked on the main thread to use no free variables but
  // these and the globals, so evaluating it here gives the same function.
  const fn = new Function('require', '__name', named)(requireFromCwd, keepName) as unknown;
  if (typeof fn !== 'function') throw new TypeError('the shipped source did not evaluate to a function');
  return fn as TaskFn;
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
    if (def.type === 'module') {
      this.#fns.set(def.id, load(def).then((fn) => this.#settle(def.id, fn), (error) => this.#settle(def.id, failing(error))));
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
