/**
 * The byte-level side of a Connection: argument checks for sendBytes /
 * recvBytes / recvBytesInto, and the under-lock "take" steps that read a
 * message without consuming it when it does not fit.
 */
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { Tag, serializeValue } from '../queue/codec.js';
import { PENDING, decodePending, type Ring } from '../queue/ring.js';

/** recvBytes found a message longer than maxlength (left in the pipe). */
export class TooLong {
  constructor(readonly length: number) {}
}

/** recvBytesInto found a message longer than the room in its buffer (consumed). */
export class TooShort {
  constructor(
    readonly data: Uint8Array,
    readonly room: number,
  ) {}
}

type Bytes = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;

function asUint8(buf: unknown, name: string): Uint8Array {
  if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf instanceof ArrayBuffer || buf instanceof SharedArrayBuffer) return new Uint8Array(buf);
  throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be an ArrayBuffer, a SharedArrayBuffer or an ArrayBufferView`);
}

function byteIndex(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must be an integer from 0 to ${max}`);
  }
  return value;
}

/** The bytes sendBytes(buf, offset, size) sends, as a view (offset and size in bytes). */
export function bytesToSend(buf: Bytes, offset: unknown = 0, size?: unknown): Uint8Array {
  const all = asUint8(buf, 'buf');
  const start = byteIndex(offset, 'offset', all.byteLength);
  const length = size === undefined ? all.byteLength - start : byteIndex(size, 'size', all.byteLength - start);
  return all.subarray(start, start + length);
}

/** The writable bytes recvBytesInto(buf, offset) may fill. */
export function bytesToFill(buf: unknown, offset: unknown = 0): Uint8Array {
  const all = asUint8(buf, 'buf');
  return all.subarray(byteIndex(offset, 'offset', all.byteLength));
}

/** Checks recvBytes' maxlength (undefined: no limit). */
export function maxLength(value: unknown): number {
  if (value === undefined) return Infinity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'maxlength must be a non-negative integer');
  }
  return value;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The oldest message as bytes, without consuming it: a sendBytes message as
 * sent, a send() message as its node:v8 serialization (what `v8.deserialize`
 * reads back; Python's recv_bytes likewise returns the pickle).
 */
function peekBytes(ring: Ring): Uint8Array {
  const tag = ring.peekTag();
  const raw = ring.peek();
  if (tag === Tag.BYTES) return raw as Buffer;
  return serializeValue(raw === PENDING ? decodePending() : raw);
}

/** Under the lock: the oldest message as a Buffer, or TooLong (left in place). */
export function takeBytes(max: number): (ring: Ring) => unknown {
  return (ring) => {
    if (ring.peekTag() === Tag.BYTES && ring.peekLength() > max) return new TooLong(ring.peekLength());
    const bytes = peekBytes(ring);
    if (bytes.byteLength > max) return new TooLong(bytes.byteLength);
    ring.drop();
    return asBuffer(bytes);
  };
}

/** Under the lock: copies the oldest message into `target` (its byte count), or TooShort (consumed). */
export function takeBytesInto(target: Uint8Array): (ring: Ring) => unknown {
  return (ring) => {
    if (ring.peekTag() === Tag.BYTES && ring.peekLength() <= target.byteLength) return ring.readInto(target);
    const bytes = peekBytes(ring);
    ring.drop();
    if (bytes.byteLength > target.byteLength) return new TooShort(bytes, target.byteLength);
    target.set(bytes);
    return bytes.byteLength;
  };
}
