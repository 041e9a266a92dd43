/**
 * Argument handling of the random kernels: the length or array to fill, the
 * seed (given, or drawn from the OS and remembered), and each kernel's
 * parameters, checked and turned into plain RandomParams for either backend.
 */
import { webcrypto } from 'node:crypto';
import { BYTES_BY_DTYPE, type Dtype, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { RandomKind, RandomParams } from '../kernels/random.js';
import { integerRange } from '../promote.js';
import { checkAllocation, checkArray, describeValue, dtypeOf } from '../validate.js';
import { kernelOptions } from './kernel_specs.js';
import { allocate } from '../nd/alloc.js';
import { CTOR_NAMES } from './map_args.js';

/** A seed: an integer from 0 to 2^53 − 1, or a bigint from 0 to 2^64 − 1. Equal values give equal streams. */
export type RandomSeed = number | bigint;

/** Options every random kernel takes. */
export interface RandomOptions {
  /** Seeds the stream; without it a seed is drawn from the OS (see `random.lastSeed`). */
  seed?: RandomSeed | undefined;
  /**
   * Stream index of the first element (default 0): element i of the result is
   * element offset + i of the seed's stream, so a long stream can be drawn in pieces.
   */
  offset?: number | undefined;
  /** Allocate the result in a SharedArrayBuffer (only when nOrOut is a length). */
  shared?: boolean | undefined;
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/** Options of `random.uniform`: values in [low, high). */
export interface UniformOptions extends RandomOptions {
  /** Lower bound, included (default 0). */
  low?: number | undefined;
  /** Upper bound, excluded (default 1). */
  high?: number | undefined;
  /** Result dtype when nOrOut is a length (default 'float64'). */
  dtype?: 'float64' | 'float32' | undefined;
}

/** Options of `random.normal`. */
export interface NormalOptions extends RandomOptions {
  /** Mean (default 0). */
  mean?: number | undefined;
  /** Standard deviation, ≥ 0 (default 1). */
  std?: number | undefined;
  /** Result dtype when nOrOut is a length (default 'float64'). */
  dtype?: 'float64' | 'float32' | undefined;
}

/** Integer dtypes `random.integers` can produce. */
export type RandomIntegerDtype = 'int32' | 'uint32' | 'int16' | 'uint16' | 'int8' | 'uint8' | 'uint8clamped';

/** Options of `random.integers`: integers in [low, high), or [low, high] with `endpoint`. */
export interface IntegersOptions extends RandomOptions {
  /** Lowest value (default 0). */
  low?: number | undefined;
  /** One above the highest value (the highest value with `endpoint: true`). Required. */
  high: number;
  /** Include `high` (default false), as numpy's `endpoint`. */
  endpoint?: boolean | undefined;
  /** Result dtype when nOrOut is a length (default 'int32'). */
  dtype?: RandomIntegerDtype | undefined;
}

export interface PreparedRandom {
  params: RandomParams;
  out: NumericArray;
  signal: AbortSignal | undefined;
}

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;
const FLOAT_DTYPES: readonly Dtype[] = ['float64', 'float32'];
const INTEGER_DTYPES: readonly Dtype[] = ['int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped'];

let last: RandomSeed | undefined;

/** The seed of the most recent call started on this thread (given or drawn). */
export function lastSeed(): RandomSeed | undefined {
  return last;
}

/** A fresh seed from the OS's cryptographic source: an integer from 0 to 2^53 − 1. */
export function newSeed(): number {
  const words = webcrypto.getRandomValues(new Uint32Array(2));
  return (words[0]! >>> 11) * TWO_32 + words[1]!;
}

/** What `withSeeds` adds to the random kernels: `newSeed` and `lastSeed`. */
export interface Seeds {
  /** A fresh seed from the OS's cryptographic source: an integer from 0 to 2^53 − 1. */
  readonly newSeed: () => number;
  /** The seed of the most recent random call on this thread; undefined before the first. */
  readonly lastSeed: RandomSeed | undefined;
}

/**
 * A namespace of random kernels (`random`, `randomSync`): `fns` plus
 * {@link newSeed} and a `lastSeed` getter, frozen. Each function keeps its
 * own (overloaded) type.
 */
export function withSeeds<F extends Record<string, (...args: never[]) => unknown>>(fns: F): Readonly<F> & Seeds {
  return Object.freeze({
    ...fns,
    newSeed,
    get lastSeed(): RandomSeed | undefined {
      return lastSeed();
    },
  });
}

function seedKey(seed: unknown): [number, number] {
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed >= 1n << 64n)
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `options.seed must be from 0 to 2^64 - 1; got ${seed}`);
    return [Number(seed & 0xffffffffn), Number(seed >> 32n)];
  }
  if (typeof seed !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.seed must be a number or a bigint; got ${typeof seed}`);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `options.seed must be an integer from 0 to 2^53 - 1 (or a bigint); got ${seed}`);
  }
  return [seed >>> 0, Math.floor(seed / TWO_32)];
}

/** Reads a number option, with its default when absent. */
export function numberOption(options: Record<string, unknown>, name: string, fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.${name} must be a number; got ${typeof value}`);
  if (!Number.isFinite(value)) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `options.${name} must be finite; got ${value}`);
  return value;
}

