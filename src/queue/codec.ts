/**
 * How one queue item becomes a ring record and back. The hottest shapes
 * take the shortest road: a number is stored as a float64 in the record
 * itself, a short one-byte string as its bytes; small plain objects and
 * arrays use the compact codec; anything else goes through node:v8, which
 * implements structured clone (Map, Set, Date, typed arrays, cycles…).
 */
import v8 from 'node:v8';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { kShare } from '../shared/shareable.js';
import { compactScratch, decodeCompact, encodeCompact } from './compact_codec.js';

/** Record tags (the second Int32 of a record header). */
export const Tag = {
  NUMBER: 1,
  LATIN1: 2,
  COMPACT: 3,
  V8: 4,
  /** Raw bytes from Connection.sendBytes. */
  BYTES: 5,
} as const;

/** Strings up to this length are written straight into the ring. */
const INLINE_STRING_MAX = 64;

/** An item ready to be written: its tag, payload length, and payload. */
export interface Encoded {
  readonly tag: number;
  /** Payload bytes (`bytes` may be longer: only its first `length` bytes count). */
  readonly length: number;
  readonly num: number;
  readonly str: string;
  readonly bytes: Uint8Array | null;
  /**
   * false while `bytes` is the compact encoder's scratch, which the next
   * encode overwrites: fine for a put that writes at once, and {@link owned}
   * copies it before a put waits.
   */
  readonly owned: boolean;
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Encodes `value` outside the ring lock.
 * @throws CorepoolTypeError ERR_INVALID_ARG_TYPE when structured clone cannot copy it,
 *   or when it is a shared object (those travel as task arguments, not as queue items).
 */
export function encodeItem(value: unknown): Encoded {
  if (typeof value === 'number') return { tag: Tag.NUMBER, length: 8, num: value, str: '', bytes: null, owned: true };
  if (typeof value === 'string' && value.length <= INLINE_STRING_MAX && isLatin1(value)) {
    return { tag: Tag.LATIN1, length: value.length, num: 0, str: value, bytes: null, owned: true };
  }
  const length = encodeCompact(value);
  if (length >= 0) return { tag: Tag.COMPACT, length, num: 0, str: '', bytes: compactScratch(), owned: false };
  if (typeof value === 'object' && value !== null && kShare in value) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      'item must not be a shared object (Queue, Lock, Value…); pass it to the worker as an argument instead',
    );
  }
  try {
    return encodedBytes(Tag.V8, v8.serialize(value));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `item must be structured-cloneable: ${reason}`);
  }
}

/** Wraps raw bytes (already copied, or owned by the caller until written). */
export function encodedBytes(tag: number, bytes: Uint8Array): Encoded {
  return { tag, length: bytes.byteLength, num: 0, str: '', bytes, owned: true };
}

/** `item` with its own copy of the payload, for a put about to wait. */
export function owned(item: Encoded): Encoded {
  if (item.owned) return item;
  return { ...item, bytes: (item.bytes as Uint8Array).slice(0, item.length), owned: true };
}

/** Decodes a COMPACT, V8 or LATIN1 payload copied out of the ring into the start of `bytes`. */
export function decodePayload(tag: number, bytes: Uint8Array, length: number): unknown {
  if (tag === Tag.COMPACT) return decodeCompact(bytes);
  if (tag === Tag.V8) return v8.deserialize(bytes.subarray(0, length));
  return Buffer.from(bytes.buffer, bytes.byteOffset, length).toString('latin1');
}

/** The node:v8 form of a value, which is what Connection.recvBytes returns for a send() message. */
export function serializeValue(value: unknown): Uint8Array {
  return v8.serialize(value);
}
