import { describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

describe('the native addon in worker_threads', () => {
  it('loads in several workers at once, all sharing one process-wide pool', async () => {
    const result = await runNode(fixture('workers_share_pool.mjs'), ['4'], { COREPOOL_THREADS: '3' });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.results).toEqual([1e6, 1e6, 1e6, 1e6]);
    expect(report.backends).toEqual(['native', 'native', 'native', 'native']);
    // Four environments, one pool: exactly COREPOOL_THREADS compute threads exist.
    expect(report.poolThreads).toBe(3);
    expect(report.mainSum).toBe(1e6);
  });
});
