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

/** Lines per panel of a scan along a non-last axis (native kScanPanel). */
export const SCAN_PANEL = 512;

/** The units (one panel of up to SCAN_PANEL lines each) and units per block of a lines scan, as native ScanLines. */
export function scanLineUnits(length: number, n: number, inner: number): { units: number; perBlock: number } {
  if (length === 0) return { units: 0, perBlock: 1 };
  const panels = Math.ceil(inner / SCAN_PANEL);
  return { units: (length / (n * inner)) * panels, perBlock: Math.max(1, Math.floor(SCAN_BLOCK / (n * Math.min(inner, SCAN_PANEL)))) };
}

/**
 * `width` lines side by side (native ScanPanel): line j reads x[base + i *
 * stride + j], i < n, and writes out at the same position, each as the flat
 * scan of that line (segments of SCAN_SEGMENT along i), row by row.
 */
function scanPanel(
  id: number,
  x: NumericArray,
  out: NumericArray,
  base: number,
  n: number,
  stride: number,
  width: number,
  acc: Float64Array,
  offset: Float64Array,
): void {
  const prod = isProd(id);
  const identity = scanIdentity(id);
  acc.fill(identity, 0, width);
  offset.fill(identity, 0, width);
  for (let i = 0; i < n; i++) {
    const row = base + i * stride;
    if (i > 0 && i % SCAN_SEGMENT === 0) {
      for (let j = 0; j < width; j++) {
        offset[j] = prod ? offset[j]! * acc[j]! : offset[j]! + acc[j]!;
        acc[j] = identity;
      }
    }
    for (let j = 0; j < width; j++) {
      const a = prod ? acc[j]! * x[row + j]! : acc[j]! + x[row + j]!;
      acc[j] = a;
      out[row + j] = prod ? offset[j]! * a : offset[j]! + a;
    }
  }
}

/**
 * Units [begin, end) of the scan along the middle axis of contiguous
 * [outer, n, inner] x into out; false when `flag` was set before a unit.
 */
export function scanLineRange(
  id: number,
  x: NumericArray,
  out: NumericArray,
  n: number,
  inner: number,
  begin: number,
  end: number,
  flag?: Int32Array,
): boolean {
  const panels = Math.ceil(inner / SCAN_PANEL);
  const acc = new Float64Array(Math.min(inner, SCAN_PANEL));
  const offset = new Float64Array(acc.length);
  for (let u = begin; u < end; u++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    const first = (u % panels) * SCAN_PANEL;
    scanPanel(id, x, out, Math.floor(u / panels) * n * inner + first, n, inner, Math.min(SCAN_PANEL, inner - first), acc, offset);
  }
  return true;
}
