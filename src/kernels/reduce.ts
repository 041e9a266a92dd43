/**
 * The contract every JS reduction twin fulfils, matching native/kernels/reduce.h:
 * a pure block function writing a two-field partial, and a total that
 * combines partials in the fixed order and finishes.
 */
import type { NumericArray } from '../dtypes.js';

/** Number of float64 fields a block partial occupies: [value, index, aux]. */
export const PARTIAL_FIELDS = 3;

export interface ReduceTwin {
  readonly name: string;
  readonly arity: 1 | 2;
  /** numpy raises for min/argmin of nothing; others return `emptyValue`. */
  readonly emptyIsError: boolean;
  readonly emptyValue: number;
  /** Writes block [begin, end)'s partial at parts[slot * PARTIAL_FIELDS]. */
  block(ops: readonly NumericArray[], begin: number, end: number, parts: Float64Array, slot: number): void;
  /** Combines `count` partials in fixed order and finishes. count >= 1. */
  total(parts: Float64Array, count: number, ops: readonly NumericArray[]): number;
}
