/**
 * How a Barrier's action crosses threads: through the same self-containment
 * check as a Pool task function on the sharing side, and the same compiler
 * on the receiving side. A descriptor's text is compiled only in the shape
 * {@link shipAction} gives, and descriptors reach a reviver only from the
 * side table corepool itself fills (src/shared/shareable.ts).
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { compileSource } from '../pool/fn_compile.js';
import { sourceShape } from '../pool/fn_check.js';
import type { ShippedAction } from '../shared/descriptors.js';

/**
 * The action in the form it crosses threads: through the same check as a
 * Pool task function. One that is not self-contained still lets the barrier
 * be shared (threads that never run the action do not care); where it would
 * run, it throws the check's error and so breaks the barrier.
 */
export function shipAction(action: () => unknown): ShippedAction {
  const shape = sourceShape(action, 'options.action');
  return shape instanceof Error ? { refused: shape.message } : { source: shape.source, method: shape.method };
}

/** Rebuilds a shipped action, compiled as Pool task functions are (src/pool/fn_compile.ts). */
export function compileAction(shipped: ShippedAction): () => unknown {
  if ('refused' in shipped) {
    const error = new CorepoolTypeError(ErrorCode.FN_NOT_SELF_CONTAINED, shipped.refused);
    return () => {
      throw error;
    };
  }
  return compileSource(shipped.source, shipped.method, 'corepool-barrier-action');
}

/** The descriptor's action, checked to have the shape {@link shipAction} gives. */
export function receivedAction(action: unknown): ShippedAction | null {
  if (action === null || action === undefined) return null;
  const a = action as Record<string, unknown>;
  if (typeof a.refused === 'string') return { refused: a.refused };
  if (typeof a.source === 'string' && typeof a.method === 'boolean') return { source: a.source, method: a.method };
  throw new CorepoolTypeError(ErrorCode.DECODE_FAILED, 'a Barrier descriptor carries an invalid action');
}
