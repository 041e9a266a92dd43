/** The only module that loads the native binding (house rule 1). */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';
import type { Backend } from './backend.js';
import { INLINE_MAX_ELEMENTS } from './thresholds.js';

/** The raw exports of native/addon.cc. */
export interface Binding {
  pool_configure(threads: number): number;
  pool_info(): { threads: number; simd: string; napiVersion: number };
  kernel_names(): string[];
  reduce_async(id: number, a: NumericArray, b?: NumericArray): Promise<number>;
  reduce_sync(id: number, a: NumericArray, b?: NumericArray): number;
  /** (id, out, ...inputs, cancelFlag?) */
  map_async(id: number, out: NumericArray, ...rest: Array<MapInput | Int32Array | undefined>): Promise<boolean>;
  map_sync(id: number, out: NumericArray, ...ins: MapInput[]): void;
}

/** Package root: dist/ and src/ both sit one level below it. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Loads build/Release or the matching prebuild; throws when neither loads. */
export function loadBinding(): { binding: Binding; path: string } {
  const require = createRequire(import.meta.url);
  const gypBuild = require('node-gyp-build') as { path(dir: string): string };
  const path = gypBuild.path(PACKAGE_ROOT);
  return { binding: require(path) as Binding, path };
}

/** A backend on the native pool. `threads` sizes the pool if this process has not yet. */
export function createNativeBackend(binding: Binding, threads: number): Backend {
  binding.pool_configure(threads);
  const info = binding.pool_info();
  return {
    name: 'native',
    threads: info.threads,
    simd: info.simd,
    reduce(id, ops) {
      const [a, b] = ops as [NumericArray, NumericArray?];
      if (a.length <= INLINE_MAX_ELEMENTS) {
        try {
          return Promise.resolve(binding.reduce_sync(id, a, b));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return binding.reduce_async(id, a, b);
    },
    reduceSync(id, ops) {
      const [a, b] = ops as [NumericArray, NumericArray?];
      return binding.reduce_sync(id, a, b);
    },
    map(id, out, ins, flag) {
      if (out.length <= INLINE_MAX_ELEMENTS) {
        try {
          binding.map_sync(id, out, ...ins);
          return Promise.resolve(true);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return binding.map_async(id, out, ...ins, flag);
    },
    mapSync(id, out, ins) {
      binding.map_sync(id, out, ...ins);
    },
  };
}
