/**
 * Shared state and synchronisation, in one import. Importing this module
 * registers the revivers of every class here (see shareable.ts), so worker
 * entries import it for that effect too.
 */
export { Lock, RLock } from './lock.js';
export { Semaphore, BoundedSemaphore } from './semaphore.js';
export { Event } from './event.js';
export { Condition, type ConditionOptions } from './condition.js';
export { Barrier, type BarrierOptions } from './barrier.js';
export { OWNER_CHECK_INTERVAL_MS } from './lock_core.js';
export type { AcquireOptions } from './wait.js';
export type { NoOptions } from './lock.js';
export { Value, RawValue, SharedValue, type ValueConstructor } from '../shared/value.js';
export {
  SharedArray,
  RawArray,
  type SharedArrayConstructor,
  type SharedArrayMethods,
  type SharedArrayOf,
  type SizeOrInit,
} from '../shared/shared_array.js';
export type { SynchronizedOptions } from '../shared/lock_option.js';
export type { ArrayOf, ElementOf, Typecode, TypecodeLike, TypedArray } from '../shared/typecodes.js';
