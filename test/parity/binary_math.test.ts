import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_KERNELS } from '../../src/kernels/registry.js';
import { differences, parityRun, type ParityRun } from '../helpers/parity_fused_runner.js';

// A child runs for up to a minute on a busy 2-core machine.
const RUN_TIMEOUT_MS = 600_000;
const FIXTURE = 'parity_binary_math.mjs';
const refDir = mkdtempSync(join(tmpdir(), 'corepool-parity-bm-'));

// Float results of the libm kernels (their spec rows say so: pow, atan2,
// logaddexp) come from libm natively and from V8's fdlibm in the fallback:
// each backend is bit-identical for every thread count, and pow and atan2
// are compared across backends within 2 ulp. Everything else (mod, hypot, copysign, integer
// powers…) is bit-identical across backends too.
const LIBM = MAP_KERNELS.filter((k) => k.spec.libm === true).map((k) => k.name);
// logaddexp is left out of the ulp bound: x + log1p(exp(−|x − y|)) cancels
// when x is near −ln 2, where the libms' 1-ulp differences in exp and log1p
// become many ulps of a result near zero. Its accuracy is checked against
// numpy instead (binary_math_numpy.test.ts); pow and atan2 (the fixture's
// default PARITY_ULP_OPS) get the ulp comparison.
const libmKey = (key: string, run: ParityRun): boolean =>
  LIBM.includes(key.slice(0, key.indexOf('/'))) && /^Float(64|32)Array/.test(String(run.results[key]));
const ulpKey = (key: string): boolean => key.endsWith('/ulp');

describe('the binary math family: parity across backends and thread counts', () => {
  let reference: ParityRun;
  beforeAll(async () => {
    reference = await parityRun(FIXTURE, { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: '2', PARITY_REF_DIR: refDir, PARITY_WRITE: '1' });
  }, RUN_TIMEOUT_MS);
  let firstFallback: ParityRun | undefined;
  afterAll(() => rmSync(refDir, { recursive: true, force: true }));

  it('covers the whole grid', () => {
    expect(reference.backend).toBe('native');
    expect(Object.keys(reference.results).length).toBeGreaterThan(3000);
  });

  it.each(['1', '3'])(
    'native with COREPOOL_THREADS=%s gives the same bits as with 2',
    async (threads) => {
      const run = await parityRun(FIXTURE, { COREPOOL_BACKEND: 'native', COREPOOL_THREADS: threads });
      expect(run.threads).toBe(Number(threads));
      expect(differences(reference, run)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it.each(['1', '3'])(
    'fallback with %s workers: exact where promised, float pow/atan2 within 2 ulp of native',
    async (threads) => {
      const run = await parityRun(FIXTURE, { COREPOOL_BACKEND: 'fallback', COREPOOL_THREADS: threads, PARITY_REF_DIR: refDir });
      expect(run.backend).toBe('fallback');
      expect(differences(reference, run, (key) => ulpKey(key) || libmKey(key, reference))).toEqual([]);
      const ulps = Object.entries(run.results).filter(([key]) => ulpKey(key));
      expect(ulps.length).toBeGreaterThan(100);
      const worst = Math.max(...ulps.map(([, u]) => Number(u)));
      expect(ulps.filter(([, u]) => Number(u) > 2)).toEqual([]);
      expect(worst).toBeLessThanOrEqual(2);
      // Every fallback worker count gives the same bits, the float results included.
      firstFallback ??= run;
      expect(differences(firstFallback, run, ulpKey)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );
});
