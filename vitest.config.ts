import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dist = (file: string): string => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));

// Every suite runs twice: against the native backend (which must load) and
// against the worker_threads fallback. Tests import the built package, as a
// user would, so `npm test` builds first.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^corepool\/sync$/, replacement: dist('sync.js') },
      { find: /^corepool$/, replacement: dist('index.js') },
    ],
  },
  test: {
    testTimeout: 120_000,
    // Most suites wait on child processes (parity grids, installs, workers),
    // so three forks keep 2 cores busy instead of one.
    maxWorkers: 3,
    minWorkers: 1,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary_reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'native',
          include: ['test/**/*.test.ts'],
          env: { COREPOOL_BACKEND: 'native' },
        },
      },
      {
        extends: true,
        test: {
          name: 'fallback',
          include: ['test/**/*.test.ts'],
          // Build, unit and parity tests are backend-independent (parity spawns both
          // backends itself), and so are build and install checks; test/native is native-only.
          // Shared state and sync primitives (test/sync, test/shared) use no kernels,
          // and neither do Queue and Pipe (test/queue, test/pipe).
          // Pool suites use no kernels except test/pool/kernel_refs.test.ts, which runs on both.
          // Process, Manager and shared objects in Pool tasks use no kernels either,
          // nor do the Pool and Queue chaos suites (test/chaos). The n-dimensional container (test/nd) runs on both: kernels take NDArrays next.
          // README's blocks (test/docs) use only the public API, which both backends serve alike.
          // The benchmark report (test/report) renders saved figures and measures nothing.
          exclude: [
            'test/docs/**',
            'test/report/**',
            'test/chaos/**',
            'test/native/**',
            'test/build/**',
            'test/install/**',
            'test/parity/**',
            'test/unit/**',
            'test/sync/**',
            'test/shared/**',
            'test/queue/**',
            'test/pipe/**',
            'test/pool/!(kernel_refs).test.ts',
            'test/process/**',
            'test/manager/**',
            'test/integration/shared_in_pool.test.ts',
          ],
          env: { COREPOOL_BACKEND: 'fallback' },
        },
      },
    ],
  },
});
