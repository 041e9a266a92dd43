/**
 * The structured-cloneable forms in which Value, SharedArray and the sync
 * primitives cross into another thread (see shareable.ts). Each carries the
 * SharedArrayBuffer itself, so the revived object works on the same memory.
 */

/** Lock and RLock. */
export type LockDescriptor = {
  readonly __corepool: 'Lock' | 'RLock';
  readonly buffer: SharedArrayBuffer;
};

/** Semaphore and BoundedSemaphore. */
export type SemaphoreDescriptor = {
  readonly __corepool: 'Semaphore' | 'BoundedSemaphore';
  readonly buffer: SharedArrayBuffer;
};

export type EventDescriptor = {
  readonly __corepool: 'Event';
  readonly buffer: SharedArrayBuffer;
};

export type ConditionDescriptor = {
  readonly __corepool: 'Condition';
  readonly buffer: SharedArrayBuffer;
  readonly lock: LockDescriptor;
};

export type BarrierDescriptor = {
  readonly __corepool: 'Barrier';
  readonly buffer: SharedArrayBuffer;
  /** The action's source text, rebuilt on the other side; null without an action. */
  readonly action: string | null;
  /** Default timeout in ms; null for none. */
  readonly timeout: number | null;
};

/** Value and RawValue (lock null). */
export type ValueDescriptor = {
  readonly __corepool: 'Value';
  readonly typecode: string;
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly lock: LockDescriptor | null;
};

/** SharedArray (RawArray is a plain TypedArray and needs no descriptor). */
export type SharedArrayDescriptor = {
  readonly __corepool: 'SharedArray';
  readonly typecode: string;
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
  readonly lock: LockDescriptor | null;
};
