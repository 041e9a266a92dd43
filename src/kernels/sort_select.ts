/**
 * JS twin of partition, topk and searchsorted. The contract fixes every
 * output uniquely (stable orders, ties by input index), so a linear-time
 * selection of the pivot key plus stable passes gives the same bits as the
 * native kernels whatever algorithm they use.
 */
import type { NumericArray } from '../dtypes.js';
import { before, bitsView, gatherBits, sameKey, sortPerm } from './sort.js';

/** The key at ascending rank r (0 <= r < a.length) of a; NaN when that rank is a NaN. */
export function keyAtRank(a: NumericArray, r: number): number {
  const v = new Float64Array(a.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x === x) v[m++] = x;
  }
  if (r >= m) return NaN;
  return selectRank(v.subarray(0, m), r);
}

/** Quickselect with a three-way split, so runs of equal values cannot make it quadratic. */
function selectRank(v: Float64Array, r: number): number {
  let lo = 0;
  let hi = v.length - 1;
  while (hi > lo) {
    const x0 = v[lo]!;
    const x1 = v[(lo + hi) >>> 1]!;
    const x2 = v[hi]!;
    const p = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const x = v[i]!;
      if (x < p) {
        v[i++] = v[lt]!;
        v[lt++] = x;
      } else if (x > p) {
        v[i] = v[gt]!;
        v[gt--] = x;
      } else {
        i++;
      }
    }
    if (r < lt) hi = lt - 1;
    else if (r > gt) lo = gt + 1;
    else return p;
  }
  return v[lo]!;
}

function copyBits(s: NumericArray, d: NumericArray, from: number, to: number, wide: boolean): void {
  if (wide) {
    d[2 * to] = s[2 * from]!;
    d[2 * to + 1] = s[2 * from + 1]!;
  } else {
    d[to] = s[from]!;
  }
}

/** Stable three-way partition of a around the key at ascending rank k (see the sort contract). */
export function partitionInto(a: NumericArray, k: number, values: NumericArray, indices: Uint32Array | Float64Array): void {
  const p = keyAtRank(a, k);
  const n = a.length;
  let less = 0;
  let equal = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    if (sameKey(x, p)) equal++;
    else if (before(x, p)) less++;
  }
  const s = bitsView(a);
  const d = bitsView(values);
  const wide = a instanceof Float64Array;
  const next = [0, less, less + equal];
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const part = sameKey(x, p) ? 1 : before(x, p) ? 0 : 2;
    const to = next[part]!++;
    copyBits(s, d, i, to, wide);
    indices[to] = i;
  }
}

/** The first k entries of the stable sort of a (descending when largest), k <= a.length. */
export function topkInto(a: NumericArray, k: number, largest: boolean, values: NumericArray, indices: Uint32Array | Float64Array): void {
  if (k === 0) return;
  const n = a.length;
  const t = keyAtRank(a, largest ? n - k : k - 1);
  // Elements strictly ahead of t in the chosen order, then the first ties in input order.
  const ahead = (x: number): boolean => (largest ? before(t, x) : before(x, t));
  let count = 0;
  for (let i = 0; i < n; i++) if (ahead(a[i]!)) count++;
  let ties = k - count;
  const picked = new Uint32Array(k);
  let m = 0;
  for (let i = 0; i < n && m < k; i++) {
    const x = a[i]!;
    if (ahead(x)) picked[m++] = i;
    else if (ties > 0 && sameKey(x, t)) {
      picked[m++] = i;
      ties--;
    }
  }
  const chosen = new (a.constructor as new (n: number) => NumericArray)(k);
  gatherBits(a, 0, picked, chosen, 0);
  const perm = sortPerm(chosen, 0, k, largest);
  gatherBits(chosen, 0, perm, values, 0);
  for (let r = 0; r < k; r++) indices[r] = picked[perm[r]!]!;
}

/** numpy searchsorted: left = first i with !(sorted[i] < v), right = first i with v < sorted[i]. */
export function searchOne(sorted: ArrayLike<number>, v: number, right: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const goRight = right ? !before(v, sorted[mid]!) : before(sorted[mid]!, v);
    if (goRight) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** out[i] = searchOne(sorted, values[i]) for i in [begin, end). */
export function searchRange(
  sorted: NumericArray,
  values: NumericArray,
  right: boolean,
  out: Uint32Array | Float64Array,
  begin: number,
  end: number,
): void {
  for (let i = begin; i < end; i++) out[i] = searchOne(sorted, values[i]!, right);
}
