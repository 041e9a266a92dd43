/**
 * cumsum and cumprod: the twin of native/kernels/scans.cc, in the order
 * native/kernels/scans.h documents. For segments of SCAN_SEGMENT elements:
 * local_i is the running sum (product) within the segment from the identity,
 * total_g the segment's last local value, offset_{g+1} = offset_g + total_g,
 * and out_i = offset_g + local_i, all in double, rounded once by the store.
 */
import type { NumericArray } from '../dtypes.js';

/** Wire order of native/kernels/scans.def. */
export const SCAN_KERNELS = ['cumsum', 'cumprod'] as const;
export type ScanName = (typeof SCAN_KERNELS)[number];

/** Elements per scan segment (native kScanSegment): the unit of the order. */
export const SCAN_SEGMENT = 2048;

/** Elements per block of parallel work (native kScanBlock): eight segments. */
export const SCAN_BLOCK = 8 * SCAN_SEGMENT;

/** Wire id of a scan. */
export function scanId(name: ScanName): number {
  return SCAN_KERNELS.indexOf(name);
}

const isProd = (id: number): boolean => id === 1;

/** offset_0: -0 for cumsum (the exact additive identity), 1 for cumprod. */
export function scanIdentity(id: number): number {
  return isProd(id) ? 1 : -0;
}

/** offset_{g+1} from offset_g and total_g. */
export function scanStep(id: number, offset: number, total: number): number {
  return isProd(id) ? offset * total : offset + total;
}

/** One segment [begin, end) in one pass, given its offset: writes out_i and returns the total. */
export function scanApply(id: number, x: NumericArray, out: NumericArray, begin: number, end: number, offset: number): number {
  let acc = scanIdentity(id);
  if (isProd(id)) {
    for (let i = begin; i < end; i++) {
      acc *= x[i]!;
      out[i] = offset * acc;
    }
  } else {
    for (let i = begin; i < end; i++) {
      acc += x[i]!;
      out[i] = offset + acc;
    }
  }
  return acc;
}
