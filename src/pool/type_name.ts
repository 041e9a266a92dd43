/**
 * Names for the value structured clone refused, in MaybeEncodingError
 * messages. Imported by both sides of the pool; depends on nothing.
 */

/** A short name for a value's type: 'function', 'symbol', 'WeakMap', 'Object'… */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name || 'Object';
}

/**
 * Which element of an arguments array (or chunk of results) structured clone
 * refuses, as `'function at [2]'`; only called once a post has failed.
 */
export function culprit(value: unknown): string {
  if (!Array.isArray(value)) return typeName(value);
  for (let i = 0; i < value.length; i++) {
    try {
      structuredClone(value[i]);
    } catch {
      return `${typeName(value[i])} at [${i}]`;
    }
  }
  return 'Array';
}
