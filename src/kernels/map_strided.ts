/**
 * The elementwise engine over n-dimensional views, the twin of
 * native/kernels/map_strided.cc: a twin's loop fed runs along the last
 * axis. A unit-stride run is read in place through a subarray; any other is
 * gathered a chunk at a time into a scratch array of its own class (so the
 * values the loop sees are exact, as in the flat engine), and a strided
 * output is scattered from one. No whole-array copy is made.
 */
import type { NumericArray } from '../dtypes.js';
import { blockBegin, blockEnd } from './blocks.js';
import { MAP_BLOCK, type MapInput, type MapTwin } from './map.js';
import { forEachSegment, geometrySize, type Geometry } from './strided.js';

const CHUNK = 1024;

type ArrayClass = new (length: number) => NumericArray;

const scratchOf = (like: NumericArray): NumericArray => new (like.constructor as ArrayClass)(CHUNK);

/** Runs blocks [first, last) of a strided map call; operand 0 of `geometry` is `out`. Returns false when `flag[0]` was set first. */
export function runStridedMapBlocks(
  twin: MapTwin,
  geometry: Geometry,
  ins: readonly MapInput[],
  out: NumericArray,
  first: number,
  last: number,
  flag?: Int32Array,
): boolean {
  const ndim = geometry[0]!;
  const stride = (p: number): number => geometry[2 + ndim + p * (1 + ndim) + ndim]!;
  const outStride = stride(0);
  const outScratch = scratchOf(out);
  const scratch = ins.map((x) => (typeof x === 'number' ? undefined : scratchOf(x)));
  const args: MapInput[] = ins.slice();
  const size = geometrySize(geometry);
  for (let b = first; b < last; b++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    forEachSegment(geometry, blockBegin(b, MAP_BLOCK), blockEnd(size, b, MAP_BLOCK), (pos, n) => {
      for (let done = 0; done < n; ) {
        const m = Math.min(CHUNK, n - done);
        ins.forEach((x, k) => {
          if (typeof x === 'number') return;
          const step = stride(1 + k);
          const start = pos[1 + k]! + done * step;
          if (step === 1) {
            args[k] = x.subarray(start, start + m);
            return;
          }
          const buffer = scratch[k]!;
          for (let i = 0; i < m; i++) buffer[i] = x[start + i * step]!;
          args[k] = buffer;
        });
        const outStart = pos[0]! + done * outStride;
        if (outStride === 1) {
          twin.loop(args, out.subarray(outStart, outStart + m), 0, m);
        } else {
          twin.loop(args, outScratch, 0, m);
          for (let i = 0; i < m; i++) out[outStart + i * outStride] = outScratch[i]!;
        }
        done += m;
      }
    });
  }
  return true;
}
