/**
 * The fallback backend's sort family along lines (Backend.sortLines): the
 * flat kernels of fallback_sort.ts on every contiguous line of an array.
 */
import type { NumericArray } from '../dtypes.js';
import { type SortStep, sortLineRange } from '../kernels/sort_steps.js';
import { settleAttached } from '../validate.js';
import type { Backend, SortLinesMethod } from './backend.js';
import {
  argsortOnFallback,
  FALLBACK_SORT_INLINE_MAX,
  type Index,
  partitionOnFallback,
  runAll,
  sharedView,
  sortOnFallback,
  topkOnFallback,
} from './fallback_sort.js';
import type { KernelWorkers } from './kernel_workers.js';
import { splitBlocks } from './kernel_workers.js';
import { withScratch } from './scratch.js';

/** The flat kernel on the one line of a (so a single long line sorts on all workers). */
function oneLine(
  workers: KernelWorkers,
  op: number,
  a: NumericArray,
  k: number,
  option: boolean,
  values: NumericArray | undefined,
  indices: Index | undefined,
  flag?: Int32Array,
): Promise<boolean> {
  if (op === 0 && values !== undefined) values.set(a as never);
  if (op === 0) return sortOnFallback(workers, values ?? a, option, flag);
  if (op === 1) return argsortOnFallback(workers, a, indices!, option, flag);
  if (op === 2) return partitionOnFallback(workers, a, k, values!, indices!, flag);
  return topkOnFallback(workers, a, k, option, values!, indices!, flag);
}

/**
 * Flat kernel `op` on every line of a (Backend.sortLines): one long line
 * runs the flat parallel algorithm; many lines are split into one
 * contiguous run of lines per worker over shared memory (ordinary buffers
 * are copied in and out), or run inline when small.
 */
export async function sortLinesOnFallback(
  workers: KernelWorkers,
  op: number,
  line: number,
  a: NumericArray,
  k: number,
  option: boolean,
  values: NumericArray | undefined,
  indices: Index | undefined,
  flag?: Int32Array,
): Promise<boolean> {
  const lines = line === 0 ? 0 : a.length / line;
  if (lines === 1) return oneLine(workers, op, a, k, option, values, indices, flag);
  if (a.length <= FALLBACK_SORT_INLINE_MAX) {
    sortLineRange({ kind: op, line, a, k, option, values, indices, begin: 0, end: lines });
    return true;
  }
  return withScratch(async (scratch) => {
    const sa = sharedView(scratch, a, true);
    const sv = values === undefined ? undefined : sharedView(scratch, values, false);
    const si = indices === undefined ? undefined : sharedView(scratch, indices, false);
    const steps: SortStep[] = splitBlocks(lines, workers.size).map(([begin, end]) => ({
      op: 'lines',
      kind: op,
      line,
      a: sa,
      k,
      option,
      values: sv,
      indices: si,
      begin,
      end,
    }));
    if (!(await runAll(workers, steps, flag))) return false;
    if (sa !== a && op === 0 && values === undefined) a.set(sa as never);
    if (sv !== values) values!.set(sv as never);
    if (si !== indices) indices!.set(si!);
    return true;
  });
}

/** The lines part of the fallback backend (spread into createFallbackBackend). */
export function fallbackSortLineMethods(workers: KernelWorkers): Pick<Backend, SortLinesMethod> {
  return {
    sortLines: (op, line, a, k, option, values, indices, flag) =>
      settleAttached(
        [a, values, indices].filter((x) => x !== undefined),
        () => sortLinesOnFallback(workers, op, line, a, k, option, values, indices, flag),
      ),
    sortLinesSync(op, line, a, k, option, values, indices) {
      const lines = line === 0 ? 0 : a.length / line;
      sortLineRange({ kind: op, line, a, k, option, values, indices, begin: 0, end: lines });
    },
  };
}
