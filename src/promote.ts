/**
 * Result dtypes of elementwise kernels, modelled on numpy's promotion table.
 *
 * | inputs | result |
 * |---|---|
 * | same dtype | that dtype |
 * | float32 with float64 | float64 |
 * | float32 with int8/uint8/int16/uint16 | float32 |
 * | float32 with int32/uint32, float64 with any | float64 |
 * | signed with signed, unsigned with unsigned | the wider |
 * | unsigned with a wider signed | the signed |
 * | uint8 with int8 → int16; uint16 with int8/int16 → int32 | (numpy) |
 * | uint32 with any signed | float64 (numpy gives int64, which JS arrays lack) |
 *
 * Uint8ClampedArray promotes as uint8. A JS number is a "weak" scalar (numpy's
 * NEP 50): it takes the array's dtype when it is an integer that fits an
 * integer array or any number with a float array; a non-integer with an
 * integer array gives float64. True division and other float operations give
 * float64 for integer results.
 */
import type { Dtype } from './dtypes.js';

const BYTES: Record<Dtype, number> = {
  float64: 8,
  float32: 4,
  int32: 4,
  uint32: 4,
  int16: 2,
  uint16: 2,
  int8: 1,
  uint8: 1,
  uint8clamped: 1,
};

export const isFloat = (d: Dtype): boolean => d === 'float64' || d === 'float32';
const isSigned = (d: Dtype): boolean => d === 'int8' || d === 'int16' || d === 'int32';

/**
 * numpy's result_type for two array dtypes, as one table that both the
 * run-time promotion and the result types of the kernel signatures read.
 */
export const PROMOTION = {
  float64: {
    float64: 'float64',
    float32: 'float64',
    int32: 'float64',
    uint32: 'float64',
    int16: 'float64',
    uint16: 'float64',
    int8: 'float64',
    uint8: 'float64',
  },
  float32: {
    float64: 'float64',
    float32: 'float32',
    int32: 'float64',
    uint32: 'float64',
    int16: 'float32',
    uint16: 'float32',
    int8: 'float32',
    uint8: 'float32',
  },
  int32: {
    float64: 'float64',
    float32: 'float64',
    int32: 'int32',
    uint32: 'float64',
    int16: 'int32',
    uint16: 'int32',
    int8: 'int32',
    uint8: 'int32',
  },
  uint32: {
    float64: 'float64',
    float32: 'float64',
    int32: 'float64',
    uint32: 'uint32',
    int16: 'float64',
    uint16: 'uint32',
    int8: 'float64',
    uint8: 'uint32',
  },
  int16: {
    float64: 'float64',
    float32: 'float32',
    int32: 'int32',
    uint32: 'float64',
    int16: 'int16',
    uint16: 'int32',
    int8: 'int16',
    uint8: 'int16',
  },
  uint16: {
    float64: 'float64',
    float32: 'float32',
    int32: 'int32',
    uint32: 'uint32',
    int16: 'int32',
    uint16: 'uint16',
    int8: 'int32',
    uint8: 'uint16',
  },
  int8: {
    float64: 'float64',
    float32: 'float32',
    int32: 'int32',
    uint32: 'float64',
    int16: 'int16',
    uint16: 'int32',
    int8: 'int8',
    uint8: 'int16',
  },
  uint8: {
    float64: 'float64',
    float32: 'float32',
    int32: 'int32',
    uint32: 'uint32',
    int16: 'int16',
    uint16: 'uint16',
    int8: 'int16',
    uint8: 'uint8',
  },
} as const satisfies Record<PromotedDtype, Record<PromotedDtype, PromotedDtype>>;

/** The dtypes promotion works on: Uint8ClampedArray promotes as uint8. */
export type PromotedDtype = Exclude<Dtype, 'uint8clamped'>;

const unclamp = (d: Dtype): PromotedDtype => (d === 'uint8clamped' ? 'uint8' : d);

/** numpy's result_type for two array dtypes. */
export function promoteArrays(a: Dtype, b: Dtype): Dtype {
  return PROMOTION[unclamp(a)][unclamp(b)];
}

/** Range of an integer dtype, for weak-scalar checks. */
export function integerRange(d: Dtype): [number, number] {
  const bits = BYTES[d] * 8;
  return isSigned(d) ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

/** The dtype a weak JS number takes next to an array of dtype `d`. */
export function promoteScalar(d: Dtype, scalar: number): Dtype {
  if (d === 'uint8clamped') d = 'uint8';
  if (isFloat(d)) return d;
  return Number.isInteger(scalar) ? d : 'float64';
}

/** Float operations (true division, sqrt, exp…) lift integer results to float64. */
export function toFloat(d: Dtype): Dtype {
  return isFloat(d) ? d : 'float64';
}

export { BYTES as DTYPE_BYTES };
