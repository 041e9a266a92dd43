/**
 * The `lock` option of Value and SharedArray, as in Python: true (default) makes
 * a new RLock, false none, or an existing Lock or RLock is used as it is.
 */
import { CorepoolError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { RLock, isLock, type Lock } from '../sync/lock.js';
import type { LockDescriptor } from './descriptors.js';
import { reviveDescriptor } from './shareable.js';

/** Options of Value and SharedArray. */
export interface SynchronizedOptions {
  /** true (default): a new RLock; false: none (`getLock()` throws); or this Lock/RLock. */
  lock?: boolean | Lock | RLock;
}

/** The lock `options` ask for. */
export function lockFromOptions(options: SynchronizedOptions | undefined): Lock | RLock | null {
  if (options === undefined) return new RLock();
  if (typeof options !== 'object' || options === null) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, 'options must be an object');
  }
  const { lock = true } = options;
  if (lock === true) return new RLock();
  if (lock === false) return null;
  if (isLock(lock)) return lock;
  throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.lock must be a boolean, a Lock or an RLock');
}

/** A lock back from its descriptor (null stays null). */
export function reviveLock(descriptor: unknown): Lock | RLock | null {
  if (descriptor === null || descriptor === undefined) return null;
  return reviveDescriptor(descriptor as LockDescriptor) as Lock | RLock;
}

/** `getLock()` of an object made with `lock: false`. Python raises AttributeError there. */
export function noLock(what: string): CorepoolError {
  return new CorepoolError(ErrorCode.NO_LOCK, `this ${what} was made with lock: false (or raw), so it has no lock`);
}
