/**
 * The explicit runtime switch (as tinypool's `runtime` option): a pool's
 * `context` names the runtime its workers start on. Both runtimes are
 * imported here and nowhere else, so no module registers itself by being
 * imported.
 */
import { processRuntime } from './process_runtime.js';
import type { RuntimeKind } from './runtime.js';
import { threadRuntime } from './thread_runtime.js';

/** The values of `options.context`. */
export const CONTEXTS = ['thread', 'process'] as const;
export type PoolContext = (typeof CONTEXTS)[number];

/** The runtime of a (validated) context. */
export function runtimeFor(context: PoolContext): RuntimeKind {
  switch (context) {
    case 'thread':
      return threadRuntime;
    case 'process':
      return processRuntime;
  }
}
