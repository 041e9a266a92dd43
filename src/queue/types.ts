/**
 * The structured-cloneable forms in which queues and pipe ends cross into
 * another thread (see src/shared/shareable.ts). Each carries the channel's
 * SharedArrayBuffer, so the revived handle works on the same ring.
 */

export type QueueDescriptor = {
  readonly __corepool: 'Queue' | 'JoinableQueue' | 'SimpleQueue';
  readonly buffer: SharedArrayBuffer;
};

export type ConnectionDescriptor = {
  readonly __corepool: 'Connection';
  /** The channel this end receives from; null for a send-only end. */
  readonly incoming: SharedArrayBuffer | null;
  /** The channel this end sends into; null for a receive-only end. */
  readonly outgoing: SharedArrayBuffer | null;
};
