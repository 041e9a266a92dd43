/**
 * Messages between Manager proxies in workers and the Manager's server on
 * the owning thread. They travel through corepool Queues (src/manager/channel.ts).
 */
import type { SerializedError } from '../errors.js';

/** The kinds of object a Manager serves. */
export type ManagedKind = 'dict' | 'list' | 'namespace';

/** Proxy (any thread) → server: call `method` on object `id`, answer in reply slot `slot`. */
export interface ManagerRequest {
  readonly slot: number;
  readonly id: number;
  readonly method: string;
  readonly args: unknown[];
}

/** Server → proxy, in the caller's reply slot. */
export type ManagerReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: SerializedError };
