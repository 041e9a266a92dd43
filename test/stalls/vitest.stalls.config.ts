// vitest.config.ts plus the stall monitor (scripts/stalls.mjs uses it).
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    root: fileURLToPath(new URL('../..', import.meta.url)),
    test: { setupFiles: [fileURLToPath(new URL('./stall_monitor.ts', import.meta.url))] },
  }),
);
