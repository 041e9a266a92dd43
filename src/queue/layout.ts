/**
 * Memory layout of a channel: the SharedArrayBuffer shared by every handle
 * of one Queue (or one direction of a Pipe), in whichever thread it lives.
 *
 *   [ header: 32 Int32 slots = 128 bytes ][ ring: `capacity` bytes ]
 *
 * The ring holds variable-length records, each 8-byte aligned:
 *
 *   [ payload length: int32 ][ tag: int32 ][ payload, zero-padded to 8 ]
 *
 * Because the capacity and every record size are multiples of 8, a record
 * header never straddles the end of the ring and neither does an 8-byte
 * payload (numbers); longer payloads may wrap around and are copied in two
 * parts.
 */

/** Header slots (indexes into the Int32Array over the header). */
export const Slot = {
  /** Ring mutex: 0 free, else the holder's thread id, plus bit 30 when others sleep on it (ring_lock.ts). */
  LOCK: 0,
  /** Byte offset of the oldest record (only touched under LOCK). */
  HEAD: 1,
  /** Byte offset where the next record goes (only touched under LOCK). */
  TAIL: 2,
  /** Bytes in use (written under LOCK with Atomics so lock-free readers see it). */
  USED: 3,
  /** Records in the ring (written under LOCK with Atomics; read lock-free by qsize and waiters). */
  COUNT: 4,
  /** Item limit; 0 means bounded by bytes only. */
  MAXSIZE: 5,
  /** Ring size in bytes. */
  CAPACITY: 6,
  /** Bumped when a record arrives or the channel closes; consumers sleep on it. */
  ITEMS_SEQ: 7,
  /** Bumped when space is freed or the channel closes; producers sleep on it. */
  SPACE_SEQ: 8,
  /** Consumers about to sleep on ITEMS_SEQ (producers notify only when > 0). */
  GET_WAITERS: 9,
  /** Producers about to sleep on SPACE_SEQ. */
  PUT_WAITERS: 10,
  /** 1 once nothing more will be written (Queue closed by its last producer, Pipe writer closed). */
  WRITE_CLOSED: 11,
  /** 1 once the reading end is gone (Pipe only): writes fail with a broken pipe. */
  READ_CLOSED: 12,
  /** close() calls still expected before WRITE_CLOSED is set (Queue `producers` option). */
  CLOSES_LEFT: 13,
  /** JoinableQueue: items put and not yet marked done. */
  UNFINISHED: 14,
  /** JoinableQueue: bumped when UNFINISHED drops to 0; join() sleeps on it. */
  JOIN_SEQ: 15,
  /** 1 once a thread ended while holding LOCK (ring_lock.ts): every call then throws. */
  BROKEN: 16,
} as const;

export const HEADER_SLOTS = 32;
export const HEADER_BYTES = HEADER_SLOTS * 4;
/** Bytes of a record header (length + tag). */
export const RECORD_HEADER_BYTES = 8;

/** Default ring size: room for ~65k numbers or ~16k small objects. */
export const DEFAULT_BUFFER_BYTES = 1 << 20;
export const MIN_BUFFER_BYTES = 64;
export const MAX_BUFFER_BYTES = 1 << 30;
/** Python's SEM_VALUE_MAX on Linux; also the largest count an Int32 slot holds. */
export const MAX_MAXSIZE = 0x7fffffff;

/** Rounds up to the 8-byte record alignment. */
export function align8(bytes: number): number {
  return (bytes + 7) & ~7;
}

/** Bytes a record with a `payloadBytes` payload occupies in the ring. */
export function recordBytes(payloadBytes: number): number {
  return RECORD_HEADER_BYTES + align8(payloadBytes);
}

/** Allocates and initialises the shared memory of one channel. */
export function allocateChannel(maxsize: number, bufferBytes: number, closesLeft: number): SharedArrayBuffer {
  const capacity = align8(bufferBytes);
  const sab = new SharedArrayBuffer(HEADER_BYTES + capacity);
  const header = new Int32Array(sab, 0, HEADER_SLOTS);
  header[Slot.MAXSIZE] = maxsize;
  header[Slot.CAPACITY] = capacity;
  header[Slot.CLOSES_LEFT] = closesLeft;
  return sab;
}
