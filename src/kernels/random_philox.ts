/**
 * Philox4x32-10, written from its publication (Salmon, Moraes, Dror and Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3", SC'11): ten rounds of a
 * Feistel-like network over a 128-bit counter under a 64-bit key. The twin of
 * native/kernels/random_philox.h; both must agree to the bit.
 *
 * JS has no 32x32→64-bit product, so the low half comes from Math.imul and the
 * high half from a split product that stays below 2^53, where doubles are exact.
 */

export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;

const TWO_M16 = 1 / 65536;
const M0_HI = PHILOX_M0 >>> 16;
const M0_LO = PHILOX_M0 & 0xffff;
const M1_HI = PHILOX_M1 >>> 16;
const M1_LO = PHILOX_M1 & 0xffff;

/**
 * High 32 bits of a × (mHi·2^16 + mLo) for uint32 `a`: both partial products
 * stay below 2^48, and floor((a·mHi + floor(a·mLo / 2^16)) / 2^16) is the
 * exact floor of a·m / 2^32. `>>> 0` floors non-negative values below 2^32.
 */
export function mulHi(a: number, mHi: number, mLo: number): number {
  return ((a * mHi + ((a * mLo * TWO_M16) >>> 0)) * TWO_M16) >>> 0;
}

/**
 * Writes Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1) into
 * out[0..3]. Every argument is a uint32. The products are inlined (this is
 * the fallback's hot loop); the key bump after the last round is unused.
 */
export function philox(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array): void {
  for (let round = 0; round < 10; round++) {
    const hi0 = ((c0 * M0_HI + ((c0 * M0_LO * TWO_M16) >>> 0)) * TWO_M16) >>> 0;
    const lo0 = Math.imul(PHILOX_M0, c0);
    const hi1 = ((c2 * M1_HI + ((c2 * M1_LO * TWO_M16) >>> 0)) * TWO_M16) >>> 0;
    const lo1 = Math.imul(PHILOX_M1, c2);
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1 >>> 0;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0 >>> 0;
    k0 = (k0 + PHILOX_W0) >>> 0;
    k1 = (k1 + PHILOX_W1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}
