/**
 * The fallback backend's one-pass scan on shared memory, the twin of the
 * look-back in native/binding/scan_binding.cc. Worker w of W takes blocks
 * w, w + W, w + 2W, ... in ascending order. Each block scans its segments
 * (pass 1), waits for block k - 1 to publish the offset after it, publishes
 * its own, then adds its segments' offsets (pass 2) while the block is still
 * in cache. The offsets chain in the fixed order of native/kernels/scans.h.
 */
import type { NumericArray } from '../dtypes.js';
import { SCAN_BLOCK, SCAN_SEGMENT, scanIdentity, scanStep } from '../kernels/scans.js';

const PENDING = 0;
const READY = 1;
const POISONED = 2;

/** Shared by every worker of one call. */
export interface ScanChainState {
  /** Per block: PENDING, READY (inclusive[k] is set) or POISONED (stopped). */
  state: Int32Array;
  /** Per block: the offset after it. */
  inclusive: Float64Array;
  /** Set by the main thread when a worker failed, so the others stop waiting. */
  stop: Int32Array;
}

// Pass 1 of one block: local running values into `local` (indexed from
// `base`) and each segment's total into `totals`.
function localChains(
  id: number,
  x: NumericArray,
  local: Float64Array,
  base: number,
  begin: number,
  end: number,
  totals: Float64Array,
): number {
  let s = 0;
  for (let at = begin; at < end; at += SCAN_SEGMENT, s++) {
    const stop = Math.min(end, at + SCAN_SEGMENT);
    let acc = scanIdentity(id);
    if (id === 1) {
      for (let i = at; i < stop; i++) local[i - base] = acc *= x[i]!;
    } else {
      for (let i = at; i < stop; i++) local[i - base] = acc += x[i]!;
    }
    totals[s] = acc;
  }
  return s;
}

// Pass 2: out_i = offset_g + local_i (offset_g * local_i for cumprod).
function applyOffsets(
  id: number,
  out: NumericArray,
  local: Float64Array,
  base: number,
  begin: number,
  end: number,
  offsets: Float64Array,
): void {
  for (let at = begin, s = 0; at < end; at += SCAN_SEGMENT, s++) {
    const stop = Math.min(end, at + SCAN_SEGMENT);
    const off = offsets[s]!;
    if (id === 1) {
      for (let i = at; i < stop; i++) out[i] = off * local[i - base]!;
    } else {
      for (let i = at; i < stop; i++) out[i] = off + local[i - base]!;
    }
  }
}

/** Runs worker `w`'s blocks. False when the abort flag, a failure elsewhere or a poisoned predecessor stopped it. */
export function runScanChain(
  id: number,
  x: NumericArray,
  out: NumericArray,
  w: number,
  workers: number,
  chain: ScanChainState,
  flag?: Int32Array,
): boolean {
  const n = x.length;
  const blocks = Math.ceil(n / SCAN_BLOCK);
  const stopped = (): boolean => Atomics.load(chain.stop, 0) !== 0 || (flag !== undefined && Atomics.load(flag, 0) !== 0);
  const poisonFrom = (k: number): false => {
    for (let j = k; j < blocks; j += workers) {
      Atomics.store(chain.state, j, POISONED);
      Atomics.notify(chain.state, j);
    }
    return false;
  };
  // float64 results hold the local values in place; float32 ones cannot.
  const inPlace = out instanceof Float64Array;
  const local = inPlace ? out : new Float64Array(SCAN_BLOCK);
  const totals = new Float64Array(8);
  const offsets = new Float64Array(8);
  for (let k = w; k < blocks; k += workers) {
    if (stopped()) return poisonFrom(k);
    const begin = k * SCAN_BLOCK;
    const end = Math.min(n, begin + SCAN_BLOCK);
    const base = inPlace ? 0 : begin;
    const segments = localChains(id, x, local, base, begin, end, totals);
    let offset = scanIdentity(id);
    if (k > 0) {
      let state: number;
      while ((state = Atomics.load(chain.state, k - 1)) === PENDING) {
        if (stopped()) return poisonFrom(k);
        Atomics.wait(chain.state, k - 1, PENDING, 20);
      }
      if (state === POISONED) return poisonFrom(k);
      offset = chain.inclusive[k - 1]!;
    }
    for (let s = 0; s < segments; s++) {
      offsets[s] = offset;
      offset = scanStep(id, offset, totals[s]!);
    }
    chain.inclusive[k] = offset;
    Atomics.store(chain.state, k, READY);
    Atomics.notify(chain.state, k);
    applyOffsets(id, out, local, base, begin, end, offsets);
  }
  return true;
}
