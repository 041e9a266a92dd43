import corepool, * as cp from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, run, runNode } from '../helpers/child.js';

const backend = process.env.COREPOOL_BACKEND!;

describe(`the package on the ${backend} backend`, () => {
  it('works through require() (CommonJS) and import (ESM)', async () => {
    for (const script of ['load_cjs.cjs', 'load_esm.mjs']) {
      const result = await runNode(fixture(script));
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({ backend, sum: 6, sumSync: 6, threads: cp.threads });
    }
  });

  it('the default export is the namespace of every named export', () => {
    const named = Object.keys(cp).filter((key) => key !== 'default');
    expect(named.length).toBeGreaterThan(100);
    for (const key of named) expect(corepool[key as keyof typeof corepool], key).toBe(cp[key as keyof typeof cp]);
  });

  it('the CommonJS build runs large shared inputs on its backend too', async () => {
    const result = await runNode(fixture('cjs_workers.cjs'));
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ backend, total: 2_000_000 });
  });

  it('info() reports backend, threads, SIMD level, versions and why native is not used', () => {
    const info = cp.info();
    expect(info.backend).toBe(backend);
    expect(info.threads).toBe(cp.threads);
    expect(info.versions.node).toBe(process.versions.node);
    expect(info.versions.corepool).toMatch(/^\d+\.\d+\.\d+/);
    if (backend === 'native') {
      expect(['avx512f', 'avx2', 'sse2', 'portable']).toContain(info.simd);
      expect(info.nativePath).toMatch(/\.node$/);
      expect(info.nativeError).toBeUndefined();
      expect(info.reason).toBeUndefined();
      expect(info.fix).toBeUndefined();
    } else {
      expect(info.simd).toBe('none');
      expect(info.nativeError).toContain('COREPOOL_BACKEND=fallback');
      expect(info.reason).toBe('forced by COREPOOL_BACKEND=fallback');
      expect(info.fix).toBeUndefined();
    }
  });

  it('npx corepool info prints the same', async () => {
    const result = await run('npx', ['--no-install', 'corepool', 'info']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^backend\\s+${backend}$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^threads\\s+${cp.threads}$`, 'm'));
  });

  it('COREPOOL_THREADS sizes the pool', async () => {
    const result = await runNode(fixture('load_esm.mjs'), [], { COREPOOL_THREADS: '3' });
    expect(JSON.parse(result.stdout).threads).toBe(3);
  });

  it('a bad COREPOOL_THREADS or COREPOOL_BACKEND fails loudly at import', async () => {
    const threads = await runNode(fixture('load_esm.mjs'), [], { COREPOOL_THREADS: 'many' });
    expect(threads.status).not.toBe(0);
    expect(threads.stderr).toContain('ERR_INVALID_ENV');
    const chosen = await runNode(fixture('load_esm.mjs'), [], { COREPOOL_BACKEND: 'gpu' });
    expect(chosen.status).not.toBe(0);
    expect(chosen.stderr).toContain("COREPOOL_BACKEND must be 'native', 'fallback' or 'auto'");
  });
});
