/**
 * Elementwise twins whose loops are compiled per scalar function and per
 * array/number pattern of the operands. A loop shared by many kernels (as in
 * map.ts's binaryTwin) sees many functions at its one call site and V8 stops
 * inlining them; one loop per (function, pattern) keeps every call site
 * monomorphic, so V8 inlines `f` and the fallback runs as fast as a plain
 * hand-written JS loop. The generated source names only fixed identifiers.
 */
import type { NumericArray } from '../dtypes.js';
import type { MapInput, MapKind, MapTwin } from './map.js';

type Loop = (x: MapInput, y: MapInput, z: MapInput, out: NumericArray, begin: number, end: number) => void;
type Scalar = (...args: number[]) => number;

const OPERANDS = ['x', 'y', 'z'];

let compiled = 0;

function compile(f: Scalar, arity: number, pattern: number): Loop {
  const args = OPERANDS.slice(0, arity).map((name, k) => ((pattern >> k) & 1 ? name : `${name}[i]`));
  // The serial number makes every source unique: V8 caches code by source
  // text, and two twins sharing one compiled loop would share its call-site
  // feedback too, which stops the inlining this file exists for.
  const source = `'use strict'; return function loop(x, y, z, out, begin, end) {
    for (let i = begin; i < end; i++) out[i] = f(${args.join(', ')});
  }; // corepool loop ${compiled++}`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the file comment
  return new Function('f', source)(f) as Loop;
}

/** The loop of a twin computing out[i] = f(operands at i); numbers are broadcast. */
export function compiledLoop(f: Scalar, arity: 1 | 2 | 3): MapTwin['loop'] {
  const loops = new Map<number, Loop>();
  return (ins, out, begin, end) => {
    let pattern = 0;
    for (let k = 0; k < arity; k++) if (typeof ins[k] === 'number') pattern |= 1 << k;
    let loop = loops.get(pattern);
    if (loop === undefined) {
      loop = compile(f, arity, pattern);
      loops.set(pattern, loop);
    }
    loop(ins[0]!, ins[1]!, ins[2]!, out, begin, end);
  };
}

/** A twin computing out[i] = f(operands at i). */
export function compiledTwin(name: string, arity: 1 | 2 | 3, kind: MapKind, f: Scalar): MapTwin {
  return { name, arity, kind, loop: compiledLoop(f, arity) };
}
