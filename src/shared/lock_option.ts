/**
 * The `lock` option of Value and SharedArray, as in Python: true (default) makes
 * a new RLock, false none, or an existing Lock or RLock is used as it is.
 */
import { CorepoolError, ErrorCode } from '../errors.js';
import { RLock, isLock, type Lock } from '../sync/lock.js';
import { checkOptions, optionError } from '../validate.js';
import type { LockDescriptor } from './descriptors.js';
import { reviveDescriptor } from './shareable.js';

/** Options of Value and SharedArray. */
export interface SynchronizedOptions {
  /** true (default): a new RLock; false: none (`getLock()` throws); or this Lock/RLock. */
  lock?: boolean | Lock | RLock;
}

/**
 * The lock `options` of `owner` ('Value', 'SharedArray') ask for.
 * @throws TypeError ERR_INVALID_ARG_TYPE for a non-object `options`; ERR_INVALID_OPTION for an unknown key or a bad `lock`.
 */
export function lockFromOptions(options: SynchronizedOptions | undefined, owner: string): Lock | RLock | null {
  if (options === undefined) return new RLock();
  const { lock = true } = checkOptions(options, owner, ['lock']);
  if (lock === true) return new RLock();
  if (lock === false) return null;
  if (isLock(lock)) return lock;
  throw optionError('lock', 'a boolean, a Lock or an RLock', lock);
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
