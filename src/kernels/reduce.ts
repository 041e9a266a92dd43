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

/**
 * What the public API says about a reduction whose public function is only
 * its spec row (scripts/gen_kernels.ts writes it and its *Sync twin).
 */
export interface ReduceDoc {
  /** numpy's equivalent call. */
  readonly numpy: string;
  /** The doc comment's opening; its first sentence is the README row. */
  readonly doc: string;
  /** The @returns text. */
  readonly returns: string;
  /** 'boolean' when the result is a truth value (any, all). */
  readonly result?: 'number' | 'boolean';
}

/** A reduction's wire entry: its JS twin, and its public description when it has a generated function. */
export interface ReduceRow extends ReduceTwin {
  readonly spec?: ReduceDoc;
}

/** The spec row of reduction `twin`. */
export function reduceRow(
  twin: ReduceTwin,
  numpy: string,
  doc: string,
  returns: string,
  result: 'number' | 'boolean' = 'number',
): ReduceRow {
  return { ...twin, spec: { numpy, doc, returns, result } };
}
