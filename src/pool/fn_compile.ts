/**
 * Rebuilds a function from the source a {@link sourceShape} check let
 * through (src/pool/fn_check.ts). Used where shipped code runs: the pool and
 * Process workers (src/worker/pool_fns.ts) and a Barrier's action in the
 * threads it was passed to. Imports nothing from the main-thread pool.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { currentTask } from './current_task.js';

// biome-ignore lint/suspicious/noExplicitAny: a shipped function takes whatever its caller passed; unknown[] would refuse every typed parameter list
export type ShippedFn = (...args: any[]) => unknown;

/**
 * Names a shipped function may use besides the standard globals (see
 * ALLOWED_GLOBALS in src/pool/free_vars.ts): `require`, resolving from the
 * current directory, `__name`, the helper esbuild-based loaders (tsx,
 * vitest) insert when they keep function names, and `currentTask`
 * (current_task.ts), so a task can call the `currentTask` it imported.
 */
const requireFromCwd = createRequire(pathToFileURL(join(process.cwd(), 'noop.js')).href);
function keepName(target: object, value: string): object {
  return Object.defineProperty(target, 'name', { value, configurable: true });
}

/**
 * The function `source` evaluates to.
 * @param label - names the code in stack traces: "at square (corepool-fn-3.js:1:40)".
 * @throws the source's SyntaxError; TypeError when it is not a function.
 */
export function compileSource(source: string, method: boolean, label: string): ShippedFn {
  const body = method ? `const o = ({ ${source}\n}); return o[Reflect.ownKeys(o)[0]];` : `return (${source}\n);`;
  const named = `${body}\n//# sourceURL=${label}.js`;
  // The source was checked on the sending thread to use no free variables but
  // these and the globals, so evaluating it here gives the same function.
  const fn = new Function('require', '__name', 'currentTask', named)(requireFromCwd, keepName, currentTask) as unknown;
  if (typeof fn !== 'function') throw new TypeError('the shipped source did not evaluate to a function');
  return fn as ShippedFn;
}
