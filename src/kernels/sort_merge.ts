/**
 * Stable merging of sorted runs for the fallback's parallel sort: each
 * round merges neighbouring runs (left wins ties, so input order survives),
 * and a merge-path split lets every worker write an equal share of a round's
 * output, whatever the runs' sizes.
 */
import type { NumericArray } from '../dtypes.js';
import { before, beforeDesc, bitsView } from './sort.js';

/** Run boundaries after one merge round: pairs of runs become one run. */
export function nextBounds(bounds: readonly number[]): number[] {
  const next: number[] = [bounds[0]!];
  for (let r = 2; r < bounds.length; r += 2) next.push(bounds[r]!);
  if ((bounds.length - 1) % 2 === 1) next.push(bounds.at(-1)!);
  return next;
}

/**
 * How many of the first t outputs of merging a[aLo, aHi) and a[bLo, bHi) come
 * from the left run (ties go left).
 */
function coRank(
  src: NumericArray,
  aLo: number,
  aLen: number,
  bLo: number,
  bLen: number,
  t: number,
  less: (x: number, y: number) => boolean,
): number {
  let lo = Math.max(0, t - bLen);
  let hi = Math.min(t, aLen);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    // Taking `mid` from the left is valid when its last one precedes-or-ties b[t - mid].
    if (!less(src[bLo + t - mid]!, src[aLo + mid - 1]!)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface MergeArrays {
  src: NumericArray;
  dst: NumericArray;
  srcIdx?: Uint32Array | Float64Array | undefined;
  dstIdx?: Uint32Array | Float64Array | undefined;
}

/** Merges from (i, j) until output position `end`, writing from `k`. */
function mergeSpan(
  m: MergeArrays,
  i: number,
  aHi: number,
  j: number,
  bHi: number,
  k: number,
  end: number,
  less: (x: number, y: number) => boolean,
): void {
  const { src, dst, srcIdx, dstIdx } = m;
  const s = bitsView(src);
  const d = bitsView(dst);
  const wide = src instanceof Float64Array;
  if (dstIdx === undefined && !wide) {
    // The common case (sort of a 32-bit or narrower dtype) without per-element branches on the layout.
    for (; k < end; k++) d[k] = s[i >= aHi || (j < bHi && less(src[j]!, src[i]!)) ? j++ : i++]!;
    return;
  }
  if (dstIdx === undefined) {
    for (; k < end; k++) {
      const from = i >= aHi || (j < bHi && less(src[j]!, src[i]!)) ? j++ : i++;
      d[2 * k] = s[2 * from]!;
      d[2 * k + 1] = s[2 * from + 1]!;
    }
    return;
  }
  for (; k < end; k++) {
    const right = i >= aHi || (j < bHi && less(src[j]!, src[i]!));
    const from = right ? j++ : i++;
    if (wide) {
      d[2 * k] = s[2 * from]!;
      d[2 * k + 1] = s[2 * from + 1]!;
    } else {
      d[k] = s[from]!;
    }
    if (dstIdx !== undefined) dstIdx[k] = srcIdx![from]!;
  }
}

/**
 * Writes output positions [outBegin, outEnd) of one merge round: runs given
 * by `bounds` (ascending positions, first 0, last n) merge pairwise from src
 * into dst; an unpaired last run is copied.
 */
export function mergeRound(m: MergeArrays, bounds: readonly number[], outBegin: number, outEnd: number, descending: boolean): void {
  const less = descending ? beforeDesc : before;
  for (let r = 0; r + 1 < bounds.length; r += 2) {
    const aLo = bounds[r]!;
    const aHi = bounds[r + 1]!;
    const bHi = r + 2 < bounds.length ? bounds[r + 2]! : aHi;
    const begin = Math.max(outBegin, aLo);
    const end = Math.min(outEnd, bHi);
    if (begin >= end) continue;
    const aLen = aHi - aLo;
    const bLen = bHi - aHi;
    const i = coRank(m.src, aLo, aLen, aHi, bLen, begin - aLo, less);
    mergeSpan(m, aLo + i, aHi, aHi + (begin - aLo - i), bHi, begin, end, less);
  }
}
