/**
 * Rebuilding a handle around a revived SharedArrayBuffer without putting the
 * buffer in the public constructor: the reviver parks the buffer here, and
 * the constructor it calls next takes it instead of allocating.
 */
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import type { ShareDescriptor } from '../shared/shareable.js';
import { HEADER_BYTES, HEADER_SLOTS, Slot } from './layout.js';

let parked: SharedArrayBuffer | undefined;

/** Runs `make` with `buffer` waiting for the constructor it calls. */
export function reviveWith<T>(buffer: SharedArrayBuffer, make: () => T): T {
  parked = buffer;
  try {
    return make();
  } finally {
    parked = undefined;
  }
}

/** In a constructor: the revived buffer, if a reviver is running. */
export function takeParked(): SharedArrayBuffer | undefined {
  const buffer = parked;
  parked = undefined;
  return buffer;
}

/** Checks that `value` is a channel buffer (header plus the ring its header announces). */
export function channelBuffer(descriptor: ShareDescriptor, value: unknown): SharedArrayBuffer {
  if (value instanceof SharedArrayBuffer && value.byteLength >= HEADER_BYTES) {
    const capacity = new Int32Array(value, 0, HEADER_SLOTS)[Slot.CAPACITY] as number;
    if (capacity > 0 && capacity % 8 === 0 && value.byteLength === HEADER_BYTES + capacity) return value;
  }
  throw new CorepoolTypeError(
    ErrorCode.INVALID_ARG_TYPE,
    `descriptor.buffer must be the SharedArrayBuffer of a corepool ${descriptor.__corepool}`,
  );
}
