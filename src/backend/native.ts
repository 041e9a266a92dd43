/** The only module that loads the native binding (house rule 1). */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { NumericArray } from '../dtypes.js';
import type { MapInput } from '../kernels/map.js';
import type { HistSpec } from '../kernels/histogram.js';
import { RANDOM_KINDS } from '../kernels/random.js';
import type { Backend } from './backend.js';
import { INLINE_MAX_ELEMENTS } from './thresholds.js';

/** The raw exports of native/addon.cc. */
export interface Binding {
  pool_configure(threads: number): number;
  pool_info(): { threads: number; simd: string; napiVersion: number };
  kernel_names(): string[];
  reduce_async(id: number, a: NumericArray, b?: NumericArray, cancelFlag?: Int32Array): Promise<number>;
  reduce_sync(id: number, a: NumericArray, b?: NumericArray): number;
  /** (id, out, ...inputs, cancelFlag?) */
  map_async(id: number, out: NumericArray, ...rest: Array<MapInput | Int32Array | undefined>): Promise<boolean>;
  map_sync(id: number, out: NumericArray, ...ins: MapInput[]): void;
  /** (kind, out, key0, key1, start, a, b, cancelFlag?); see native/binding/random_binding.h */
  random_async(kind: number, out: NumericArray, key0: number, key1: number, start: number, a: number, b: number, flag?: Int32Array): Promise<boolean>;
  random_sync(kind: number, out: NumericArray, key0: number, key1: number, start: number, a: number, b: number): void;
  scan_async(id: number, out: NumericArray, x: NumericArray, cancelFlag?: Int32Array): Promise<boolean>;
  scan_sync(id: number, out: NumericArray, x: NumericArray): void;
  /** (mode, counts, a, weights, edges, cancelFlag?); see native/binding/histogram_binding.h */
  hist_async(mode: number, counts: Float64Array, a: NumericArray, weights: NumericArray | undefined, edges: Float64Array | undefined, cancelFlag?: Int32Array): Promise<boolean>;
  hist_sync(mode: number, counts: Float64Array, a: NumericArray, weights: NumericArray | undefined, edges: Float64Array | undefined): void;
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
    reduce(id, ops, flag) {
      const [a, b] = ops as [NumericArray, NumericArray?];
      if (a.length <= INLINE_MAX_ELEMENTS) {
        try {
          return Promise.resolve(binding.reduce_sync(id, a, b));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return binding.reduce_async(id, a, b, flag);
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
    random(p, out, flag) {
      if (out.length <= INLINE_MAX_ELEMENTS) {
        try {
          binding.random_sync(RANDOM_KINDS.indexOf(p.kind), out, p.key0, p.key1, p.start, p.a, p.b);
          return Promise.resolve(true);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return binding.random_async(RANDOM_KINDS.indexOf(p.kind), out, p.key0, p.key1, p.start, p.a, p.b, flag);
    },
    randomSync(p, out) {
      binding.random_sync(RANDOM_KINDS.indexOf(p.kind), out, p.key0, p.key1, p.start, p.a, p.b);
    },
    scan(id, out, x, flag) {
      if (x.length <= INLINE_MAX_ELEMENTS) {
        try {
          binding.scan_sync(id, out, x);
          return Promise.resolve(true);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return binding.scan_async(id, out, x, flag);
    },
    scanSync(id, out, x) {
      binding.scan_sync(id, out, x);
    },
    histogram(spec, counts, flag) {
      if (spec.a.length <= INLINE_MAX_ELEMENTS) {
        try {
          binding.hist_sync(spec.mode, counts, spec.a, spec.weights, spec.edges);
          return Promise.resolve(true);
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return binding.hist_async(spec.mode, counts, spec.a, spec.weights, spec.edges, flag);
    },
    histogramSync(spec, counts) {
      binding.hist_sync(spec.mode, counts, spec.a, spec.weights, spec.edges);
    },
  };
}
