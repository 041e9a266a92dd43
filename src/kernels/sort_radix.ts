/**
 * Stable LSD radix sort of the keys of sort_keys.ts (twin of
 * native/kernels/sort_radix.h in purpose; the algorithms differ, the
 * results cannot: a stable sort's output is unique). One read counts the
 * digits of every pass; a pass where all keys share the digit is skipped.
 * Indices, when given, travel with the keys.
 */
import type { Keys } from './sort_keys.js';

/** Up to this many elements an insertion sort beats the histograms. */
export const RADIX_INSERTION_MAX = 24;
/** From this many elements digits are 11 bits wide (fewer passes), below it 8 (small histograms). */
export const RADIX_WIDE_DIGIT_MIN = 65536;

interface Pass {
  /** 0: the low (or only) word, 1: the high word of a float64 key. */
  word: number;
  shift: number;
  mask: number;
  counts: Uint32Array;
}

function passesOf(keys: Keys, len: number): Pass[] {
  const width = keys.bits <= 16 && len >= RADIX_WIDE_DIGIT_MIN ? keys.bits : len >= RADIX_WIDE_DIGIT_MIN ? 11 : 8;
  const passes: Pass[] = [];
  for (let word = 0; word < (keys.wide ? 2 : 1); word++) {
    for (let shift = 0; shift < keys.bits; shift += width) {
      const mask = 2 ** Math.min(width, keys.bits - shift) - 1;
      passes.push({ word, shift, mask, counts: new Uint32Array(mask + 1) });
    }
  }
  return passes;
}

/** Counts every pass's digits in one read; true for a pass that would move something. */
function countDigits(k: Uint32Array, wide: boolean, len: number, passes: Pass[]): boolean[] {
  const stride = wide ? 2 : 1;
  for (const p of passes) {
    const { counts, shift, mask } = p;
    for (let i = p.word; i < stride * len; i += stride) counts[(k[i]! >>> shift) & mask]!++;
  }
  return passes.map(({ counts }) => {
    let sum = 0;
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d]!;
      if (c === len) return false;
      counts[d] = sum;
      sum += c;
    }
    return true;
  });
}

function insertion(k: Uint32Array, wide: boolean, len: number, idx: Uint32Array | undefined): void {
  for (let i = 1; i < len; i++) {
    const lo = wide ? k[2 * i]! : k[i]!;
    const hi = wide ? k[2 * i + 1]! : 0;
    const id = idx?.[i];
    let j = i;
    for (; j > 0; j--) {
      const plo = wide ? k[2 * j - 2]! : k[j - 1]!;
      const phi = wide ? k[2 * j - 1]! : 0;
      if (phi < hi || (phi === hi && plo <= lo)) break;
      if (wide) {
        k[2 * j] = plo;
        k[2 * j + 1] = phi;
      } else {
        k[j] = plo;
      }
      if (idx !== undefined) idx[j] = idx[j - 1]!;
    }
    if (wide) {
      k[2 * j] = lo;
      k[2 * j + 1] = hi;
    } else {
      k[j] = lo;
    }
    if (idx !== undefined) idx[j] = id!;
  }
}

function scatter(
  p: Pass,
  k: Uint32Array,
  dk: Uint32Array,
  wide: boolean,
  len: number,
  idx: Uint32Array | undefined,
  didx: Uint32Array | undefined,
): void {
  const { counts, shift, mask } = p;
  if (wide && didx === undefined) {
    // Indexing the digit's word by w (not a select per element) keeps the body branch-free.
    const w = p.word;
    for (let i = 0; i < len; i++) {
      const at = counts[(k[2 * i + w]! >>> shift) & mask]!++;
      dk[2 * at] = k[2 * i]!;
      dk[2 * at + 1] = k[2 * i + 1]!;
    }
  } else if (wide) {
    const w = p.word;
    for (let i = 0; i < len; i++) {
      const at = counts[(k[2 * i + w]! >>> shift) & mask]!++;
      dk[2 * at] = k[2 * i]!;
      dk[2 * at + 1] = k[2 * i + 1]!;
      didx![at] = idx![i]!;
    }
  } else if (didx !== undefined) {
    for (let i = 0; i < len; i++) {
      const x = k[i]!;
      const at = counts[(x >>> shift) & mask]!++;
      dk[at] = x;
      didx[at] = idx![i]!;
    }
  } else {
    for (let i = 0; i < len; i++) {
      const x = k[i]!;
      dk[counts[(x >>> shift) & mask]!++] = x;
    }
  }
}

/**
 * Sorts keys.k stably (ascending as unsigned keys), permuting idx alongside;
 * returns the arrays holding the result (the inputs or their spares).
 */
export function radixSort(keys: Keys, len: number, idx?: Uint32Array): { k: Uint32Array; idx: Uint32Array | undefined } {
  let k: Uint32Array = keys.k;
  if (len <= RADIX_INSERTION_MAX) {
    insertion(k, keys.wide, len, idx);
    return { k, idx };
  }
  const passes = passesOf(keys, len);
  const moves = countDigits(k, keys.wide, len, passes);
  let spare: Uint32Array = new Uint32Array(k.length);
  let spareIdx: Uint32Array | undefined = idx === undefined ? undefined : new Uint32Array(len);
  passes.forEach((p, n) => {
    if (!moves[n]) return;
    scatter(p, k, spare, keys.wide, len, idx, spareIdx);
    [k, spare] = [spare, k];
    [idx, spareIdx] = [spareIdx, idx];
  });
  return { k, idx };
}
