/**
 * How shared-memory objects (Lock, Queue, Value, SharedArray, Pipe ends…)
 * cross into workers and arrive as the same shared object, not a copy.
 *
 * A shareable class implements `[kShare]()`, returning a plain,
 * structured-cloneable descriptor whose `__corepool` tag names a reviver
 * registered with {@link registerShareable}. Whoever ships arguments to a
 * worker (Pool, Process, Executor) calls {@link encodeShared} on them before
 * postMessage and {@link decodeShared} on the other side. The worker entry
 * imports the modules that register revivers, so it can rebuild any of them.
 */

/** The method a shareable object implements. */
export const kShare: unique symbol = Symbol.for('corepool.share');

/** A structured-cloneable stand-in for a shareable object. */
export interface ShareDescriptor {
  readonly __corepool: string;
  readonly [field: string]: unknown;
}

export interface Shareable {
  [kShare](): ShareDescriptor;
}

type Reviver = (descriptor: ShareDescriptor) => unknown;
const revivers = new Map<string, Reviver>();

/** Registers how to rebuild objects tagged `tag` (called at module load by each shareable class). */
export function registerShareable(tag: string, revive: Reviver): void {
  revivers.set(tag, revive);
}

function isShareable(value: unknown): value is Shareable {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Shareable>)[kShare] === 'function';
}

function isDescriptor(value: unknown): value is ShareDescriptor {
  return typeof value === 'object' && value !== null && typeof (value as { __corepool?: unknown }).__corepool === 'string';
}

/**
 * Replaces shareable objects by descriptors, in `value` itself and inside
 * plain arrays and plain objects (any depth). Other values are left for
 * structured clone.
 */
export function encodeShared(value: unknown): unknown {
  if (isShareable(value)) return value[kShare]();
  if (Array.isArray(value)) return value.some(needsEncoding) ? value.map(encodeShared) : value;
  if (isPlainObject(value) && Object.values(value).some(needsEncoding)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeShared(v)]));
  }
  return value;
}

/** Rebuilds shareable objects from descriptors, the inverse of {@link encodeShared}. */
export function decodeShared(value: unknown): unknown {
  if (isDescriptor(value)) {
    const revive = revivers.get(value.__corepool);
    if (revive === undefined) throw new TypeError(`no reviver registered for shared object '${value.__corepool}'`);
    return revive(value);
  }
  if (Array.isArray(value)) return value.some(needsDecoding) ? value.map(decodeShared) : value;
  if (isPlainObject(value) && Object.values(value).some(needsDecoding)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeShared(v)]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function needsEncoding(value: unknown): boolean {
  return isShareable(value) || Array.isArray(value) || isPlainObject(value);
}

function needsDecoding(value: unknown): boolean {
  return isDescriptor(value) || Array.isArray(value) || isPlainObject(value);
}
