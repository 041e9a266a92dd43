/**
 * encodeShared / decodeShared (src/shared/shareable.ts) with a fast path for
 * what most tasks carry: primitives, typed arrays and arrays of primitives,
 * which need no walk at all. Imported by both sides of the pool.
 */
import { decodeShared, encodeShared } from '../shared/shareable.js';

function primitives(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'object' && v !== null) return false;
  }
  return true;
}

/** Replaces shareable objects by their descriptors before a postMessage. */
export function encode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value) && primitives(value)) return value;
  return encodeShared(value);
}

/** Revives shareable objects from descriptors after a postMessage. */
export function decode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value) && primitives(value)) return value;
  return decodeShared(value);
}
