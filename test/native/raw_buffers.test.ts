import { describe, expect, it } from 'vitest';
import { fixture, runNodeAsync } from '../helpers/child.js';

// The binding re-checks what protects memory on its own: a caller that skips
// the TS layer still cannot hand a kernel a resizable ArrayBuffer.
describe('the raw binding', () => {
  it('refuses resizable ArrayBuffers (sync and async) and accepts growable SharedArrayBuffers', async () => {
    const result = await runNodeAsync(fixture('raw_binding_buffers.cjs'));
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split(',')).toEqual([...Array(5).fill('ERR_RESIZABLE_BUFFER'), 'ok 64']);
    expect(result.status).toBe(0);
  });
});
