/**
 * Result types of the elementwise kernels: the TypedArray a call returns
 * follows its operand types through numpy's promotion (the PROMOTION table of
 * src/promote.ts, which the run-time promotion reads too). `exp(Float32Array)`
 * is a `Promise<Float32Array>` and `add(Int16Array, Int16Array)` a
 * `Promise<Int16Array>`; an operand typed as the NumericArray union gives the
 * union of the possible results.
 */
import type { Dtype, NumericArray } from '../dtypes.js';
import type { MapKind } from '../kernels/map.js';
import type { NDArray } from '../nd/ndarray.js';
import type { PROMOTION, PromotedDtype } from '../promote.js';

/** An operand of an elementwise kernel over flat arrays: an array, or a number broadcast over it. */
export type Operand = NumericArray | number;

/** An operand of an elementwise kernel in its n-dimensional form: an NDArray, an array (a 1-d view) or a number. */
export type NDOperand = NDArray | NumericArray | number;

/** What an elementwise kernel gives back: a TypedArray for flat operands, an NDArray when any operand is one. */
export type MapValue = NumericArray | NDArray;

/** The TypedArray of each dtype. */
export interface ArrayOf {
  float64: Float64Array;
  float32: Float32Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int8: Int8Array;
  uint8: Uint8Array;
  uint8clamped: Uint8ClampedArray;
}

/** The dtype of TypedArray type `T` (distributes over unions; never for a number). */
export type DtypeOf<T> = T extends Float64Array
  ? 'float64'
  : T extends Float32Array
    ? 'float32'
    : T extends Int32Array
      ? 'int32'
      : T extends Uint32Array
        ? 'uint32'
        : T extends Int16Array
          ? 'int16'
          : T extends Uint16Array
            ? 'uint16'
            : T extends Int8Array
              ? 'int8'
              : T extends Uint8ClampedArray
                ? 'uint8'
                : T extends Uint8Array
                  ? 'uint8'
                  : never;

type Promote<A extends PromotedDtype, B extends PromotedDtype> = A extends PromotedDtype
  ? B extends PromotedDtype
    ? (typeof PROMOTION)[A][B]
    : never
  : never;

/** The promoted dtype of the array operands in `Ops`; `Acc` so far. */
type PromoteAll<Ops extends readonly unknown[], Acc extends PromotedDtype | 'none'> = Ops extends readonly [infer H, ...infer R]
  ? [DtypeOf<H>] extends [never]
    ? PromoteAll<R, Acc>
    : PromoteAll<R, Acc extends PromotedDtype ? Promote<Acc, DtypeOf<H>> : DtypeOf<H>>
  : Acc;

/** True when some operand may be a number. */
type HasNumber<Ops extends readonly unknown[]> = Ops extends readonly [infer H, ...infer R]
  ? number extends H
    ? true
    : [Extract<H, number>] extends [never]
      ? HasNumber<R>
      : true
  : false;

/** A JS number is weak: an integer keeps an integer dtype, a fraction gives float64. */
type WithNumber<D extends PromotedDtype | 'none', N extends boolean> = D extends 'none'
  ? 'float64'
  : N extends true
    ? D extends 'float64' | 'float32'
      ? D
      : D | 'float64'
    : D;

type ToFloat<D> = D extends 'float32' ? 'float32' : 'float64';

/** The result dtype of arithmetic over `Ops`. */
type ArithDtype<Ops extends readonly unknown[]> = WithNumber<PromoteAll<Ops, 'none'>, HasNumber<Ops>>;

type Tail<Ops extends readonly unknown[]> = Ops extends readonly [unknown, ...infer R] ? R : [];

/**
 * The array a `kind` kernel returns for operands of types `Ops`
 * (src/api/map_args.ts resultDtype, at the type level).
 */
export type MapResult<Kind extends MapKind, Ops extends readonly unknown[]> = Kind extends 'compare'
  ? Uint8Array
  : Kind extends 'float'
    ? ArrayOf[ToFloat<ArithDtype<Ops>>]
    : Kind extends 'select'
      ? ArrayOf[ArithDtype<Tail<Ops>>]
      : Kind extends 'arith'
        ? ArrayOf[ArithDtype<Ops>]
        : NumericArray;

/** Options every elementwise kernel takes. */
export interface MapOptions<Out extends NumericArray = NumericArray> {
  /**
   * Where to write the result: a TypedArray of the result dtype and length,
   * or with NDArray operands an NDArray view of the result's shape and dtype.
   * May be an input (in place).
   */
  out?: Out | NDArray | undefined;
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/** Dtypes, for callers that hold a name rather than an array type. */
export type ArrayOfDtype<D extends Dtype> = ArrayOf[D];
