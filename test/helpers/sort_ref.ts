/** References for the sort family: a plain stable comparator sort in numpy order, and inputs. */
import type { NumericArray } from 'corepool';
import { CTORS, rng, type TestDtype } from './data.js';

/** x strictly before y in numpy order (NaN last, all NaNs equal, -0 == +0). */
export const before = (x: number, y: number): boolean => x < y || (y !== y && x === x);
export const sameKey = (x: number, y: number): boolean => x === y || (x !== x && y !== y);

/** The stable argsort, by Array.prototype.sort (stable since ES2019) with an index tiebreak. */
export function refArgsort(a: ArrayLike<number>, descending = false): number[] {
  const idx = Array.from({ length: a.length }, (_, i) => i);
  return idx.sort((i, j) => {
    const x = a[i]!;
    const y = a[j]!;
    if (descending ? before(y, x) : before(x, y)) return -1;
    if (descending ? before(x, y) : before(y, x)) return 1;
    return i - j;
  });
}

/** The bits of a[i] as a string (so NaN payloads and zero signs compare exactly). */
export function bitsAt(a: NumericArray, i: number): string {
  if (a instanceof Float64Array) {
    const u = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
    return `${u[2 * i + 1]!.toString(16)}:${u[2 * i]!.toString(16)}`;
  }
  if (a instanceof Float32Array) return new Uint32Array(a.buffer, a.byteOffset, a.length)[i]!.toString(16);
  return String(a[i]);
}

/** The integer view values move through (Uint32 pairs for float64). */
function words(a: NumericArray): { w: ArrayLike<number>; per: number } {
  if (a instanceof Float64Array) return { w: new Uint32Array(a.buffer, a.byteOffset, 2 * a.length), per: 2 };
  if (a instanceof Float32Array) return { w: new Uint32Array(a.buffer, a.byteOffset, a.length), per: 1 };
  return { w: a, per: 1 };
}

/** The first index where got differs from the bits of a gathered by `order`, or undefined. */
export function gatherMismatch(got: NumericArray, a: NumericArray, order: ArrayLike<number>): string | undefined {
  if (got.length !== order.length) return `length ${got.length} vs ${order.length}`;
  const g = words(got);
  const s = words(a);
  for (let r = 0; r < order.length; r++) {
    const i = order[r]!;
    if (g.w[g.per * r] !== s.w[s.per * i] || (g.per === 2 && g.w[2 * r + 1] !== s.w[2 * i + 1])) {
      return `[${r}] ${bitsAt(got, r)} vs ${bitsAt(a, i)} (a[${i}])`;
    }
  }
  return undefined;
}

/** The first index where two index sequences differ. */
export function indexMismatch(got: ArrayLike<number>, want: ArrayLike<number>): string | undefined {
  if (got.length !== want.length) return `length ${got.length} vs ${want.length}`;
  for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) return `[${i}] ${got[i]} vs ${want[i]}`;
  return undefined;
}

/**
 * An O(n) check that p is THE stable sorting permutation of a (it is unique):
 * a permutation whose neighbours are in order, ties by ascending index.
 */
export function stablePermMismatch(a: ArrayLike<number>, p: ArrayLike<number>, descending = false): string | undefined {
  if (p.length !== a.length) return `length ${p.length} vs ${a.length}`;
  const seen = new Uint8Array(a.length);
  for (let r = 0; r < p.length; r++) {
    const i = p[r]!;
    if (!(i >= 0 && i < a.length) || seen[i]) return `[${r}] ${i} is not a permutation entry`;
    seen[i] = 1;
    if (r === 0) continue;
    const j = p[r - 1]!;
    const [x, y] = [a[j]!, a[i]!];
    const ordered = descending ? before(y, x) : before(x, y);
    if (!ordered && !(sameKey(x, y) && j < i)) return `[${r - 1}, ${r}] a[${j}]=${x}, a[${i}]=${y} out of order`;
  }
  return undefined;
}

export const PATTERNS = ['random', 'sorted', 'reversed', 'equal', 'specials', 'ties'] as const;
export type Pattern = (typeof PATTERNS)[number];

const isFloat = (dtype: TestDtype): boolean => dtype === 'float64' || dtype === 'float32';

/** A view of n elements (at `offset` elements into the buffer) filled by `pattern`. */
export function sortInput(
  dtype: TestDtype,
  n: number,
  pattern: Pattern,
  options: { offset?: number; shared?: boolean; seed?: number } = {},
): NumericArray {
  const { offset = 0, shared = false, seed = 1 } = options;
  const C = CTORS[dtype];
  const bytes = (n + offset + 1) * C.BYTES_PER_ELEMENT;
  const a = new C(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), offset * C.BYTES_PER_ELEMENT, n);
  const r = rng(seed);
  const specials = [NaN, -0, 0, Infinity, -Infinity, -1, 1, 2 ** -1074, -(2 ** 1023)];
  for (let i = 0; i < n; i++) {
    const u = r();
    let x = isFloat(dtype) ? (u - 0.5) * 2 ** Math.floor(r() * 80 - 40) : Math.floor(u * 2 ** 32) - (dtype.startsWith('int') ? 2 ** 31 : 0);
    if (pattern === 'equal') x = isFloat(dtype) ? 1.5 : 7;
    else if (pattern === 'ties') x = Math.floor(u * 5) - (dtype.startsWith('uint') ? 0 : 2);
    else if (pattern === 'specials' && isFloat(dtype) && u < 0.7) x = specials[Math.floor(r() * specials.length)]!;
    else if (pattern === 'specials') x = u < 0.5 ? 0 : x; // integers: zeros and extremes
    a[i] = x;
  }
  if (pattern === 'specials' && dtype === 'float64' && n > 3) {
    // NaNs with payloads and signs: bits must move unchanged.
    const u = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
    u[3] = 0xfff80000;
    u[2] = 0x1234;
    u[2 * (n - 1) + 1] = 0x7ff00000;
    u[2 * (n - 1)] = 1;
  }
  if (pattern === 'specials' && dtype === 'float32' && n > 2) new Uint32Array(a.buffer, a.byteOffset, n)[1] = 0xffc00001;
  if (pattern === 'sorted' || pattern === 'reversed') {
    const order = refArgsort(a, pattern === 'reversed');
    const copy = a.slice();
    for (let k = 0; k < n; k++) a[k] = copy[order[k]!]!;
  }
  return a;
}
