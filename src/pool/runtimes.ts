/**
 * The explicit runtime switch (as tinypool's `runtime` option): a pool's
 * `context` names the runtime its workers start on. The runtimes are
 * imported here and nowhere else, so no module registers itself by being
 * imported.
 */
import { inlineRuntime } from './inline_runtime.js';
import { processRuntime } from './process_runtime.js';
import type { RuntimeKind } from './runtime.js';
import { threadRuntime } from './thread_runtime.js';

/** The values of `options.context`. */
export const CONTEXTS = ['thread', 'process', 'inline'] as const;
export type PoolContext = (typeof CONTEXTS)[number];

/** The runtime of a (validated) context, for a pool of `processes` workers. */
export function runtimeFor(context: PoolContext, processes: number): RuntimeKind {
  switch (context) {
    case 'thread':
      return threadRuntime;
    case 'process':
      return processRuntime;
    case 'inline':
      return inlineRuntime(processes);
  }
}
