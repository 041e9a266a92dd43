/**
 * unique's compaction of a sorted array (TS-level on both backends): the
 * first element of every run of equal keys, where -0 == +0 and all NaNs are
 * one value (numpy's equal_nan=True), so a run keeps its first element in
 * input order, bit for bit.
 */
import type { NumericArray } from '../dtypes.js';
import { bitsView, sameKey } from './sort.js';

/** Start positions of the runs of equal keys in sorted (ascending) a. */
export function runStarts(a: NumericArray): Uint32Array | Float64Array {
  const n = a.length;
  let runs = n === 0 ? 0 : 1;
  for (let i = 1; i < n; i++) if (!sameKey(a[i - 1]!, a[i]!)) runs++;
  const starts = n >= 2 ** 32 ? new Float64Array(runs) : new Uint32Array(runs);
  let r = 0;
  for (let i = 0; i < n; i++) if (i === 0 || !sameKey(a[i - 1]!, a[i]!)) starts[r++] = i;
  return starts;
}

/** values[r] = a[starts[r]] bit for bit; counts[r] = length of run r when given. */
export function compactRuns(
  a: NumericArray,
  starts: Uint32Array | Float64Array,
  values: NumericArray,
  counts?: Uint32Array | Float64Array,
): void {
  const s = bitsView(a);
  const d = bitsView(values);
  const wide = a instanceof Float64Array;
  for (let r = 0; r < starts.length; r++) {
    const i = starts[r]!;
    if (wide) {
      d[2 * r] = s[2 * i]!;
      d[2 * r + 1] = s[2 * i + 1]!;
    } else {
      d[r] = s[i]!;
    }
    if (counts !== undefined) counts[r] = (r + 1 < starts.length ? starts[r + 1]! : a.length) - i;
  }
}
