/**
 * splitShared / joinShared (src/shared/shareable.ts) for the pool's
 * messages, with a fast path for what most tasks carry: primitives, typed
 * arrays and arrays of primitives, which need no walk at all. A value's
 * table travels in a column of its own (RunMessage.tables,
 * DoneMessage.tables), never inside the value. Imported by both sides.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { joinShared, splitShared, type SharedTable } from '../shared/shareable.js';

export type { SharedTable } from '../shared/shareable.js';

/** A value ready to post: without its shared objects, which `table` lists (undefined: none). */
export interface Encoded {
  readonly value: unknown;
  readonly table: SharedTable | undefined;
}

function primitives(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'object' && v !== null) return false;
  }
  return true;
}

/** Whether `value` may hold a shareable object, so {@link encode} must walk it (false: post it as it is). */
export function needsWalk(value: unknown): boolean {
  return !walkless(value);
}

function walkless(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return true;
  return Array.isArray(value) && primitives(value);
}

/**
 * Moves shareable objects out of `value` before a postMessage.
 * @throws what a shareable's `[kShare]()` throws (callers fail the task with it).
 */
export function encode(value: unknown): Encoded {
  if (walkless(value)) return { value, table: undefined };
  return splitShared(value);
}

/**
 * Puts the shared objects `table` lists back into a received `value`.
 * @throws TypeError ERR_DECODE_FAILED (with the original as `cause` when a reviver failed).
 */
export function decode(value: unknown, table: SharedTable | undefined): unknown {
  if (table === undefined) return value;
  try {
    return joinShared(value, table);
  } catch (error) {
    if ((error as { code?: unknown }).code === ErrorCode.DECODE_FAILED) throw error;
    const wrapped = new CorepoolTypeError(
      ErrorCode.DECODE_FAILED,
      `a shared object could not be rebuilt: ${(error as Error)?.message ?? String(error)}`,
    );
    Object.defineProperty(wrapped, 'cause', { value: error, writable: true, configurable: true });
    throw wrapped;
  }
}
