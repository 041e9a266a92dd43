/**
 * min, max, argmin, argmax: the twin of native/kernels/extrema.cc. The first
 * NaN wins (numpy's rule); otherwise the first position holding the extreme
 * value wins. Partial = [value, index].
 */
import type { NumericArray } from '../dtypes.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

function minBlock(ops: readonly NumericArray[], begin: number, end: number, parts: Float64Array, slot: number): void {
  const x = ops[0]!;
  let best = x[begin]!;
  let at = begin;
  if (best === best) {
    for (let i = begin + 1; i < end; i++) {
      const v = x[i]!;
      if (v < best) {
        best = v;
        at = i;
      } else if (v !== v) {
        best = v;
        at = i;
        break;
      }
    }
  }
  parts[slot * PARTIAL_FIELDS] = best;
  parts[slot * PARTIAL_FIELDS + 1] = at;
}

function maxBlock(ops: readonly NumericArray[], begin: number, end: number, parts: Float64Array, slot: number): void {
  const x = ops[0]!;
  let best = x[begin]!;
  let at = begin;
  if (best === best) {
    for (let i = begin + 1; i < end; i++) {
      const v = x[i]!;
      if (v > best) {
        best = v;
        at = i;
      } else if (v !== v) {
        best = v;
        at = i;
        break;
      }
    }
  }
  parts[slot * PARTIAL_FIELDS] = best;
  parts[slot * PARTIAL_FIELDS + 1] = at;
}

// Selecting the first-best is associative, so a left-to-right scan equals the
// native tree. Returns the slot of the winner.
function winner(parts: Float64Array, count: number, max: boolean): number {
  let best = 0;
  for (let s = 0; s < count; s++) {
    const v = parts[s * PARTIAL_FIELDS]!;
    if (v !== v) return s;
    if (s > 0 && (max ? v > parts[best * PARTIAL_FIELDS]! : v < parts[best * PARTIAL_FIELDS]!)) best = s;
  }
  return best;
}

function make(name: string, max: boolean, index: boolean): ReduceTwin {
  return {
    name,
    arity: 1,
    emptyIsError: true,
    emptyValue: NaN,
    block: max ? maxBlock : minBlock,
    total: (parts, count) => parts[winner(parts, count, max) * PARTIAL_FIELDS + (index ? 1 : 0)]!,
  };
}

export const min = make('min', false, false);
export const max = make('max', true, false);
export const argmin = make('argmin', false, true);
export const argmax = make('argmax', true, true);