function checkRandomOptions(kind: RandomKind, options: unknown): { opts: Record<string, unknown>; signal: AbortSignal | undefined } {
  const { opts, signal } = kernelOptions(options, `random.${kind}`);
  if (opts.shared !== undefined && typeof opts.shared !== 'boolean') {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.shared must be a boolean; got ${typeof opts.shared}`);
  }
  return { opts, signal };
}

const names = (dtypes: readonly Dtype[]): string => dtypes.map((d) => CTOR_NAMES[d]).join(', ');

/** The array to fill: nOrOut itself, or a new one of options.dtype (default `fallback`). */
function resolveOut(nOrOut: unknown, options: Record<string, unknown>, allowed: readonly Dtype[], fallback: Dtype): NumericArray {
  const { dtype } = options;
  if (dtype !== undefined && (typeof dtype !== 'string' || !allowed.includes(dtype as Dtype))) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `options.dtype must be one of ${allowed.map((d) => `'${d}'`).join(', ')}; got ${describeValue(dtype)}`,
    );
  }
  if (typeof nOrOut === 'number') {
    if (!Number.isSafeInteger(nOrOut) || nOrOut < 0) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `nOrOut must be a non-negative integer length or a TypedArray; got ${nOrOut}`);
    }
    const outType = (dtype as Dtype | undefined) ?? fallback;
    checkAllocation(nOrOut, BYTES_BY_DTYPE.get(outType)!, 'nOrOut');
    return allocate(outType, nOrOut, options.shared === true);
  }
  const outType = checkArray(nOrOut, 'nOrOut');
  if (!allowed.includes(outType)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `nOrOut must be a length or a ${names(allowed)}; got ${CTOR_NAMES[outType]}`);
  }
  if (dtype !== undefined && dtype !== outType) {
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `options.dtype must match nOrOut (${outType}); got ${describeValue(dtype)}`);
  }
  return nOrOut as NumericArray;
}

// [low, range] of an integers call, both exact integers; the range is 1 to 2^32.
function integerBounds(options: Record<string, unknown>, dtype: Dtype): [number, number] {
  if (options.high === undefined)
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.high must be given (the exclusive upper bound)');
  const low = numberOption(options, 'low', 0);
  const high = numberOption(options, 'high', 0);
  const { endpoint } = options;
  if (endpoint !== undefined && typeof endpoint !== 'boolean') {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.endpoint must be a boolean; got ${typeof endpoint}`);
  }
  const [min, max] = integerRange(dtype);
  for (const [name, value] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (!Number.isInteger(value)) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `options.${name} must be an integer; got ${value}`);
  }
  const top = endpoint === true ? high : high - 1;
  if (top < low) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      `options.high must be ${endpoint === true ? 'at least' : 'greater than'} options.low (${low}); got ${high}`,
    );
  }
  if (low < min || top > max) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      `options.low and options.high must keep every value in ${dtype} (${min} to ${max}); got [${low}, ${top}]`,
    );
  }
  return [low, top - low + 1];
}

function kernelParams(kind: RandomKind, options: Record<string, unknown>, out: NumericArray): [number, number] {
  if (kind === 'integers') return integerBounds(options, dtypeOf(out)!);
  if (kind === 'normal') {
    const std = numberOption(options, 'std', 1);
    if (std < 0) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `options.std must be non-negative; got ${std}`);
    return [numberOption(options, 'mean', 0), std];
  }
  const low = numberOption(options, 'low', 0);
  const span = numberOption(options, 'high', 1) - low;
  if (!Number.isFinite(span)) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'options.high - options.low must be finite');
  return [low, span];
}

/** Validates a random call and resolves its output array and parameters. */
export function prepareRandom(kind: RandomKind, nOrOut: unknown, options: unknown): PreparedRandom {
  const { opts, signal } = checkRandomOptions(kind, options);
  const integers = kind === 'integers';
  const out = resolveOut(nOrOut, opts, integers ? INTEGER_DTYPES : FLOAT_DTYPES, integers ? 'int32' : 'float64');
  const [a, b] = kernelParams(kind, opts, out);
  const start = opts.offset === undefined ? 0 : opts.offset;
  if (typeof start !== 'number' || !Number.isSafeInteger(start) || start < 0 || start > TWO_53 - out.length) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      `options.offset must be an integer from 0 with offset + length <= 2^53; got ${describeValue(start)}`,
    );
  }
  const seed = opts.seed === undefined ? newSeed() : (opts.seed as RandomSeed);
  const [key0, key1] = seedKey(seed);
  last = seed;
  return { params: { kind, key0, key1, start, a, b }, out, signal };
}
