/**
 * The ring of records inside a channel's SharedArrayBuffer (layout.ts).
 * Every method here runs with the ring lock held; the channel takes it.
 * HEAD and TAIL are private to the lock holder, so plain reads and writes
 * suffice; USED and COUNT change through Atomics because waiters and
 * qsize() read them without the lock.
 */
import { Tag, decodePayload, type Encoded } from './codec.js';
import { HEADER_BYTES, HEADER_SLOTS, RECORD_HEADER_BYTES, Slot, recordBytes } from './layout.js';

/**
 * What peek()/read() return for a payload they copied out rather than
 * decoded: decoding waits until the lock is released ({@link decodePending}).
 */
export const PENDING: unique symbol = Symbol('pending');

// The pending payload: one per thread, because it is decoded synchronously
// right after the unlock, before any other read on this thread can start.
// Allocating a typed array per message cost more than the rest of a small
// get, hence the reused scratch.
const SCRATCH_MAX = 64 * 1024;
let scratch = new Uint8Array(256);
let pendingTag = 0;
let pendingBytes: Uint8Array = scratch;
let pendingLength = 0;

function scratchFor(length: number): Uint8Array {
  if (length > SCRATCH_MAX) return new Uint8Array(length);
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  return scratch;
}

/** Decodes the payload the last peek()/read() on this thread left pending. */
export function decodePending(): unknown {
  return decodePayload(pendingTag, pendingBytes, pendingLength);
}

/** Short copies run faster as a loop than through subarray() + set(). */
const LOOP_COPY_MAX = 64;

export class Ring {
  readonly header: Int32Array;
  readonly capacity: number;
  readonly #u8: Uint8Array;
  readonly #text: Buffer;
  readonly #i32: Int32Array;
  readonly #f64: Float64Array;

  constructor(sab: SharedArrayBuffer) {
    this.header = new Int32Array(sab, 0, HEADER_SLOTS);
    this.capacity = this.header[Slot.CAPACITY] as number;
    this.#u8 = new Uint8Array(sab, HEADER_BYTES, this.capacity);
    this.#text = Buffer.from(sab, HEADER_BYTES, this.capacity);
    this.#i32 = new Int32Array(sab, HEADER_BYTES, this.capacity / 4);
    this.#f64 = new Float64Array(sab, HEADER_BYTES, this.capacity / 8);
  }

  /** Largest payload one record can carry: the whole ring minus its header. */
  get maxPayloadBytes(): number {
    return this.capacity - RECORD_HEADER_BYTES;
  }

  /** Whether a payload of `length` bytes fits now, by bytes and by the item limit. */
  fits(length: number): boolean {
    const h = this.header;
    const maxsize = h[Slot.MAXSIZE] as number;
    if (maxsize > 0 && (h[Slot.COUNT] as number) >= maxsize) return false;
    return (h[Slot.USED] as number) + recordBytes(length) <= this.capacity;
  }

  /** Appends one record; the caller checked {@link fits}. */
  write(item: Encoded): void {
    const h = this.header;
    const tail = h[Slot.TAIL] as number;
    this.#i32[tail >> 2] = item.length;
    this.#i32[(tail >> 2) + 1] = item.tag;
    const at = this.#wrap(tail + RECORD_HEADER_BYTES);
    if (item.tag === Tag.NUMBER) this.#f64[at >> 3] = item.num;
    else if (item.tag === Tag.LATIN1) this.#writeLatin1(at, item.str);
    else this.#copyIn(item.bytes as Uint8Array, item.length, at);
    const size = recordBytes(item.length);
    h[Slot.TAIL] = this.#wrap(tail + size);
    Atomics.add(h, Slot.USED, size);
    Atomics.add(h, Slot.COUNT, 1);
  }

  /** Payload length of the oldest record (the ring must not be empty). */
  peekLength(): number {
    return this.#i32[(this.header[Slot.HEAD] as number) >> 2] as number;
  }

  /** Tag of the oldest record (the ring must not be empty). */
  peekTag(): number {
    return this.#i32[((this.header[Slot.HEAD] as number) >> 2) + 1] as number;
  }

  /**
   * Removes the oldest record. Numbers and short strings come back decoded,
   * raw bytes (Tag.BYTES) as a fresh Buffer; other payloads are copied out and
   * {@link PENDING} comes back: call {@link decodePending} after unlocking and
   * before this thread's next read.
   */
  read(): unknown {
    const value = this.peek();
    this.drop();
    return value;
  }

  /** {@link read} without removing the record. */
  peek(): unknown {
    const head = this.header[Slot.HEAD] as number;
    const length = this.#i32[head >> 2] as number;
    const tag = this.#i32[(head >> 2) + 1] as number;
    const at = this.#wrap(head + RECORD_HEADER_BYTES);
    if (tag === Tag.NUMBER) return this.#f64[at >> 3];
    if (tag === Tag.LATIN1 && at + length <= this.capacity) return this.#text.toString('latin1', at, at + length);
    if (tag === Tag.BYTES) return Buffer.from(this.#copyOut(at, length, new Uint8Array(length)).buffer);
    pendingTag = tag;
    pendingBytes = this.#copyOut(at, length, scratchFor(length));
    pendingLength = length;
    return PENDING;
  }

  /** Removes the oldest record unread. */
  drop(): void {
    const head = this.header[Slot.HEAD] as number;
    this.#pop(head, this.#i32[head >> 2] as number);
  }

  /** Removes the oldest record, copying its payload into `target` (which must be large enough). */
  readInto(target: Uint8Array): number {
    const head = this.header[Slot.HEAD] as number;
    const length = this.#i32[head >> 2] as number;
    this.#copyOut(this.#wrap(head + RECORD_HEADER_BYTES), length, target);
    this.#pop(head, length);
    return length;
  }

  #pop(head: number, length: number): void {
    const h = this.header;
    const size = recordBytes(length);
    h[Slot.HEAD] = this.#wrap(head + size);
    Atomics.sub(h, Slot.USED, size);
    Atomics.sub(h, Slot.COUNT, 1);
  }

  #wrap(offset: number): number {
    return offset >= this.capacity ? offset - this.capacity : offset;
  }

  #writeLatin1(at: number, s: string): void {
    const u8 = this.#u8;
    for (let i = 0; i < s.length; i++) {
      u8[at] = s.charCodeAt(i);
      if (++at === this.capacity) at = 0;
    }
  }

  /** Copies src[0, length) into the ring at `at`, wrapping around. */
  #copyIn(src: Uint8Array, length: number, at: number): void {
    const u8 = this.#u8;
    const first = Math.min(length, this.capacity - at);
    if (length <= LOOP_COPY_MAX) {
      for (let i = 0; i < first; i++) u8[at + i] = src[i] as number;
      for (let i = first; i < length; i++) u8[i - first] = src[i] as number;
      return;
    }
    u8.set(src.subarray(0, first), at);
    if (first < length) u8.set(src.subarray(first, length), 0);
  }

  /** Copies `length` ring bytes from `at`, wrapping around, into the start of `target`. */
  #copyOut(at: number, length: number, target: Uint8Array): Uint8Array {
    const u8 = this.#u8;
    const first = Math.min(length, this.capacity - at);
    if (length <= LOOP_COPY_MAX) {
      for (let i = 0; i < first; i++) target[i] = u8[at + i] as number;
      for (let i = first; i < length; i++) target[i] = u8[i - first] as number;
      return target;
    }
    target.set(u8.subarray(at, at + first));
    if (first < length) target.set(u8.subarray(0, length - first), first);
    return target;
  }
}
