/** Introspection: which backend runs, on how many threads, and why. */
import { createRequire } from 'node:module';
import type { BackendName } from './backend/backend.js';
import { acknowledgeBackend } from './backend/fallback_notice.js';
import { fallbackReason } from './backend/fallback_reason.js';
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
  /**
   * Why the fallback runs, in a few words for people: undefined on native;
   * else forced by COREPOOL_BACKEND=fallback, no native build for this
   * platform, a stale build, or the cause the install step recorded
   * (missing Python, make or compiler, a build error with its log path,
   * or COREPOOL_SKIP_BUILD=1).
   */
  reason: string | undefined;
  /**
   * The one step that gets the native backend, such as "run `npm rebuild
   * corepool` (needs python3, make and a C++ compiler)"; undefined on
   * native and when COREPOOL_BACKEND=fallback asked for the fallback.
   */
  fix: string | undefined;
}

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

/**
 * Describes the running backend. Calling it before the first kernel call
 * also silences the one-line fallback warning: the caller now knows.
 * @returns backend, threads, SIMD level, versions, and why native is not used if it is not.
 */
export function info(): CorepoolInfo {
  const { backend, nativeError, nativePath } = selection();
  acknowledgeBackend();
  const { reason, fix } = backend.name === 'native' ? { reason: undefined, fix: undefined } : fallbackReason(nativeError);
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
    reason,
    fix,
  };
}
