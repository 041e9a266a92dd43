import { defineConfig } from 'tsup';

// The library ships ESM and CommonJS with declarations; the worker entry is a
// separate ESM file that both formats start with `new Worker(...)`.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', sync: 'src/sync.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    shims: true,
    target: 'node20',
    platform: 'node',
    sourcemap: true,
  },
  {
    entry: {
      worker: 'src/worker/entry.ts',
      cli: 'src/cli.ts',
      pool_worker: 'src/worker/pool_entry.ts',
      process_worker: 'src/worker/process_entry.ts',
      pool_child: 'src/worker/pool_child.ts',
    },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    // Internal entries (workers, CLI): nobody imports them, so they ship
    // minified, with names kept for readable stack traces (issue 17's size budget).
    minify: true,
    keepNames: true,
  },
]);
