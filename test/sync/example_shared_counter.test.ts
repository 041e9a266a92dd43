/** examples/shared_counter.mjs (python-reference.md program 9) runs and prints the exact locked total. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from '../helpers/child.js';

const example = fileURLToPath(new URL('../../examples/shared_counter.mjs', import.meta.url));

describe('examples/shared_counter.mjs', () => {
  it('4 workers: exact with the lock, never more without it', async () => {
    const r = await runNode(example, ['4', '50000']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const unlocked = Number(/without the lock: (\d+) \(expected 200000; (\d+) updates lost\)/.exec(r.stdout)?.[1]);
    expect(unlocked).toBeGreaterThan(0);
    expect(unlocked).toBeLessThanOrEqual(200_000);
    expect(r.stdout).toContain('with the lock: 200000 (expected 200000)');
    expect(r.stdout).toContain('SharedArray under its lock: [200000, 200000, 200000]');
  });
});
