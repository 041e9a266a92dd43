/**
 * How shared-memory objects (Lock, Queue, Value, SharedArray, Pipe ends…)
 * cross into workers and arrive as the same shared object, not a copy.
 *
 * A shareable class implements `[kShare]()`, returning a plain,
 * structured-cloneable descriptor whose `__corepool` tag names a reviver
 * registered with {@link registerShareable}.
 *
 * Descriptors never travel inside the value itself, where user data could
 * imitate them (a task returning `JSON.parse('{"__corepool":"Lock"}')` must
 * get that object back, not a revived Lock, and no data may choose code to
 * run). {@link splitShared} moves each shareable object out of the value into
 * a side table listed by path, leaving `null` in its place; the table travels
 * beside the value (its own message field), and {@link joinShared} revives
 * only what the table lists. Plain objects and arrays are walked; any other
 * value is left for structured clone.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';

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

/** Where the shareable objects of a value were: [path of keys from the root, descriptor]. */
export type SharedTable = Array<[path: Array<string | number>, descriptor: ShareDescriptor]>;

/**
 * What {@link encodeShared} returns: the value without its shared objects,
 * and the table that brings them back. Post it whole; {@link decodeShared}
 * takes it apart on the other side.
 */
export interface SharedEnvelope {
  readonly __corepoolShared: SharedTable;
  readonly value: unknown;
}

type Reviver = (descriptor: ShareDescriptor) => unknown;
const revivers = new Map<string, Reviver>();

/** Registers how to rebuild objects tagged `tag` (called at module load by each shareable class). */
export function registerShareable(tag: string, revive: Reviver): void {
  revivers.set(tag, revive);
}

function decodeFailed(message: string): CorepoolTypeError {
  return new CorepoolTypeError(ErrorCode.DECODE_FAILED, message);
}

/**
 * Rebuilds one descriptor that came from a trusted place (a side table, or
 * a field of another descriptor, such as a Value's lock).
 * @throws TypeError ERR_DECODE_FAILED when no class registered its tag.
 */
export function reviveDescriptor(descriptor: ShareDescriptor): unknown {
  const tag = (descriptor as { __corepool?: unknown } | null)?.__corepool;
  const revive = typeof tag === 'string' ? revivers.get(tag) : undefined;
  if (revive === undefined) throw decodeFailed(`no reviver registered for shared object '${String(tag)}'`);
  return revive(descriptor);
}

function isShareable(value: unknown): value is Shareable {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Shareable>)[kShare] === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Sets an own data property; plain assignment of a '__proto__' key would change the prototype instead. */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function split(value: unknown, path: Array<string | number>, table: SharedTable, seen: Set<object>): unknown {
  if (isShareable(value)) {
    table.push([path.slice(), value[kShare]()]);
    return null;
  }
  if (Array.isArray(value)) return splitChildren(value, true, path, table, seen);
  if (isPlainObject(value)) return splitChildren(value, false, path, table, seen);
  return value;
}

/**
 * Walks a container's object children; returns the container, or a copy
 * where a child changed. `seen` holds the containers on the current path:
 * structured clone allows cycles, and one back to an ancestor stops here.
 * Containers without object children (most rows of data) never enter it.
 */
function splitChildren(value: object, array: boolean, path: Array<string | number>, table: SharedTable, seen: Set<object>): unknown {
  if (seen.has(value)) return value;
  const record = value as Record<string | number, unknown>;
  let copy: Record<string | number, unknown> | undefined;
  let entered = false;
  const visit = (key: string | number): void => {
    const item = record[key];
    if (typeof item !== 'object' || item === null) return;
    if (!entered) seen.add(value);
    entered = true;
    path.push(key);
    const out = split(item, path, table, seen);
    path.pop();
    if (out === item) return;
    if (copy === undefined) {
      // Copy on write: the caller's containers are never changed.
      copy = (array ? (value as unknown[]).slice() : Object.create(Object.getPrototypeOf(value))) as Record<string | number, unknown>;
      if (!array) for (const k of Object.keys(value)) setOwn(copy, k, record[k]);
    }
    setOwn(copy, key, out);
  };
  if (array) for (let i = 0; i < (value as unknown[]).length; i++) visit(i);
  else for (const key in record) if (Object.hasOwn(record, key)) visit(key);
  if (entered) seen.delete(value);
  return copy ?? value;
}

/**
 * Moves the shareable objects of `value` (itself, or inside plain arrays and
 * objects at any depth) into a side table.
 * @returns the value with `null` where they were (containers on their path
 *   copied, the caller's left alone), and the table, undefined when empty.
 * @throws what a `[kShare]()` throws (a Barrier whose action is not self-contained).
 */
export function splitShared(value: unknown): { value: unknown; table: SharedTable | undefined } {
  const table: SharedTable = [];
  const out = split(value, [], table, new Set());
  return { value: out, table: table.length === 0 ? undefined : table };
}

/**
 * Revives the objects `table` lists and puts them back at their paths in
 * `value` (a received copy, changed in place).
 * @returns the value with its shared objects.
 * @throws TypeError ERR_DECODE_FAILED for a malformed table, a path that is
 *   not in the value, or a tag no class registered; a reviver's own error.
 */
export function joinShared(value: unknown, table: SharedTable | undefined): unknown {
  if (table === undefined) return value;
  if (!Array.isArray(table)) throw decodeFailed('the shared-object table must be an array');
  let root = value;
  for (const entry of table) {
    const [path, descriptor] = Array.isArray(entry) ? entry : [];
    if (!Array.isArray(path) || typeof descriptor !== 'object' || descriptor === null)
      throw decodeFailed('a shared-object table entry must be [path, descriptor]');
    if (path.length === 0) {
      root = reviveDescriptor(descriptor);
      continue;
    }
    let parent: unknown = root;
    for (let i = 0; i < path.length - 1; i++) parent = step(parent, path[i]);
    step(parent, path[path.length - 1]);
    setOwn(parent as object, path[path.length - 1] as string | number, reviveDescriptor(descriptor));
  }
  return root;
}

function step(parent: unknown, key: unknown): unknown {
  if (
    typeof parent !== 'object' ||
    parent === null ||
    (typeof key !== 'string' && typeof key !== 'number') ||
    !Object.hasOwn(parent, key)
  ) {
    throw decodeFailed(`a shared object's path (at ${JSON.stringify(key)}) is not in the value received`);
  }
  return (parent as Record<string | number, unknown>)[key];
}

function isEnvelope(value: unknown): value is SharedEnvelope {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as Partial<SharedEnvelope>).__corepoolShared) && 'value' in value
  );
}

/**
 * Prepares `value` for your own `postMessage` / `workerData`: shareable
 * objects in it (at any depth of plain arrays and objects) will arrive as
 * the same shared object after {@link decodeShared}.
 * @returns an envelope to post whole.
 * @throws what a `[kShare]()` throws (a Barrier whose action is not self-contained).
 */
export function encodeShared(value: unknown): SharedEnvelope {
  const { value: rest, table } = splitShared(value);
  return { __corepoolShared: table ?? [], value: rest };
}

/**
 * The inverse of {@link encodeShared}, on the posted envelope. Anything else
 * is returned as it is: data never becomes a shared object (or code) by
 * looking like a descriptor.
 * @throws TypeError ERR_DECODE_FAILED for a damaged envelope.
 */
export function decodeShared(envelope: unknown): unknown {
  if (!isEnvelope(envelope)) return envelope;
  return joinShared(envelope.value, envelope.__corepoolShared.length === 0 ? undefined : envelope.__corepoolShared);
}
