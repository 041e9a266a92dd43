/**
 * Moving results out of a worker instead of copying them.
 */
import type { Transferable } from './types.js';

const kTransfer = Symbol.for('corepool.transfer');

/**
 * Wraps a task's return value so the listed ArrayBuffers (or MessagePorts)
 * are moved to the caller instead of copied. Use it in module tasks
 * (`task(url, name)`); a self-contained function can return the same marker
 * by hand: `{ [Symbol.for('corepool.transfer')]: [buf.buffer], value: buf }`.
 * Python equivalent: none (pickle always copies).
 * @param value - the result.
 * @param transferList - buffers inside `value` to move.
 * @returns a marker the pool worker unwraps; the caller receives `value`.
 */
export function transfer<T>(value: T, transferList: readonly Transferable[]): T {
  return { [kTransfer]: [...transferList], value } as unknown as T;
}
