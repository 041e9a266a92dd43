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
          exclude: ['test/native/**', 'test/build/**', 'test/install/**', 'test/parity/**', 'test/unit/**'],
          env: { COREPOOL_BACKEND: 'fallback' },
        },
      },
    ],
  },
});
