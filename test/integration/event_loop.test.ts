import * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

describe(`the event loop stays free on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each([
    ['an ordinary buffer', false],
    ['a SharedArrayBuffer', true],
  ])('a setTimeout(0) scheduled after sum() of 1e8 elements on %s fires before it settles', async (_label, shared) => {
    const n = 1e8;
    const a = new Float64Array(shared ? new SharedArrayBuffer(n * 8) : new ArrayBuffer(n * 8));
    a[n - 1] = 2;
    let settled = false;
    let firedBeforeSettle: boolean | undefined;
    const pending = cp.sum(a).then((s) => {
      settled = true;
      return s;
    });
    setTimeout(() => {
      firedBeforeSettle = !settled;
    }, 0);
    expect(await pending).toBe(2);
    expect(firedBeforeSettle).toBe(true);
  });

  it.each(['plain', 'shared', 'sync', 'error'])('a script that awaits a kernel (%s) and ends exits by itself', async (mode) => {
    const result = await runNode(fixture('exit_by_itself.mjs'), [mode], {}, [], 30_000);
    expect(result.error).toBeUndefined(); // a timeout would set ETIMEDOUT here
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`done ${mode}`);
    expect(result.status).toBe(0);
  });
});
