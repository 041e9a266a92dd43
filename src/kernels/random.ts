/**
 * JS twins of the random kernels (native/kernels/random.cc); both must agree
 * to the bit. Element g of a seed's stream depends only on (seed, g):
 *
 * | kernel | element g reads | from Philox counter (lo32 p, hi32 p, c2, domain) |
 * |---|---|---|
 * | uniform | 64 bits: words 2h (high), 2h+1 (low) | p = ⌊g/2⌋, h = g mod 2, c2 = 0 |
 * | normal | a Box–Muller pair: all 4 words | p = ⌊g/2⌋, c2 = 0; g even takes r·cos, odd r·sin |
 * | integers | word g mod 4, then rejection redraws | p = ⌊g/4⌋, c2 = 0; redraws p = g, c2 = 1, 2, … |
 *
 * The key is the seed (k0 = low 32 bits, k1 = high 32 bits). The domain word
 * keeps the three kernels' streams apart.
 */
import type { NumericArray } from '../dtypes.js';
import { dtypeOf } from '../validate.js';
import { blockBegin, blockEnd } from './blocks.js';
import { philox, mulHi } from './random_philox.js';
import { cosQuarter, minusTwoLogUnit, sinQuarter } from './random_math.js';

/** Elements per block (native kRandomBlock): the unit of parallel work, invisible in the results. */
export const RANDOM_BLOCK = 16384;

/** Wire ids shared with native RandomKind. */
export const RANDOM_KINDS = ['uniform', 'normal', 'integers'] as const;
export type RandomKind = (typeof RANDOM_KINDS)[number];

/** Counter word 3 of each kernel (native kDomain*). */
const DOMAIN: Record<RandomKind, number> = { uniform: 0x55, normal: 0x4e, integers: 0x49 };

/** A validated call, as plain data so it can cross to a worker. */
export interface RandomParams {
  kind: RandomKind;
  /** Seed words: low and high 32 bits. */
  key0: number;
  key1: number;
  /** Stream index of out[0]. */
  start: number;
  /** uniform: low and high − low; normal: mean and std; integers: low and the range (1 to 2^32). */
  a: number;
  b: number;
}

const TWO_32 = 4294967296;
const TWO_21 = 2097152;
// Powers of two written out; each literal is exact.
const TWO_M24 = 2 ** -24;
const TWO_M51 = 4.440892098500626e-16; // 2^-51
const TWO_M53 = 1.1102230246251565e-16; // 2^-53
const words = new Uint32Array(4);

const lo32 = (x: number): number => x >>> 0;
const hi32 = (x: number): number => Math.floor(x / TWO_32);

// float64 takes the top 53 bits of the element's 64 (hi:lo), float32 the top
// 24, so a float32 stream is the float64 stream's unit values truncated.
function unitValue(single: boolean, hi: number, lo: number): number {
  return single ? (hi >>> 8) * TWO_M24 : (hi * TWO_21 + (lo >>> 11)) * TWO_M53;
}

function uniform(p: RandomParams, out: NumericArray, begin: number, end: number): void {
  const { a, b } = p;
  const single = dtypeOf(out) === 'float32';
  let i = begin;
  let g = p.start + begin;
  if (i < end && g % 2 === 1) {
    pairWords(p, g);
    out[i++] = a + b * unitValue(single, words[2]!, words[3]!);
    g++;
  }
  for (; i + 1 < end; i += 2, g += 2) {
    pairWords(p, g);
    out[i] = a + b * unitValue(single, words[0]!, words[1]!);
    out[i + 1] = a + b * unitValue(single, words[2]!, words[3]!);
  }
  if (i < end) {
    pairWords(p, g);
    out[i] = a + b * unitValue(single, words[0]!, words[1]!);
  }
}

/** Philox words of the pair holding stream element g (uniform and normal). */
function pairWords(p: RandomParams, g: number): void {
  const pair = Math.floor(g / 2);
  philox(lo32(pair), hi32(pair), 0, DOMAIN[p.kind], p.key0, p.key1, words);
}

const xy = new Float64Array(2);

