/**
 * Helpers for rebuilding a primitive around the SharedArrayBuffer its
 * descriptor carries, without putting the buffer in the public constructor.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import type { ShareDescriptor } from '../shared/shareable.js';

/**
 * A one-shot hand-over from a reviver to the constructor it calls next: the
 * constructor takes the revived buffer if there is one, or makes a new one.
 */
export class BufferHandOff {
  #next: SharedArrayBuffer | undefined;

  /** Runs `make` with `buffer` waiting for its constructor. */
  revive<T>(buffer: SharedArrayBuffer, make: () => T): T {
    this.#next = buffer;
    try {
      return make();
    } finally {
      this.#next = undefined;
    }
  }

  /**
   * In a constructor: the revived buffer (`revived: true`, whose contents are
   * live state not to be initialised), else a new one of `bytes` bytes.
   */
  take(bytes: number): { buffer: SharedArrayBuffer; revived: boolean } {
    const next = this.#next;
    this.#next = undefined;
    return next === undefined ? { buffer: new SharedArrayBuffer(bytes), revived: false } : { buffer: next, revived: true };
  }
}

/** The descriptor's buffer, checked to be shared memory of at least `bytes`. */
export function descriptorBuffer(descriptor: ShareDescriptor, bytes: number): SharedArrayBuffer {
  const { buffer } = descriptor;
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < bytes) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `a ${descriptor.__corepool} descriptor must carry a SharedArrayBuffer of at least ${bytes} bytes`,
    );
  }
  return buffer;
}
