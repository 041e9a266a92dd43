/**
 * Order-preserving unsigned keys for the JS radix sort (twin of
 * native/kernels/sort_keys.h in purpose): sorting the keys as unsigned
 * integers gives the numpy order (-Inf < ... < -0 == +0 < ... < +Inf < NaN).
 * Every NaN maps to one key and -0 to +0's, so they tie and a stable sort
 * keeps their input order; descending complements the keys. float64 keys
 * are interleaved (low word, high word) like the value's own bytes, so the
 * inverse transform writes straight into the output.
 */
import type { NumericArray } from '../dtypes.js';

export interface Keys {
  /** One word per element, or two (low, high) for float64. */
  k: Uint32Array;
  wide: boolean;
  /** Significant bits per word. */
  bits: number;
}

const isSigned = (a: NumericArray): boolean => a instanceof Int8Array || a instanceof Int16Array || a instanceof Int32Array;

function keys64(a: Float64Array, lo: number, hi: number, flip: number): Keys {
  const u = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  const len = hi - lo;
  const k = new Uint32Array(2 * len);
  for (let i = 0; i < len; i++) {
    let h = u[2 * (lo + i) + 1]!;
    let l = u[2 * (lo + i)]!;
    const mag = h & 0x7fffffff;
    if (mag > 0x7ff00000 || (mag === 0x7ff00000 && l !== 0)) {
      h = 0xffffffff;
      l = 0xffffffff;
    } else if (mag === 0 && l === 0) {
      h = 0x80000000;
    } else if (h >>> 31) {
      h = ~h;
      l = ~l;
    } else {
      h |= 0x80000000;
    }
    k[2 * i] = l ^ flip;
    k[2 * i + 1] = h ^ flip;
  }
  return { k, wide: true, bits: 32 };
}

function keys32(a: Float32Array, lo: number, hi: number, flip: number): Keys {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const len = hi - lo;
  const k = new Uint32Array(len);
  for (let i = 0; i < len; i++) {
    const x = u[lo + i]!;
    const mag = x & 0x7fffffff;
    const key = mag > 0x7f800000 ? 0xffffffff : mag === 0 ? 0x80000000 : x >>> 31 ? ~x : x | 0x80000000;
    k[i] = key ^ flip;
  }
  return { k, wide: false, bits: 32 };
}

/** Keys of a[lo, hi) for an ascending (or, complemented, descending) sort. */
export function sortKeys(a: NumericArray, lo: number, hi: number, descending: boolean): Keys {
  if (a instanceof Float64Array) return keys64(a, lo, hi, descending ? 0xffffffff : 0);
  if (a instanceof Float32Array) return keys32(a, lo, hi, descending ? 0xffffffff : 0);
  const bits = 8 * a.BYTES_PER_ELEMENT;
  const bias = isSigned(a) ? 2 ** (bits - 1) : 0;
  const flip = descending ? 2 ** bits - 1 : 0;
  const len = hi - lo;
  const k = new Uint32Array(len);
  for (let i = 0; i < len; i++) k[i] = (a[lo + i]! + bias) ^ flip;
  return { k, wide: false, bits };
}

/**
 * dst[dstLo + r] = the value of sorted key r, for r < len. Exact for integers;
 * for floats every NaN comes out as one quiet NaN and zeros as +0 (restoreFloatRuns
 * puts the original bits back).
 */
export function keysToValues(k: Uint32Array, dst: NumericArray, dstLo: number, len: number, descending: boolean): void {
  const flip = descending ? 0xffffffff : 0;
  if (dst instanceof Float64Array) {
    const d = new Uint32Array(dst.buffer, dst.byteOffset + 8 * dstLo, 2 * len);
    for (let r = 0; r < len; r++) {
      const h = (k[2 * r + 1]! ^ flip) >>> 0;
      const l = k[2 * r]! ^ flip;
      d[2 * r + 1] = h >>> 31 ? h & 0x7fffffff : ~h;
      d[2 * r] = h >>> 31 ? l : ~l;
    }
  } else if (dst instanceof Float32Array) {
    const d = new Uint32Array(dst.buffer, dst.byteOffset + 4 * dstLo, len);
    for (let r = 0; r < len; r++) {
      const x = (k[r]! ^ flip) >>> 0;
      d[r] = x >>> 31 ? x & 0x7fffffff : ~x;
    }
  } else {
    const bits = 8 * dst.BYTES_PER_ELEMENT;
    const bias = isSigned(dst) ? 2 ** (bits - 1) : 0;
    const mask = descending ? 2 ** bits - 1 : 0;
    for (let r = 0; r < len; r++) dst[dstLo + r] = ((k[r]! ^ mask) >>> 0) - bias;
  }
}

/** The zeros and NaNs of a float range, in input order (their bits), and where their runs land. */
export interface FloatRuns {
  zeros: Uint32Array;
  nans: Uint32Array;
  /** Elements that sort before the zeros (ascending: negatives; descending: NaNs and positives). */
  zeroStart: number;
  nanStart: number;
}

/** Records a[lo, hi)'s zeros and NaNs before a sort overwrites them. Undefined for integer dtypes. */
export function floatRuns(a: NumericArray, lo: number, hi: number, descending: boolean): FloatRuns | undefined {
  const per = a instanceof Float64Array ? 2 : a instanceof Float32Array ? 1 : 0;
  if (per === 0) return undefined;
  const u = new Uint32Array(a.buffer, a.byteOffset, per * a.length);
  let negatives = 0;
  let zeroCount = 0;
  let nanCount = 0;
  for (let i = lo; i < hi; i++) {
    const x = a[i]!;
    if (x < 0) negatives++;
    else if (x === 0) zeroCount++;
    else if (x !== x) nanCount++;
  }
  const zeros = new Uint32Array(per * zeroCount);
  const nans = new Uint32Array(per * nanCount);
  let z = 0;
  let q = 0;
  for (let i = lo; i < hi && z + q < per * (zeroCount + nanCount); i++) {
    const x = a[i]!;
    if (x === 0) for (let w = 0; w < per; w++) zeros[z++] = u[per * i + w]!;
    else if (x !== x) for (let w = 0; w < per; w++) nans[q++] = u[per * i + w]!;
  }
  const len = hi - lo;
  const positives = len - negatives - zeroCount - nanCount;
  return descending
    ? { zeros, nans, zeroStart: nanCount + positives, nanStart: 0 }
    : { zeros, nans, zeroStart: negatives, nanStart: len - nanCount };
}

/** Writes the recorded zeros and NaNs into their runs of the sorted dst[dstLo, ...). */
export function restoreFloatRuns(runs: FloatRuns, dst: NumericArray, dstLo: number): void {
  const per = dst instanceof Float64Array ? 2 : 1;
  const d = new Uint32Array(dst.buffer, dst.byteOffset, per * dst.length);
  d.set(runs.zeros, per * (dstLo + runs.zeroStart));
  d.set(runs.nans, per * (dstLo + runs.nanStart));
}
