import { describe, expect, it } from 'vitest';
import { blockBegin, blockCount, blockEnd, exactIntegerSum, REDUCE_BLOCK, treeSum } from '../../src/kernels/blocks.js';

describe('block arithmetic', () => {
  it('covers [0, n) with full blocks and one short tail', () => {
    for (const n of [0, 1, REDUCE_BLOCK - 1, REDUCE_BLOCK, REDUCE_BLOCK + 1, 5 * REDUCE_BLOCK + 7]) {
      const count = blockCount(n);
      let covered = 0;
      for (let b = 0; b < count; b++) {
        expect(blockBegin(b)).toBe(covered);
        covered = blockEnd(n, b);
      }
      expect(covered).toBe(n);
    }
  });

  it('treeSum splits at lo + floor((hi - lo) / 2)', () => {
    // ((1e16 + 1) + (1 + -1e16)) = 0 with this shape; a left fold would give 1.
    const parts = new Float64Array([1e16, 1, 1, -1e16]);
    expect(treeSum(parts, 0, 4)).toBe(1e16 + 1 + (1 + -1e16));
    expect(treeSum(new Float64Array([1, 2, 3]), 0, 3)).toBe(1 + (2 + 3));
  });

  it('exactIntegerSum stays exact when partial sums pass 2^53', () => {
    const big = 2 ** 45 + 1; // 300 of these need 54 bits: a running double sum would round
    const parts = new Float64Array(600).fill(big);
    for (let i = 300; i < 600; i++) parts[i] = -big;
    parts[599] = -big + 3;
    expect(exactIntegerSum(parts, parts.length)).toBe(3);
  });
});
