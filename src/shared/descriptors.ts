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
  /**
   * The action: its source, checked to be self-contained where the barrier
   * was shared and compiled as a Pool task function is; or why it could not
   * be shipped (running it there throws that); null without an action.
   */
  readonly action: ShippedAction | null;
  /** Default timeout in ms; null for none. */
  readonly timeout: number | null;
};

/** A Barrier action as it crosses threads. */
export type ShippedAction = { readonly source: string; readonly method: boolean } | { readonly refused: string };

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