/**
 * Box–Muller on the current words: the radius from a unit value in (0, 1],
 * the angle 2π·t/4 with t in [0, 4) as q quarter turns plus f ∈ [−½, ½), so
 * the reduction is exact. Leaves (r·cos, r·sin) in xy.
 */
function boxMuller(): void {
  const r = Math.sqrt(minusTwoLogUnit(words[0]! * TWO_21 + (words[1]! >>> 11) + 1));
  const w2 = words[2]!;
  const q = ((w2 >>> 29) + 1) >>> 1;
  const f = (w2 * TWO_21 + (words[3]! >>> 11)) * TWO_M51 - q;
  const c = cosQuarter(f);
  const s = sinQuarter(f);
  const quadrant = q & 3;
  xy[0] = r * (quadrant === 0 ? c : quadrant === 1 ? -s : quadrant === 2 ? -c : s);
  xy[1] = r * (quadrant === 0 ? s : quadrant === 1 ? c : quadrant === 2 ? -s : -c);
}

function normal(p: RandomParams, out: NumericArray, begin: number, end: number): void {
  const { a, b } = p;
  let i = begin;
  let g = p.start + begin;
  if (i < end && g % 2 === 1) {
    pairWords(p, g);
    boxMuller();
    out[i++] = a + b * xy[1]!;
    g++;
  }
  for (; i + 1 < end; i += 2, g += 2) {
    pairWords(p, g);
    boxMuller();
    out[i] = a + b * xy[0]!;
    out[i + 1] = a + b * xy[1]!;
  }
  if (i < end) {
    pairWords(p, g);
    boxMuller();
    out[i] = a + b * xy[0]!;
  }
}

/**
 * Lemire's nearly divisionless method: hi·2^32 + lo = w·range, and w is
 * redrawn while lo < 2^32 mod range, which leaves every value of hi equally
 * likely. Redraws come from element g's own counters, so they never shift
 * another element's values.
 */
function integers(p: RandomParams, out: NumericArray, begin: number, end: number): void {
  const key = DOMAIN.integers;
  const range = p.b;
  const full = range === TWO_32;
  const rHi = range >>> 16;
  const rLo = range & 0xffff;
  const threshold = full ? 0 : TWO_32 % range;
  let g = p.start + begin;
  for (let i = begin; i < end; ) {
    const quad = Math.floor(g / 4);
    philox(lo32(quad), hi32(quad), 0, key, p.key0, p.key1, words);
    for (let lane = g % 4; lane < 4 && i < end; lane++, i++, g++) {
      let w = words[lane]!;
      if (full) {
        out[i] = p.a + w;
        continue;
      }
      let draw = 0;
      while (Math.imul(w, range) >>> 0 < threshold) w = redraw(p, g, draw++);
      out[i] = p.a + mulHi(w, rHi, rLo);
    }
  }
}

const extra = new Uint32Array(4);

/** Redraw number `draw` of element g: word draw mod 4 of counter (g, 1 + ⌊draw/4⌋). */
function redraw(p: RandomParams, g: number, draw: number): number {
  philox(lo32(g), hi32(g), 1 + Math.floor(draw / 4), DOMAIN.integers, p.key0, p.key1, extra);
  return extra[draw % 4]!;
}

const FILL: Record<RandomKind, (p: RandomParams, out: NumericArray, begin: number, end: number) => void> = {
  uniform,
  normal,
  integers,
};

/** Fills out[begin, end) with elements start+begin … start+end−1 of the stream. */
export function fillRandom(p: RandomParams, out: NumericArray, begin: number, end: number): void {
  FILL[p.kind](p, out, begin, end);
}

/** Runs blocks [first, last) of a random call. Returns false when `flag[0]` was set first. */
export function runRandomBlocks(p: RandomParams, out: NumericArray, first: number, last: number, flag?: Int32Array): boolean {
  for (let b = first; b < last; b++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    fillRandom(p, out, blockBegin(b, RANDOM_BLOCK), blockEnd(out.length, b, RANDOM_BLOCK));
  }
  return true;
}
