/** Introspection: which backend runs, on how many threads, and why. */
import { createRequire } from 'node:module';
import type { BackendName } from './backend/backend.js';
import { selection } from './backend/select.js';

/** What {@link info} reports. */
export interface CorepoolInfo {
  backend: BackendName;
  threads: number;
  /** Vector instruction set of the native kernels, or 'none' on the fallback. */
  simd: string;
  versions: { corepool: string; node: string; v8: string; napi: string | undefined };
  /** Path of the loaded native binary: in use when native, refused as a stale build when fallback. */
  nativePath: string | undefined;
  /**
   * Why the native backend is not in use, when fallback: forced, failed to
   * load, or "native build is stale: …" when the addon's kernel tables or
   * build id differ from this JS (src/backend/binding_check.ts).
   */
  nativeError: string | undefined;
}

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

/**
 * Describes the running backend.
 * @returns backend, threads, SIMD level, versions, and the native load error if any.
 */
export function info(): CorepoolInfo {
  const { backend, nativeError, nativePath } = selection();
  return {
    backend: backend.name,
    threads: backend.threads,
    simd: backend.simd,
    versions: {
      corepool: packageVersion(),
      node: process.versions.node,
      v8: process.versions.v8,
      napi: process.versions.napi,
    },
    nativePath,
    nativeError,
  };
}
