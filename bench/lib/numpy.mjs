/**
 * numpy as a reference point, through python3 when it is installed. Every
 * failure (no python3, no numpy) becomes { skipped: reason } so the rest of
 * the benchmark still runs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runJsonChild } from './child.mjs';
import { KERNELS, SIZES } from './config.mjs';

const SCRIPT = fileURLToPath(new URL('./numpy_bench.py', import.meta.url));

/** Runs numpy_bench.py; resolves with its result or with { skipped }. */
export async function benchNumpy() {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error !== undefined) return { skipped: 'python3 not found' };
  if (probe.status !== 0) return { skipped: 'numpy is not importable by python3' };
  try {
    return await runJsonChild('python3', [SCRIPT, JSON.stringify({ sizes: SIZES, kernels: KERNELS })]);
  } catch (error) {
    return { skipped: `numpy benchmark failed: ${error.message}` };
  }
}
