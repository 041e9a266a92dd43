import { describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

// Each case runs in its own child process: a crash there (SIGSEGV, abort)
// shows up as a signal or a non-zero status instead of killing the runner.
describe('native environment lifecycle', () => {
  it.each([
    ['process.exit() inside the worker', 'exit', 'plain'],
    ['process.exit() inside the worker, shared buffers', 'exit', 'shared'],
    ['worker.terminate() from the main thread', 'terminate', 'plain'],
    ['worker.terminate() from the main thread, shared buffers', 'terminate', 'shared'],
  ])('a worker that dies while its kernels run does not crash the process: %s', async (_label, mode, kind) => {
    const result = await runNode(fixture('worker_exit_during_kernel.mjs'), [mode, kind, '3'], { COREPOOL_BACKEND: 'native' });
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok 1500000');
    expect(result.status).toBe(0);
  });

  it('process.exit() on the main thread while kernels run exits cleanly', async () => {
    const result = await runNode(fixture('exit_during_kernel.mjs'), ['exit'], { COREPOOL_BACKEND: 'native' });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
  });

  it('an uncaught error while kernels run exits with status 1, not a crash', async () => {
    const result = await runNode(fixture('exit_during_kernel.mjs'), ['throw'], { COREPOOL_BACKEND: 'native' });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('uncaught while kernels run');
  });

  it('keeps input buffers alive until the call settles, even with no JS reference left', async () => {
    const result = await runNode(fixture('gc_during_kernel.mjs'), [], { COREPOOL_BACKEND: 'native' }, ['--expose-gc']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ok');
  });
});
