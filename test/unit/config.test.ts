import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { backendChoice, threadCount } from '../../src/config.js';

describe('environment configuration', () => {
  it('COREPOOL_THREADS defaults to os.availableParallelism()', () => {
    expect(threadCount({})).toBe(availableParallelism());
    expect(threadCount({ COREPOOL_THREADS: '3' })).toBe(3);
  });

  it.each(['0', '-1', '1.5', 'abc', '5000', 'Infinity'])('COREPOOL_THREADS=%s is a coded RangeError', (value) => {
    expect(() => threadCount({ COREPOOL_THREADS: value })).toThrow(
      expect.objectContaining({ name: 'RangeError', code: 'ERR_INVALID_ENV', message: expect.stringContaining('COREPOOL_THREADS') }),
    );
  });

  it('COREPOOL_BACKEND accepts native, fallback and auto only', () => {
    expect(backendChoice({})).toBe('auto');
    expect(backendChoice({ COREPOOL_BACKEND: 'native' })).toBe('native');
    expect(backendChoice({ COREPOOL_BACKEND: 'fallback' })).toBe('fallback');
    expect(() => backendChoice({ COREPOOL_BACKEND: 'gpu' })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ENV' }));
  });
});
