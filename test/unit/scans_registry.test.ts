import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HIST_BUDGET, HIST_MAX_PARTS, histPart, histParts } from '../../src/kernels/histogram.js';
import { SCAN_BLOCK, SCAN_KERNELS, SCAN_SEGMENT } from '../../src/kernels/scans.js';

const read = (file: string): string => readFileSync(new URL(`../../native/kernels/${file}`, import.meta.url), 'utf8');

describe('scan and histogram twins agree with their native headers', () => {
  it('scans.def and SCAN_KERNELS list the same scans in the same order', () => {
    const names = [...read('scans.def').matchAll(/^COREPOOL_SCAN\((\w+),\s*(\w+)\)/gm)].map((m) => m[1]);
    expect(names).toEqual([...SCAN_KERNELS]);
  });

  it('share the segment size and the histogram part constants', () => {
    expect(read('scans.h')).toMatch(new RegExp(`kScanSegment = ${SCAN_SEGMENT};`));
    expect(read('scans.h')).toMatch(new RegExp(`kScanSegmentsPerBlock = ${SCAN_BLOCK / SCAN_SEGMENT};`));
    expect(read('histogram.h')).toMatch(new RegExp(`kHistMaxParts = ${HIST_MAX_PARTS};`));
    expect(2 ** Number(read('histogram.h').match(/kHistBudget = std::size_t\{1\} << (\d+);/)![1])).toBe(HIST_BUDGET);
  });

  it('cuts histogram input into whole-block parts that tile [0, n)', () => {
    for (const [n, bins] of [
      [0, 10],
      [1, 10],
      [16384, 3],
      [16385, 3],
      [300_007, 10],
      [5e7, 100],
      [5e7, 2 ** 22],
      [5e7, 2 ** 24],
    ] as const) {
      const parts = histParts(n, bins);
      expect(parts).toBeGreaterThanOrEqual(1);
      expect(parts).toBeLessThanOrEqual(HIST_MAX_PARTS);
      expect(parts * bins <= HIST_BUDGET || parts === 1).toBe(true);
      let at = 0;
      for (let p = 0; p < parts; p++) {
        const [begin, end] = histPart(n, parts, p);
        expect(begin).toBe(at);
        expect(begin % 16384).toBe(0);
        at = end;
      }
      expect(at).toBe(n);
    }
  });
});
