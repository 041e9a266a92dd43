/**
 * The contract of JS elementwise twins, matching native/kernels/map.h. A twin
 * reads the original inputs (JS numbers are exact for every dtype) and lets
 * the store into `out` apply the dtype's conversion, which reproduces the
 * native cast-compute-store order bit for bit.
 */
import type { NumericArray } from '../dtypes.js';
import { blockBegin, blockEnd } from './blocks.js';

/** Elements per elementwise block (native kMapBlock). */
export const MAP_BLOCK = 16384;

/** An input: an array, or a scalar already rounded to the compute dtype. */
export type MapInput = NumericArray | number;

/**
 * How the result dtype follows from the inputs (see src/promote.ts).
 * 'select': the first input is a condition, left out of promotion (where).
 * 'cast': the result dtype is the caller's `out` (astype).
 */
export type MapKind = 'arith' | 'float' | 'compare' | 'select' | 'cast';

export interface MapTwin {
  readonly name: string;
  readonly arity: 1 | 2 | 3;
  readonly kind: MapKind;
  /** Computes out[begin, end). */
  loop(ins: readonly MapInput[], out: NumericArray, begin: number, end: number): void;
}

/**
 * What the public API says about a kernel. With the twin it makes the
 * kernel's one declaration (its spec row): the async function, its `*Sync`
 * twin, its Pool reference and its README row are generated from it
 * (scripts/gen_kernels.ts). Arity, promotion rule (`kind`) and name come
 * from the twin.
 */
export interface MapDoc {
  /** numpy's equivalent call, e.g. 'numpy.exp(x)'. */
  readonly numpy: string;
  /** The doc comment's opening; its first sentence is the README row. */
  readonly doc: string;
  /** Parameter names and their docs, when not the arity's default (x; x, y; a, b, c). */
  readonly params?: ReadonlyArray<readonly [string, string]>;
  /** The @returns text, when the promotion rule's default does not say it all. */
  readonly returns?: string;
  /** Options the call takes besides `out` and `signal` (none so far). */
  readonly options?: readonly string[];
  /** The public function is written by hand (it checks more than the engine does). */
  readonly custom?: boolean;
  /**
   * Float results come from the platform's libm natively and from V8's Math
   * in the fallback, so the backends agree within 2 ulp rather than bit for
   * bit (the parity tests read this).
   */
  readonly libm?: boolean;
}

/** A kernel's spec row: its JS twin and its public description. */
export interface MapRow extends MapTwin {
  readonly spec: MapDoc;
}

/** The spec row of `twin`. */
export function row(twin: MapTwin, numpy: string, doc: string, more: Omit<MapDoc, 'numpy' | 'doc'> = {}): MapRow {
  return { ...twin, spec: { numpy, doc, ...more } };
}

type Loop = (x: MapInput, y: MapInput, z: MapInput, out: NumericArray, begin: number, end: number) => void;
type Scalar = (...args: number[]) => number;

const OPERANDS = ['x', 'y', 'z'];
let compiled = 0;

// A loop shared by many kernels sees many scalar functions (and array types)
// at its one call site, and V8 stops inlining them: the fallback then ran
// binary kernels at about 50 ns an element. So each twin gets its own loop
// per array/number pattern of its operands, compiled from a fixed template
// that names only fixed identifiers; every call site stays monomorphic in
// `f` and V8 inlines it, as in a hand-written loop.
function compile(f: Scalar, arity: number, pattern: number): Loop {
  const args = OPERANDS.slice(0, arity).map((name, k) => ((pattern >> k) & 1 ? name : `${name}[i]`));
  // The serial number makes every source unique: V8 caches code by source
  // text, and twins sharing one compiled loop would share its feedback too.
  const source = `'use strict'; return function loop(x, y, z, out, begin, end) {
    for (let i = begin; i < end; i++) out[i] = f(${args.join(', ')});
  }; // corepool loop ${compiled++}`;
  return new Function('f', source)(f) as Loop;
}

/** A small number per TypedArray class (0 for a number operand), for loop keys. */
const CLASS_INDEX = new Map<unknown, number>(
  [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray].map((C, k) => [
    C,
    k + 1,
  ]),
);
const classIndex = (v: MapInput | undefined): number => (typeof v === 'object' ? (CLASS_INDEX.get(v.constructor) ?? 15) : 0);

/**
 * The loop of a twin computing out[i] = f(operands at i); numbers are
 * broadcast. One compiled loop per combination of operand and result
 * classes met, so its element loads and stores stay monomorphic too.
 */
function compiledLoop(f: Scalar, arity: 1 | 2 | 3): MapTwin['loop'] {
  const loops = new Map<number, Loop>();
  return (ins, out, begin, end) => {
    let pattern = 0;
    let key = classIndex(out);
    for (let k = 0; k < arity; k++) {
      const index = classIndex(ins[k]);
      if (index === 0) pattern |= 1 << k;
      key = key * 16 + index;
    }
    let loop = loops.get(key);
    if (loop === undefined) {
      loop = compile(f, arity, pattern);
      loops.set(key, loop);
    }
    loop(ins[0]!, ins[1]!, ins[2]!, out, begin, end);
  };
}

/** A twin computing out[i] = f(operands at i), numbers broadcast, with its own compiled loops. */
export function compiledTwin(name: string, arity: 1 | 2 | 3, kind: MapKind, f: Scalar): MapTwin {
  return { name, arity, kind, loop: compiledLoop(f, arity) };
}

/** A unary twin from a scalar function. */
export const unaryTwin = (name: string, kind: MapKind, f: (a: number) => number): MapTwin => compiledTwin(name, 1, kind, f as Scalar);

/** A binary twin from a scalar function. */
export const binaryTwin = (name: string, kind: MapKind, f: (a: number, b: number) => number): MapTwin =>
  compiledTwin(name, 2, kind, f as Scalar);

/** A ternary twin from a scalar function. */
export const ternaryTwin = (name: string, kind: MapKind, f: (a: number, b: number, c: number) => number): MapTwin =>
  compiledTwin(name, 3, kind, f as Scalar);

/** Runs blocks [first, last) of a map call. Returns false when `flag[0]` was set first. */
export function runMapBlocks(
  twin: MapTwin,
  ins: readonly MapInput[],
  out: NumericArray,
  first: number,
  last: number,
  flag?: Int32Array,
  block: number = MAP_BLOCK,
): boolean {
  for (let b = first; b < last; b++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    twin.loop(ins, out, blockBegin(b, block), blockEnd(out.length, b, block));
  }
  return true;
}
