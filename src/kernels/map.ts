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

/** A unary twin from a scalar function. */
export function unaryTwin(name: string, kind: MapKind, f: (a: number) => number): MapTwin {
  return {
    name,
    arity: 1,
    kind,
    loop(ins, out, begin, end) {
      const x = ins[0] as NumericArray;
      for (let i = begin; i < end; i++) out[i] = f(x[i]!);
    },
  };
}

/** A ternary twin from a scalar function; scalars are read through `at`. */
export function ternaryTwin(name: string, kind: MapKind, f: (a: number, b: number, c: number) => number): MapTwin {
  return {
    name,
    arity: 3,
    kind,
    loop(ins, out, begin, end) {
      const [x, y, z] = ins as [MapInput, MapInput, MapInput];
      const at = (v: MapInput, i: number): number => (typeof v === 'number' ? v : v[i]!);
      for (let i = begin; i < end; i++) out[i] = f(at(x, i), at(y, i), at(z, i));
    },
  };
}

/** A binary twin from a scalar function; specialised loops keep scalars out of the hot path. */
export function binaryTwin(name: string, kind: MapKind, f: (a: number, b: number) => number): MapTwin {
  return {
    name,
    arity: 2,
    kind,
    loop(ins, out, begin, end) {
      const x = ins[0]!;
      const y = ins[1]!;
      if (typeof x === 'number') {
        const ys = y as NumericArray;
        for (let i = begin; i < end; i++) out[i] = f(x, ys[i]!);
      } else if (typeof y === 'number') {
        for (let i = begin; i < end; i++) out[i] = f(x[i]!, y);
      } else {
        for (let i = begin; i < end; i++) out[i] = f(x[i]!, y[i]!);
      }
    },
  };
}

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
