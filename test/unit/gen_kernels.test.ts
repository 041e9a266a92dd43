import { describe, expect, it } from 'vitest';
import { staleFiles } from '../../scripts/gen_kernels.js';

describe('generated kernel files', () => {
  it('src/api/generated_kernels*.ts and the README kernel table match the spec rows (run npx tsx scripts/gen_kernels.ts)', () => {
    expect(staleFiles()).toEqual([]);
  });
});
